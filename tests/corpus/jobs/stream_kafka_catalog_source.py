"""Orders from MSK (Kafka) via the catalog table, enriched and appended to the lake every minute."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "checkpoint"])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# streaming catalog table over the msk topic `orders`
orders_stream = glueContext.create_data_frame.from_catalog(
    database="streaming",
    table_name="orders_kafka",
    additional_options={"startingOffsets": "latest", "inferSchema": "false"},
    transformation_ctx="orders_stream",
)


def process_batch(batch_df, batch_id):
    if batch_df.rdd.isEmpty():
        return
    enriched = batch_df.withColumn("processed_at", F.current_timestamp())
    frame = DynamicFrame.fromDF(enriched, glueContext, "enriched")
    glueContext.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": "s3://orders-lake/stream/", "partitionKeys": ["order_date"]},
        format="parquet",
    )


glueContext.forEachBatch(
    frame=orders_stream,
    batch_function=process_batch,
    options={"windowSize": "60 seconds", "checkpointLocation": args["checkpoint"]},
)
job.commit()
