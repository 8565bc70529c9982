"""Turbine telemetry from Kinesis: hot readings are re-published to the alerts stream, every window is
kept in the lake. Retries a failing window three times before the job fails."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.transforms import ApplyMapping
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "source_stream_arn", "alerts_stream_arn", "lake_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

TELEMETRY_SCHEMA = "`turbine_id` STRING, `rpm` DOUBLE, `temp_c` DOUBLE, `measured_at` TIMESTAMP"

telemetry = glueContext.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={
        "typeOfData": "kinesis",
        "streamARN": args["source_stream_arn"],
        "classification": "json",
        "inferSchema": "false",
        "schema": TELEMETRY_SCHEMA,
        "startingPosition": "LATEST",
        "maxFetchTimeInMs": 15000,
    },
    transformation_ctx="telemetry",
)


def publish_window(window_df, window_id):
    if window_df.count() == 0:
        return
    readings = DynamicFrame.fromDF(window_df, glueContext, "readings")
    mapped = ApplyMapping.apply(
        frame=readings,
        mappings=[
            ("turbine_id", "string", "turbine_id", "string"),
            ("temp_c", "double", "temp_c", "double"),
            ("measured_at", "timestamp", "measured_at", "timestamp"),
        ],
        transformation_ctx="mapped",
    )
    hot = DynamicFrame.fromDF(mapped.toDF().where(F.col("temp_c") > 85), glueContext, "hot")
    # one alert record per hot reading, keyed by the turbine fleet
    glueContext.write_dynamic_frame.from_options(
        frame=hot,
        connection_type="kinesis",
        connection_options={
            "streamARN": args["alerts_stream_arn"],
            "partitionKey": "turbines",
            "aggregationEnabled": "false",
        },
    )
    glueContext.write_dynamic_frame.from_options(
        frame=readings,
        connection_type="s3",
        connection_options={"path": args["lake_path"], "partitionKeys": ["turbine_id"]},
        format="parquet",
    )


glueContext.forEachBatch(
    frame=telemetry,
    batch_function=publish_window,
    options={
        "windowSize": "30 seconds",
        "checkpointLocation": args["lake_path"] + "_checkpoints/telemetry/",
        "batchMaxRetries": 3,
    },
)
job.commit()
