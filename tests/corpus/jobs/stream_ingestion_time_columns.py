import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

logs = glueContext.create_data_frame.from_catalog(
    database="observability", table_name="app_logs_stream", transformation_ctx="logs"
)


def land(batch_df, batch_id):
    if batch_df.count() > 0:
        dyf = DynamicFrame.fromDF(glueContext.add_ingestion_time_columns(batch_df, "hour"), glueContext, "logs_dyf")
        # partitioned by ingest time, not event time
        glueContext.write_dynamic_frame.from_options(
            frame=dyf,
            connection_type="s3",
            connection_options={"path": "s3://obs-lake/app_logs/", "partitionKeys": ["ingest_year", "ingest_month", "ingest_day", "ingest_hour"]},
            format="parquet",
        )


glueContext.forEachBatch(frame=logs, batch_function=land, options={"windowSize": "5 minutes", "checkpointLocation": "s3://obs-lake/_chk/app_logs/"})
