"""Upserts the day's meter readings into the Iceberg table (Glue 4, --datalake-formats iceberg)."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "iceberg_warehouse", "run_date"])

sc = SparkContext()
glue_context = GlueContext(sc)
spark = glue_context.spark_session
spark.conf.set("spark.sql.catalog.glue_catalog", "org.apache.iceberg.spark.SparkCatalog")
spark.conf.set("spark.sql.catalog.glue_catalog.warehouse", args["iceberg_warehouse"])
spark.conf.set("spark.sql.catalog.glue_catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
spark.conf.set("spark.sql.catalog.glue_catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

readings = glue_context.create_dynamic_frame.from_catalog(
    database="metering_raw",
    table_name="readings",
    push_down_predicate=f"reading_date = '{args['run_date']}'",
).toDF()

daily = readings.groupBy("meter_id", "reading_date").agg(F.sum("kwh").alias("kwh"))
daily.createOrReplaceTempView("daily_usage")

# The target table was created once with Athena (table_type = ICEBERG).
spark.sql("""
    MERGE INTO glue_catalog.metering.daily_usage AS t
    USING daily_usage AS s
      ON t.meter_id = s.meter_id AND t.reading_date = s.reading_date
    WHEN MATCHED THEN UPDATE SET t.kwh = s.kwh
    WHEN NOT MATCHED THEN INSERT *
""")

spark.table("glue_catalog.metering.daily_usage").groupBy("reading_date").count().show()
daily.writeTo("glue_catalog.metering.daily_usage_history").append()

job.commit()
