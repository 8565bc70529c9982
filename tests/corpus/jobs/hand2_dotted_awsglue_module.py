"""Archive job written against the awsglue package by full dotted names."""

import sys

import awsglue.context
import awsglue.utils
from awsglue.job import Job
from pyspark.context import SparkContext

args = awsglue.utils.getResolvedOptions(sys.argv, ["JOB_NAME"])
glue_context = awsglue.context.GlueContext(SparkContext.getOrCreate())
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

history = glue_context.create_dynamic_frame.from_catalog(database="ops", table_name="history")
glue_context.write_dynamic_frame.from_options(
    frame=history,
    connection_type="s3",
    connection_options={"path": "s3://archive/history/"},
    format="glueparquet",
    format_options={"compression": "snappy"},
)
job.commit()
