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

# Script generated for node Customer landing
Customerlanding_node1716201111001 = glueContext.create_dynamic_frame.from_options(format_options={"multiline": False}, connection_type="s3", format="json", connection_options={"paths": ["s3://fitband-lake/customer/landing/"], "recurse": True}, transformation_ctx="Customerlanding_node1716201111001")

# Script generated for node Consenting customers
SqlQuery0915 = '''
select * from myDataSource
where shareWithResearchAsOfDate is not null
'''
Consentingcustomers_node1716201122002 = sparkSqlQuery(glueContext, query = SqlQuery0915, mapping = {"myDataSource":Customerlanding_node1716201111001}, transformation_ctx = "Consentingcustomers_node1716201122002")

# Script generated for node Customer trusted
Customertrusted_node1716201133003 = glueContext.getSink(path="s3://fitband-lake/customer/trusted/", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=[], enableUpdateCatalog=True, transformation_ctx="Customertrusted_node1716201133003")
Customertrusted_node1716201133003.setCatalogInfo(catalogDatabase="fitband",catalogTableName="customer_trusted")
Customertrusted_node1716201133003.setFormat("json")
Customertrusted_node1716201133003.writeFrame(Consentingcustomers_node1716201122002)
job.commit()
