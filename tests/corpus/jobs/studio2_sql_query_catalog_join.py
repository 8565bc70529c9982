import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame

def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = spark.sql(query)
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)
args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Script generated for node Sensor readings
Sensorreadings_node1709110000001 = glueContext.create_dynamic_frame.from_catalog(database="plant_iot", table_name="sensor_readings", transformation_ctx="Sensorreadings_node1709110000001")

# Script generated for node Enrich with asset registry
SqlQuery2231 = '''
select r.*, a.asset_name, a.line_id
from readings r
left join plant_ref.asset_registry a on r.asset_id = a.asset_id
where r.reading_value is not null
'''
Enrichwithassetregistry_node1709110000002 = sparkSqlQuery(glueContext, query = SqlQuery2231, mapping = {"readings":Sensorreadings_node1709110000001}, transformation_ctx = "Enrichwithassetregistry_node1709110000002")

# Script generated for node Curated readings
Curatedreadings_node1709110000003 = glueContext.write_dynamic_frame.from_catalog(frame=Enrichwithassetregistry_node1709110000002, database="plant_curated", table_name="readings_enriched", transformation_ctx="Curatedreadings_node1709110000003")

job.commit()
