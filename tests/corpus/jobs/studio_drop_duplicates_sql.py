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


args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Step trainer landing
Steptrainerlanding_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="fitband", table_name="step_trainer_landing", transformation_ctx="Steptrainerlanding_node1"
)

# Script generated for node Customers curated
Customerscurated_node2 = glueContext.create_dynamic_frame.from_catalog(
    database="fitband", table_name="customers_curated", transformation_ctx="Customerscurated_node2"
)

# Script generated for node Keep curated devices
SqlQuery4410 = """
select distinct s.sensorReadingTime, s.serialNumber, s.distanceFromObject
from steps s
join customers c on s.serialNumber = c.serialNumber
"""
Keepcurateddevices_node3 = sparkSqlQuery(
    glueContext,
    query=SqlQuery4410,
    mapping={"steps": Steptrainerlanding_node1, "customers": Customerscurated_node2},
    transformation_ctx="Keepcurateddevices_node3",
)

# Script generated for node Drop Duplicates
DropDuplicates_node4 = DynamicFrame.fromDF(
    Keepcurateddevices_node3.toDF().dropDuplicates(),
    glueContext,
    "DropDuplicates_node4",
)

# Script generated for node Step trainer trusted
Steptrainertrusted_node5 = glueContext.getSink(
    path="s3://fitband-lake/step_trainer/trusted/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=[],
    enableUpdateCatalog=True,
    transformation_ctx="Steptrainertrusted_node5",
)
Steptrainertrusted_node5.setCatalogInfo(catalogDatabase="fitband", catalogTableName="step_trainer_trusted")
Steptrainertrusted_node5.setFormat("json")
Steptrainertrusted_node5.writeFrame(DropDuplicates_node4)
job.commit()
