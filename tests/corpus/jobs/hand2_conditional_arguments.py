"""Reprocessing job: run date from the arguments when given, else yesterday; one-argument job.init."""

import sys
from datetime import date, timedelta

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
run_date = (
    getResolvedOptions(sys.argv, ["run_date"])["run_date"]
    if "--run_date" in sys.argv
    else (date.today() - timedelta(days=1)).isoformat()
)

glue_context = GlueContext(SparkContext.getOrCreate())
job = Job(glue_context)
job.init(args["JOB_NAME"])

clicks = glue_context.create_data_frame.from_catalog(
    database="web", table_name="clicks", push_down_predicate=f"dt = '{run_date}'"
)
clicks.groupBy("page").count().write.mode("overwrite").parquet(f"s3://reports/clicks/dt={run_date}/")
job.commit()
