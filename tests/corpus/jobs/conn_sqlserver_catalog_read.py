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

# Script generated for node SQL Server table
SQLServertable_node1 = glueContext.create_dynamic_frame.from_options(
    connection_type="sqlserver",
    connection_options={
        "useConnectionProperties": "true",
        "dbtable": "dbo.GLAccounts",
        "connectionName": "erp-sqlserver",
    },
    transformation_ctx="SQLServertable_node1",
)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(
    frame=SQLServertable_node1,
    mappings=[
        ("AccountKey", "int", "account_key", "int"),
        ("AccountName", "string", "account_name", "string"),
        ("Balance", "decimal", "balance", "decimal"),
    ],
    transformation_ctx="ChangeSchema_node2",
)

# Script generated for node Accounts
Accounts_node3 = glueContext.write_dynamic_frame.from_catalog(
    frame=ChangeSchema_node2,
    database="erp",
    table_name="gl_accounts",
    transformation_ctx="Accounts_node3",
)

job.commit()
