"""Boilerplate every ETL job of the package shares: Spark/Glue set-up, options, and a managed commit."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, fields

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark import SparkConf, SparkContext
from pyspark.sql import SparkSession


@dataclass
class JobOptions:
    JOB_NAME: str
    source_database: str
    target_path: str


class EtlJob:
    """Owns the contexts; subclasses implement `run`."""

    options: JobOptions
    sc: SparkContext
    glue_context: GlueContext
    spark: SparkSession
    job: Job

    def __init__(self, conf: SparkConf | None = None) -> None:
        names = [f.name for f in fields(JobOptions)]
        self.options = JobOptions(**getResolvedOptions(sys.argv, names))
        self.sc = SparkContext.getOrCreate(conf=conf)
        self.glue_context = GlueContext(self.sc)
        self.spark = self.glue_context.spark_session
        self.job = Job(self.glue_context)
        self.job.init(self.options.JOB_NAME, {"--source_database": self.options.source_database})

    def table(self, name: str, predicate: str = ""):
        # catalog tables only; S3 paths go through `files`
        return self.glue_context.create_dynamic_frame.from_catalog(
            database=self.options.source_database,
            table_name=name,
            push_down_predicate=predicate,
        )

    @contextmanager
    def managed(self):
        yield self
        self.job.commit()

    def run(self) -> None:
        raise NotImplementedError
