"""Lookup enrichment: the session built first, the GlueContext made from it, SQL through the session."""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.sql import SparkSession

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
spark = SparkSession.builder.appName("enrich").enableHiveSupport().getOrCreate()
glue_context = GlueContext(spark.sparkContext)
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

lookup = glue_context.create_dynamic_frame.from_catalog(database="ref", table_name="country_codes").toDF()
lookup.createOrReplaceTempView("country_codes")
events = glue_context.create_data_frame.from_catalog(database="raw", table_name="web_events")
events.createOrReplaceTempView("web_events")

enriched = spark.sql(
    "SELECT e.*, c.country_name FROM web_events e LEFT JOIN country_codes c ON e.country = c.code"
)
result = DynamicFrame.fromDF(enriched, glue_context, "enriched")
glue_context.write_dynamic_frame.from_catalog(frame=result, database="curated", table_name="web_events_enriched")
job.commit()
