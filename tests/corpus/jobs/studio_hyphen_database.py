import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Ledger source
# (the crawler named the database after the bucket, hyphens included)
Ledgersource_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="finance-raw-prod",
    table_name="gl-ledger_2023",
    transformation_ctx="Ledgersource_node1",
)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(
    frame=Ledgersource_node1,
    mappings=[
        ("acct-no", "string", "acct_no", "string"),
        ("posting-date", "string", "posting_date", "date"),
        ("amt", "double", "amount", "decimal(18,2)"),
    ],
    transformation_ctx="ChangeSchema_node2",
)

# Script generated for node Ledger curated
Ledgercurated_node3 = glueContext.write_dynamic_frame.from_catalog(
    frame=ChangeSchema_node2,
    database="finance-curated",
    table_name="2023_ledger",
    transformation_ctx="Ledgercurated_node3",
)

job.commit()
