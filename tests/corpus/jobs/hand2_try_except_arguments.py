"""Ingest job whose optional start date is read in a try block, with Job commit in finally."""

import logging
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("ingest")

args = getResolvedOptions(sys.argv, ["JOB_NAME", "bucket"])
try:
    start = getResolvedOptions(sys.argv, ["start_date"])["start_date"]
except Exception:  # the argument is optional
    start = None

glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

try:
    events = spark.read.json(f"s3://{args['bucket']}/events/")
    if start:
        events = events.where(F.col("event_date") >= start)
    log.info("rows: %d", events.count())
    events.write.mode("append").parquet(f"s3://{args['bucket']}/curated/events/")
finally:
    job.commit()
