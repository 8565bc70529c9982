"""Older style: DataSource object from getSource for a Kinesis stream."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "stream_name"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

source = glueContext.getSource(
    connection_type="kinesis",
    streamName=args["stream_name"],
    startingPosition="TRIM_HORIZON",
    classification="json",
    inferSchema="true",
    region="us-east-2",
)
telemetry = source.getFrame()


def handle(batch, batch_id):
    # one json file per micro-batch, the downstream loader expects that
    batch.coalesce(1).write.mode("append").json("s3://telemetry-raw/kinesis/")


glueContext.forEachBatch(
    frame=telemetry,
    batch_function=handle,
    options={"windowSize": "10 seconds", "checkpointLocation": "s3://telemetry-raw/_chk/", "batchMaxRetries": 3},
)
job.commit()
