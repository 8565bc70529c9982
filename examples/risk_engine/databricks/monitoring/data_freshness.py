"""Fail the workflow when a risk table has no partition for the business date being reported.

Databricks-native monitoring task; runs after the nightly jobs and before the report is published.
"""

import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

TABLES = [
    "risk_raw.trades",
    "risk_curated.market_prices",
    "risk_curated.exposures",
    "risk_curated.var_results",
    "risk_reporting.limit_breaches",
    "risk_reporting.daily_risk_summary",
]


def get_param(name, default):
    try:
        dbutils.widgets.text(name, default)  # noqa: F821 - provided by the Databricks runtime
        return dbutils.widgets.get(name)  # noqa: F821
    except NameError:
        return default


def stale_tables(spark, catalog, business_date):
    """(table, latest business_date or None) for every table that lacks business_date."""
    stale = []
    for name in TABLES:
        latest = spark.read.table(f"{catalog}.{name}").agg(F.max("business_date").alias("latest")).first()["latest"]
        if latest is None or latest < business_date:
            stale.append((name, latest))
    return stale


if __name__ == "__main__":
    spark = SparkSession.builder.getOrCreate()
    catalog = get_param("catalog", "main")
    business_date = get_param("business_date", "2024-03-28")
    stale = stale_tables(spark, catalog, business_date)
    for name, latest in stale:
        print(f"STALE {catalog}.{name}: latest business_date {latest}, expected {business_date}")
    if stale:
        sys.exit(1)
    print(f"All {len(TABLES)} risk tables have business_date {business_date}")
