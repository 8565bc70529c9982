"""Context manager owning the GlueContext and committing the job on a clean exit."""

from contextlib import ContextDecorator
from types import TracebackType
from typing import Optional, Type, cast

from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark import SparkConf, SparkContext


class ManagedGlueContext(ContextDecorator):
    glue_context: GlueContext
    job: Job

    def __init__(self, *, job_options: Optional[dict] = None, spark_conf: Optional[SparkConf] = None) -> None:
        self.job_options = job_options or {}
        self.spark_conf = spark_conf
        super().__init__()

    def __enter__(self) -> GlueContext:
        conf = self.spark_conf or SparkConf()
        spark_context = SparkContext.getOrCreate(conf=conf)
        self.glue_context = GlueContext(spark_context)
        self.job = Job(self.glue_context)
        self.job.init(self.job_options.get("JOB_NAME", ""), self.job_options)
        return cast(GlueContext, self.glue_context)

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> bool:
        if exc_type is None:
            self.job.commit()
        return False
