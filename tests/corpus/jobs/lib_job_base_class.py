"""Base class every job in the package inherits: owns GlueContext, Spark and the Job object."""
import logging
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

logger = logging.getLogger(__name__)


class BaseGlueJob:
    REQUIRED_ARGS = ["JOB_NAME"]

    def __init__(self):
        self.args = getResolvedOptions(sys.argv, self.REQUIRED_ARGS)
        self.sc = SparkContext.getOrCreate()
        self.glue_context = GlueContext(self.sc)
        self.spark = self.glue_context.spark_session
        self.job = Job(self.glue_context)
        self.job.init(self.args["JOB_NAME"], self.args)

    def read_table(self, database, table, ctx=None):
        # transformation_ctx only when the caller wants a bookmark
        if ctx:
            return self.glue_context.create_dynamic_frame.from_catalog(
                database=database, table_name=table, transformation_ctx=ctx
            )
        return self.glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table)

    def run(self):
        raise NotImplementedError

    def execute(self):
        try:
            self.run()
            self.job.commit()
        except Exception:
            logger.exception("job %s failed", self.args["JOB_NAME"])
            raise
