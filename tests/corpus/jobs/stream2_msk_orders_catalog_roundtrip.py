"""Order events from the MSK catalog table are enriched per window and published to the order status
topic, which is described by its own catalog table."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

orders = glueContext.create_data_frame.from_catalog(
    database="streaming",
    table_name="orders_kafka",
    additional_options={"startingOffsets": "earliest", "inferSchema": "false"},
    transformation_ctx="orders",
)


def processBatch(data_frame, batchId):
    if data_frame.count() > 0:
        statuses = data_frame.select(
            "order_id",
            F.when(F.col("amount") > 1000, F.lit("REVIEW")).otherwise(F.lit("ACCEPTED")).alias("status"),
            F.current_timestamp().alias("changed_at"),
        )
        status_frame = DynamicFrame.fromDF(statuses, glueContext, "status_frame")
        glueContext.write_dynamic_frame.from_catalog(
            frame=status_frame,
            database="telemetry",
            table_name="order_events",
            transformation_ctx="order_events_sink",
        )


glueContext.forEachBatch(
    frame=orders,
    batch_function=processBatch,
    options={"windowSize": "60 seconds", "checkpointLocation": args["TempDir"] + "/" + args["JOB_NAME"] + "/checkpoint/"},
)
job.commit()
