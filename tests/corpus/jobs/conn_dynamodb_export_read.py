import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "table_arn", "export_bucket"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# export-based read: no RCU consumed on the live table
profiles = glueContext.create_dynamic_frame.from_options(
    connection_type="dynamodb",
    connection_options={
        "dynamodb.export": "ddb",
        "dynamodb.tableArn": args["table_arn"],
        "dynamodb.s3.bucket": args["export_bucket"],
        "dynamodb.s3.prefix": "exports/profiles/",
        "dynamodb.unnestDDBJson": True,
    },
)
profiles.toDF().write.mode("overwrite").parquet("s3://profiles-lake/snapshot/")
job.commit()
