"""Clickstream sessionizer: a job class reads the clickstream catalog table (Kinesis), counts page views
per session each window and appends them to the sessions table."""
import logging
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

LOG = logging.getLogger("clickstream")


class ClickstreamJob:
    def __init__(self, glue_context, args):
        self.glue_context = glue_context
        self.args = args

    def count_views(self, batch_df, batch_id):
        views = batch_df.groupBy("session_id", "page").agg(F.count(F.lit(1)).alias("views"))
        frame = DynamicFrame.fromDF(views, self.glue_context, "views")
        self.glue_context.write_dynamic_frame.from_catalog(
            frame=frame, database="web_analytics", table_name="session_page_views"
        )
        LOG.info("window %s: %s rows", batch_id, views.count())

    def run(self):
        clicks = self.glue_context.create_data_frame.from_catalog(
            database="telemetry",
            table_name="clickstream_events",
            additional_options={"startingPosition": "TRIM_HORIZON"},
        )
        self.glue_context.forEachBatch(
            frame=clicks,
            batch_function=self.count_views,
            options={"windowSize": "2 minutes", "checkpointLocation": self.args["checkpoint_path"]},
        )


if __name__ == "__main__":
    job_args = getResolvedOptions(sys.argv, ["JOB_NAME", "checkpoint_path"])
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(job_args["JOB_NAME"], job_args)
    ClickstreamJob(glue_context, job_args).run()
    job.commit()
