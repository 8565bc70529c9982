"""A context manager around GlueContext so scripts cannot forget job.commit()."""

from types import TracebackType

from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark import SparkContext


class ManagedGlueContext:
    def __init__(self, job_name, job_args=None):
        self.job_name = job_name
        self.job_args = job_args or {}

    def __enter__(self):
        self.glue_context = GlueContext(SparkContext.getOrCreate())
        self.job = Job(self.glue_context)
        self.job.init(self.job_name, self.job_args)
        return self.glue_context

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        if exc_type is None:
            self.job.commit()  # bookmarks only move on success
        return False


def read_orders(glue_context, day):
    return glue_context.create_dynamic_frame.from_catalog(
        database="sales", table_name="orders", push_down_predicate=f"day = '{day}'"
    )
