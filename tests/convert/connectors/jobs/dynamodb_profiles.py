import sys
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

EXPORT_BUCKET = "profiles-exports"

# profiles exported from DynamoDB (point-in-time export already in S3)
profiles = glueContext.create_dynamic_frame.from_options(
    connection_type="dynamodb",
    connection_options={
        "dynamodb.export": "s3",
        "dynamodb.tableArn": "arn:aws:dynamodb:eu-west-1:111122223333:table/profiles",
        "dynamodb.s3.bucket": EXPORT_BUCKET,
        "dynamodb.s3.prefix": "profiles/",
        "dynamodb.unnestDDBJson": True,
    },
)
df = profiles.toDF()
summary = df.groupBy("country").agg(F.count("*").alias("profiles"), F.sum("visits").alias("visits"))
glueContext.write_dynamic_frame.from_options(
    frame=DynamicFrame.fromDF(summary, glueContext, "summary"),
    connection_type="s3",
    connection_options={"path": "s3://profiles-lake/summary/"},
    format="parquet",
)

# per-country counters go back to DynamoDB for the web app
glueContext.write_dynamic_frame.from_options(
    frame=summary,
    connection_type="dynamodb",
    connection_options={"dynamodb.output.tableName": "country-stats", "dynamodb.throughput.write.percent": "0.5"},
)
job.commit()
