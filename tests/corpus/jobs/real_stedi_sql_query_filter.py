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

# Script generated for node Customer Landing
CustomerLanding_node1 = glueContext.create_dynamic_frame.from_options(format_options={"multiline": False}, connection_type="s3", format="json", connection_options={"paths": ["s3://balance-lake/customer/landing/"], "recurse": True}, transformation_ctx="CustomerLanding_node1")

# Script generated for node Consenting Customers
SqlQuery913 = '''
select * from landing
where shareWithResearchAsOfDate is not null
and shareWithResearchAsOfDate <> 0
'''
ConsentingCustomers_node2 = sparkSqlQuery(glueContext, query = SqlQuery913, mapping = {"landing":CustomerLanding_node1}, transformation_ctx = "ConsentingCustomers_node2")

# Script generated for node Customer Trusted
CustomerTrusted_node3 = glueContext.getSink(path="s3://balance-lake/customer/trusted/", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=[], enableUpdateCatalog=True, transformation_ctx="CustomerTrusted_node3")
CustomerTrusted_node3.setCatalogInfo(catalogDatabase="balance",catalogTableName="customer_trusted")
CustomerTrusted_node3.setFormat("json")
CustomerTrusted_node3.writeFrame(ConsentingCustomers_node2)
job.commit()
