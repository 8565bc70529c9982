"""Refund reconciliation: one init function hands back the GlueContext, the session and the job."""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F


def init_glue(job_name, args):
    sc = SparkContext.getOrCreate()
    glue_context = GlueContext(sc)
    spark = glue_context.spark_session
    job = Job(glue_context)
    job.init(job_name, args)
    return glue_context, spark, job


def matched_refunds(glue_context, day):
    refunds = glue_context.create_dynamic_frame.from_catalog(database="payments", table_name="refunds").toDF()
    orders = glue_context.spark_session.table("payments.orders")
    return refunds.where(F.col("day") == day).join(orders, "order_id", "left")


args = getResolvedOptions(sys.argv, ["JOB_NAME", "day"])
glueContext, spark, job = init_glue(args["JOB_NAME"], args)
matched = matched_refunds(glueContext, args["day"])
unmatched = matched.where(F.col("amount").isNull())
print(f"{unmatched.count()} refunds without an order")
glueContext.write_dynamic_frame.from_options(
    frame=DynamicFrame.fromDF(matched, glueContext, "matched"),
    connection_type="s3",
    connection_options={"path": "s3://finance-reports/refunds/", "partitionKeys": ["day"]},
    format="parquet",
)
job.commit()
