#!/usr/bin/env python3
"""Daily revenue per store, written back to the catalog."""
import sys
import logging

from awsglue.utils import getResolvedOptions
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.context import SparkContext
from pyspark.sql import functions as F

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("daily_aggregate")

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

sales = glueContext.create_dynamic_frame.from_catalog(
    database="retail",
    table_name="sales_curated",
    push_down_predicate=f"sale_date = '{args['business_date']}'",
    transformation_ctx="sales",
).toDF()

# one row per store; revenue rounded to cents
daily = (
    sales.groupBy("store_id", "sale_date")
    .agg(F.sum(F.col("qty") * F.col("unit_price")).alias("revenue"), F.countDistinct("sku").alias("skus"))
    .withColumn("revenue", F.round("revenue", 2))
)
log.info("stores: %d", daily.count())

glueContext.write_dynamic_frame.from_catalog(
    frame=DynamicFrame.fromDF(daily, glueContext, "daily"),
    database="retail",
    table_name="daily_store_revenue",
    transformation_ctx="daily_sink",
)
job.commit()
