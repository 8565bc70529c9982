"""Device heartbeats from Kinesis; each window is appended to the curated table through a sink built by a
small factory, which the job also keeps for its end-of-run summary."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "stream_name", "region"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

SINKS = []


def heartbeat_sink(table_name):
    """The curated table's sink; partitioned by day, the catalog updated with new columns."""
    sink = glueContext.getSink(
        connection_type="s3",
        path=f"s3://devices-lake/curated/{table_name}/",
        enableUpdateCatalog=True,
        updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=["day"],
    )
    sink.setFormat("glueparquet", compression="snappy")
    sink.setCatalogInfo(catalogDatabase="devices_curated", catalogTableName=table_name)
    SINKS.append(sink)
    return sink


heartbeats = glueContext.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={
        "streamName": args["stream_name"],
        "region": args["region"],
        "classification": "json",
        "inferSchema": "false",
        "schema": "`device_id` STRING, `battery` INT, `day` DATE",
        "startingPosition": "TRIM_HORIZON",
    },
)


def save_window(frame_df, window_id):
    if frame_df.count() > 0:
        heartbeat_sink("heartbeats").writeFrame(DynamicFrame.fromDF(frame_df, glueContext, "heartbeats"))


glueContext.forEachBatch(
    frame=heartbeats,
    batch_function=save_window,
    options={"windowSize": "1 minute", "checkpointLocation": "s3://devices-lake/_checkpoints/heartbeats/"},
)
print(f"{len(SINKS)} windows written")
job.commit()
