import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "gcp_project"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Google BigQuery
GoogleBigQuery_node1735000000001 = glueContext.create_dynamic_frame.from_options(
    connection_type="bigquery",
    connection_options={
        "connectionName": "bq-marketing",
        "parentProject": args["gcp_project"],
        "sourceType": "table",
        "table": "marketing.campaign_spend",
    },
    transformation_ctx="GoogleBigQuery_node1735000000001",
)

# Script generated for node Azure SQL
AzureSQL_node1735000000002 = glueContext.create_dynamic_frame.from_options(
    connection_type="azuresql",
    connection_options={"connectionName": "azure-crm", "dbtable": "dbo.accounts"},
    transformation_ctx="AzureSQL_node1735000000002",
)

# Script generated for node Join
Join_node1735000000003 = Join.apply(
    frame1=GoogleBigQuery_node1735000000001,
    frame2=AzureSQL_node1735000000002,
    keys1=["account_id"],
    keys2=["id"],
    transformation_ctx="Join_node1735000000003",
)

# Script generated for node Spend by account
Spendbyaccount_node1735000000004 = glueContext.write_dynamic_frame.from_options(
    frame=Join_node1735000000003,
    connection_type="s3",
    format="glueparquet",
    connection_options={"path": "s3://marketing-curated/spend_by_account/", "partitionKeys": []},
    format_options={"compression": "snappy"},
    transformation_ctx="Spendbyaccount_node1735000000004",
)

job.commit()
