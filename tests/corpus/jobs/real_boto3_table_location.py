import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database", "table"])
glue_client = boto3.client("glue")

sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)


def table_location(database: str, table: str) -> str:
    """S3 location of a catalog table, read from the Glue API."""
    response = glue_client.get_table(DatabaseName=database, Name=table)
    return response["Table"]["StorageDescriptor"]["Location"]


location = table_location(args["database"], args["table"])
df = spark.read.parquet(location)
df.groupBy("status").count().show()

frame = glueContext.create_dynamic_frame.from_catalog(database=args["database"], table_name=args["table"])
frame.toDF().write.mode("overwrite").parquet(location.rstrip("/") + "_backup/")
job.commit()
