"""Smart-meter readings arrive on Kinesis as semicolon separated lines; each window is appended to the
bronze table."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "stream_arn"])
glue_context = GlueContext(SparkContext.getOrCreate())
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

readings = glue_context.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={
        "typeOfData": "kinesis",
        "streamARN": args["stream_arn"],
        "classification": "csv",
        "delimiter": ";",
        "inferSchema": "false",
        "schema": "`meter_id` STRING, `reading_kwh` DOUBLE, `read_at` TIMESTAMP",
        "startingPosition": "TRIM_HORIZON",
    },
    transformation_ctx="readings",
)


def append_window(batch_df, batch_id):
    # nothing to do for an empty window
    if batch_df.rdd.isEmpty():
        return
    (batch_df.withColumn("reading_date", F.to_date("read_at"))
     .write.mode("append").partitionBy("reading_date").saveAsTable("energy_bronze.meter_readings"))


glue_context.forEachBatch(
    frame=readings,
    batch_function=append_window,
    options={"windowSize": "2 minutes", "checkpointLocation": "s3://energy-checkpoints/meter_readings/"},
)
job.commit()
