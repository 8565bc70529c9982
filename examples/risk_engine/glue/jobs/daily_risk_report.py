"""Desk-level daily risk summary for the 08:00 risk committee pack.

Combines exposures, VaR and limit breaches for one business date into
risk_reporting.daily_risk_summary (parquet, partitioned by business_date).
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job

from risk_common import writers
from risk_common.config import CURATED_DB, REPORTING_DAILY_SUMMARY_PATH, REPORTING_DB
from risk_common.readers import read_catalog_table

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date"])
business_date = args["business_date"]

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

exposures = read_catalog_table(glueContext, CURATED_DB, "exposures", business_date, "report_exposures")
var_results = read_catalog_table(glueContext, CURATED_DB, "var_results", business_date, "report_var")
breaches = read_catalog_table(glueContext, REPORTING_DB, "limit_breaches", business_date, "report_breaches")

exposures.toDF().createOrReplaceTempView("exposures")
var_results.toDF().createOrReplaceTempView("var_results")
breaches.toDF().createOrReplaceTempView("limit_breaches")

summary_df = spark.sql(
    f"""
    WITH desk_exposure AS (
        SELECT desk,
               count(*) AS trade_count,
               round(sum(abs(market_value_usd)), 2) AS gross_market_value_usd,
               round(sum(market_value_usd), 2) AS net_market_value_usd,
               round(sum(exposure_usd), 2) AS credit_exposure_usd
        FROM exposures
        GROUP BY desk
    ),
    desk_breaches AS (
        -- a counterparty in breach counts against every desk that trades with it
        SELECT e.desk, count(DISTINCT b.counterparty_id) AS breach_count
        FROM exposures e
        JOIN limit_breaches b ON b.counterparty_id = e.counterparty_id
        WHERE b.breach_level = 'BREACH'
        GROUP BY e.desk
    )
    SELECT d.desk,
           d.trade_count,
           d.gross_market_value_usd,
           d.net_market_value_usd,
           d.credit_exposure_usd,
           v.var_95_usd,
           v.var_99_usd,
           v.expected_shortfall_usd,
           coalesce(b.breach_count, 0) AS breach_count,
           v.model_version,
           '{business_date}' AS business_date
    FROM desk_exposure d
    LEFT JOIN var_results v ON v.desk = d.desk
    LEFT JOIN desk_breaches b ON b.desk = d.desk
    """
)
summary = DynamicFrame.fromDF(summary_df, glueContext, "summary")
summary = RenameField.apply(frame=summary, old_name="model_version", new_name="var_model_version")
# Columns published in the committee pack; keep in step with ddl/risk_reporting.sql
summary = SelectFields.apply(
    frame=summary,
    paths=[
        "desk",
        "trade_count",
        "gross_market_value_usd",
        "net_market_value_usd",
        "credit_exposure_usd",
        "var_95_usd",
        "var_99_usd",
        "expected_shortfall_usd",
        "breach_count",
        "var_model_version",
        "business_date",
    ],
)

writers.write_partitioned_parquet(
    glueContext, summary, REPORTING_DAILY_SUMMARY_PATH, transformation_ctx="write_daily_summary"
)

job.commit()
