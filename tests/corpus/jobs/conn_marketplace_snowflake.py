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

# Script generated for node Snowflake connector
Snowflakeconnector_node1 = glueContext.create_dynamic_frame.from_options(
    connection_type="marketplace.spark",
    connection_options={
        "sfDatabase": "ANALYTICS",
        "sfSchema": "PUBLIC",
        "dbtable": "WEB_SESSIONS",
        "connectionName": "snowflake-marketplace",
        "className": "net.snowflake.spark.snowflake",
    },
    transformation_ctx="Snowflakeconnector_node1",
)

# Script generated for node Sessions
Sessions_node2 = glueContext.write_dynamic_frame.from_options(
    frame=Snowflakeconnector_node1,
    connection_type="s3",
    format="parquet",
    connection_options={"path": "s3://web-lake/sessions/", "partitionKeys": []},
    transformation_ctx="Sessions_node2",
)

job.commit()
