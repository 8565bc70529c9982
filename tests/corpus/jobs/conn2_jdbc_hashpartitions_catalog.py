import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

## @params: [JOB_NAME]
args = getResolvedOptions(sys.argv, ["JOB_NAME"])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Parallel read from the catalog table backed by a PostgreSQL connection
ledger = glueContext.create_dynamic_frame.from_catalog(
    database="finance_pg",
    table_name="public_ledger_entries",
    additional_options={
        "hashfield": "entry_id",
        "hashpartitions": "16",
        "enablePartitioningForSampleQuery": True,
        "sampleQuery": "select * from public.ledger_entries where posted = true and",
    },
    transformation_ctx="ledger",
)

# Direct MySQL read with a driver shipped on S3
accounts = glueContext.create_dynamic_frame.from_options(
    connection_type="mysql",
    connection_options={
        "url": "jdbc:mysql://finance-mysql.internal:3306/core",
        "user": "etl_reader",
        "password": "not-a-secret",
        "dbtable": "accounts",
        "customJdbcDriverS3Path": "s3://finance-artifacts/drivers/mysql-connector-j-8.0.33.jar",
        "customJdbcDriverClassName": "com.mysql.cj.jdbc.Driver",
        "hashexpression": "account_id % 8",
        "hashpartitions": "8",
    },
    transformation_ctx="accounts",
)

# SQL Server read through a catalog connection, with a bulk size
fx = glueContext.create_dynamic_frame.from_options(
    connection_type="sqlserver",
    connection_options={
        "useConnectionProperties": "true",
        "connectionName": "treasury-sqlserver",
        "dbtable": "dbo.fx_rates",
        "jobBookmarkKeys": ["rate_id"],
        "jobBookmarkKeysSortOrder": "asc",
    },
    transformation_ctx="fx",
)

joined = ledger.join(["account_id"], ["account_id"], accounts)
rated = joined.join(["currency"], ["currency"], fx)

glueContext.write_dynamic_frame.from_jdbc_conf(
    frame=rated,
    catalog_connection="finance-postgres",
    connection_options={"dbtable": "reporting.ledger_fx", "database": "finance", "bulkSize": "500"},
    redshift_tmp_dir="",
    transformation_ctx="write_ledger_fx",
)

job.commit()
