"""Base class every job of the platform extends: arguments, contexts and the Glue job object."""

import sys
from dataclasses import dataclass, field
from typing import Dict

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark import SparkContext
from pyspark.sql import SparkSession


@dataclass
class GlueJob:
    """Holds what a job needs; subclasses implement run()."""

    arguments: Dict = None
    job_name: str = field(init=False)
    spark_context: SparkContext = field(init=False)
    glue_context: GlueContext = field(init=False)
    spark: SparkSession = field(init=False)
    job: Job = field(init=False)

    def __post_init__(self):
        self.arguments = getResolvedOptions(sys.argv, ["JOB_NAME", "env"])
        self.job_name = self.arguments["JOB_NAME"]
        self.spark_context = SparkContext.getOrCreate()
        self.glue_context = GlueContext(self.spark_context)
        self.spark = self.glue_context.spark_session
        self.job = Job(self.glue_context)
        self.job.init(self.job_name, self.arguments)

    def read(self, database: str, table: str):
        return self.glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table).toDF()

    def run(self):
        raise NotImplementedError

    def finish(self):
        self.job.commit()
