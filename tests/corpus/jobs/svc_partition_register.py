"""Writes the day's events as Parquet under the table's prefix, then registers the new partition so Athena sees it."""
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database", "table", "bucket", "run_date"])
glue_client = boto3.client("glue", region_name="eu-west-1")

glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

events = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [f"s3://{args['bucket']}/landing/events/{args['run_date']}/"]},
    format="json",
)
prefix = f"s3://{args['bucket']}/lake/events/dt={args['run_date']}/"
events.toDF().write.mode("overwrite").parquet(prefix)

table = glue_client.get_table(DatabaseName=args["database"], Name=args["table"])["Table"]
descriptor = dict(table["StorageDescriptor"], Location=prefix)
glue_client.batch_create_partition(
    DatabaseName=args["database"],
    TableName=args["table"],
    PartitionInputList=[{"Values": [args["run_date"]], "StorageDescriptor": descriptor}],
)
job.commit()
