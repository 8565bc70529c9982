"""Abstract base for jobs: subclasses get a logger, a session and their arguments."""

import abc
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext


class BaseJob(abc.ABC):
    ARGUMENTS: list = []

    def __init__(self):
        self.args = getResolvedOptions(sys.argv, ["JOB_NAME"] + self.ARGUMENTS)
        self.glue_context = GlueContext(SparkContext.getOrCreate())
        self.spark = self.glue_context.spark_session
        self.logger = self.glue_context.get_logger()
        self.job = Job(self.glue_context)

    @abc.abstractmethod
    def transform(self):
        raise NotImplementedError

    def execute(self):
        self.job.init(self.args["JOB_NAME"], self.args)
        try:
            self.logger.info("starting " + self.args["JOB_NAME"])
            self.transform()
        except Exception as exc:
            self.logger.error(f"job failed: {exc}")
            raise
        else:
            self.job.commit()


class ProductsJob(BaseJob):
    ARGUMENTS = ["catalog_db"]

    def transform(self):
        products = self.glue_context.create_dynamic_frame.from_catalog(
            database=self.args["catalog_db"], table_name="products"
        )
        self.glue_context.purge_s3_path("s3://marts/products/", {"retentionPeriod": 0})
        self.glue_context.write_dynamic_frame.from_options(
            frame=products, connection_type="s3",
            connection_options={"path": "s3://marts/products/"}, format="parquet",
        )


if __name__ == "__main__":
    ProductsJob().execute()
