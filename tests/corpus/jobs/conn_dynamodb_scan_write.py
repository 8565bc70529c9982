"""Copy the sessions table between regions: live scan in, batch write out."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

sessions = glueContext.create_dynamic_frame.from_options(
    connection_type="dynamodb",
    connection_options={
        "dynamodb.input.tableName": "sessions",
        "dynamodb.throughput.read.percent": "0.5",
        "dynamodb.splits": "40",
    },
)
glueContext.write_dynamic_frame.from_options(
    frame=sessions,
    connection_type="dynamodb",
    connection_options={
        "dynamodb.region": "eu-central-1",
        "dynamodb.output.tableName": "sessions_replica",
        "dynamodb.throughput.write.percent": "1.0",
    },
)
job.commit()
