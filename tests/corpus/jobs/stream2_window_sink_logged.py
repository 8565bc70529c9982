"""Payments from Kafka land in the curated catalog table each window; the sink set-up is logged so the
operators see where a window went."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "bootstrap_servers"])
glueContext = GlueContext(SparkContext.getOrCreate())
logger = glueContext.get_logger()
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

payments = glueContext.create_data_frame.from_options(
    connection_type="kafka",
    connection_options={
        "bootstrap.servers": args["bootstrap_servers"],
        "security.protocol": "SSL",
        "topicName": "payments",
        "startingOffsets": "latest",
        "classification": "json",
        "inferSchema": "true",
    },
    transformation_ctx="payments",
)


def land_window(data_frame, batch_id):
    frame = DynamicFrame.fromDF(data_frame, glueContext, "payments_window")
    sink = glueContext.getSink(
        connection_type="s3",
        path="s3://payments-lake/curated/payments/",
        enableUpdateCatalog=True,
        updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=["currency"],
        transformation_ctx="payments_sink",
    )
    sink.setFormat("glueparquet")
    sink.setCatalogInfo(catalogDatabase="payments_curated", catalogTableName="payments")
    logger.info(f"window {batch_id} -> {sink}")
    sink.writeFrame(frame)


glueContext.forEachBatch(
    frame=payments,
    batch_function=land_window,
    options={"windowSize": "20 seconds", "checkpointLocation": "s3://payments-lake/_checkpoints/payments/"},
)
job.commit()
