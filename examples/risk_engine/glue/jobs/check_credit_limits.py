"""Compare counterparty exposure with approved credit limits and publish warnings/breaches.

A counterparty is reported once its utilisation reaches LIMIT_WARNING_PCT of an ACTIVE limit.
Output: risk_reporting.limit_breaches (one row per counterparty and limit type).
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job

from risk_common import readers, transforms, writers
from risk_common.config import (
    CURATED_DB,
    LIMIT_BREACH_PCT,
    LIMIT_WARNING_PCT,
    RAW_DB,
    REPORTING_DB,
    REPORTING_LIMIT_BREACHES_PATH,
)

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date"])
business_date = args["business_date"]

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

exposures = readers.read_catalog_table(
    glueContext, CURATED_DB, "exposures", business_date=business_date, transformation_ctx="exposures"
)
counterparties = readers.read_catalog_table(glueContext, CURATED_DB, "counterparties")
# Limits are maintained by Credit Risk in a spreadsheet and uploaded as csv (risk_raw.credit_limits)
limits = glueContext.create_dynamic_frame.from_catalog(
    database=RAW_DB,
    table_name="credit_limits",
    transformation_ctx="credit_limits",
)
limits = ApplyMapping.apply(
    frame=limits,
    mappings=[
        ("counterparty_id", "string", "limit_counterparty_id", "string"),
        ("limit_type", "string", "limit_type", "string"),
        ("limit_usd", "decimal(18,2)", "limit_usd", "double"),
        ("limit_status", "string", "limit_status", "string"),
        ("review_date", "string", "review_date", "date"),
    ],
    transformation_ctx="limits_mapped",
)

exposures.toDF().createOrReplaceTempView("exposures")
counterparties.toDF().createOrReplaceTempView("counterparties")
per_counterparty_df = spark.sql(
    """
    SELECT e.counterparty_id,
           c.counterparty_name,
           round(sum(e.exposure_usd), 2) AS total_exposure_usd,
           count(*) AS trade_count
    FROM exposures e
    LEFT JOIN counterparties c ON c.counterparty_id = e.counterparty_id
    GROUP BY e.counterparty_id, c.counterparty_name
    """
)
per_counterparty = DynamicFrame.fromDF(per_counterparty_df, glueContext, "per_counterparty")

with_limits = Join.apply(per_counterparty, limits, "counterparty_id", "limit_counterparty_id")

with_limits.toDF().createOrReplaceTempView("with_limits")
utilisation_df = spark.sql(
    f"""
    SELECT counterparty_id,
           counterparty_name,
           limit_type,
           limit_status,
           total_exposure_usd,
           limit_usd,
           round(total_exposure_usd / limit_usd * 100, 2) AS utilisation_pct,
           CASE WHEN total_exposure_usd / limit_usd * 100 >= {LIMIT_BREACH_PCT} THEN 'BREACH' ELSE 'WARNING' END
               AS breach_level,
           trade_count,
           '{business_date}' AS business_date
    FROM with_limits
    WHERE limit_usd > 0
    """
)
utilisation = DynamicFrame.fromDF(utilisation_df, glueContext, "utilisation")

# Suspended limits are handled by the credit officer directly, not by this report
breaches = Filter.apply(
    frame=utilisation,
    f=lambda row: row["utilisation_pct"] >= LIMIT_WARNING_PCT and row["limit_status"] == "ACTIVE",
    transformation_ctx="breaches_only",
)
breaches = breaches.drop_fields(["limit_status"])
breaches = transforms.drop_null_fields(breaches, transformation_ctx="breaches_drop_nulls")

writers.sink_to_catalog(
    glueContext,
    breaches,
    database=REPORTING_DB,
    table_name="limit_breaches",
    path=REPORTING_LIMIT_BREACHES_PATH,
    transformation_ctx="write_limit_breaches",
)

job.commit()
