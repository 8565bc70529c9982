"""Job lifecycle helpers typed with the Glue classes they pass around."""

import sys
from typing import Dict, Optional, Tuple

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext


def start_job(names: list) -> Tuple[GlueContext, Job, Dict[str, str]]:
    args = getResolvedOptions(sys.argv, ["JOB_NAME", *names])
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    return glue_context, job, args


def finish_job(job: Optional[Job]) -> None:
    if job is not None:
        job.commit()


class Runner:
    job: Optional[Job] = None
    glue_context: Optional[GlueContext] = None

    def run(self, step) -> None:
        self.glue_context, self.job, args = start_job(["step"])
        step(self.glue_context, args)
        finish_job(self.job)
