"""Load end-of-day FX fixings and vendor close prices; publish USD prices for the risk run.

Inputs (landing, read with from_options):
  s3://risk-landing/fx_rates/  - ECB/WMR fixing file, pretty-printed JSON, records under "rates"
  s3://risk-landing/prices/    - vendor close prices, parquet
Outputs: risk_curated.fx_rates, risk_curated.market_prices
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job

from risk_common.config import CURATED_DB, LANDING_FX_RATES_PATH
from risk_common.readers import read_landing_json

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date"])
business_date = args["business_date"]

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# --- FX --------------------------------------------------------------------
fx_raw = read_landing_json(glueContext, LANDING_FX_RATES_PATH, "$.rates[*]", transformation_ctx="fx_raw")
# USD comes through as 1 (int) and everything else as a float, so rate is choice<int,double>
fx_raw = ResolveChoice.apply(frame=fx_raw, specs=[("rate", "cast:double")], transformation_ctx="fx_resolve")
fx = ApplyMapping.apply(
    frame=fx_raw,
    mappings=[
        ("base_ccy", "string", "currency", "string"),
        ("rate", "double", "usd_rate", "double"),
        ("source.provider", "string", "rate_source", "string"),
        ("as_of_date", "string", "business_date", "string"),
    ],
    transformation_ctx="fx_mapped",
)
fx = Filter.apply(frame=fx, f=lambda row: row["usd_rate"] > 0 and row["business_date"] == business_date)

glueContext.write_dynamic_frame.from_catalog(
    frame=fx,
    database=CURATED_DB,
    table_name="fx_rates",
    transformation_ctx="write_fx_rates",
)

# --- Prices ----------------------------------------------------------------
prices_raw = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://risk-landing/prices/"]},
    format="parquet",
    transformation_ctx="prices_raw",
)
prices = ApplyMapping.apply(
    frame=prices_raw,
    mappings=[
        ("instrument_id", "string", "instrument_id", "string"),
        ("isin", "string", "isin", "string"),
        ("close_price", "double", "close_price", "double"),
        ("currency", "string", "price_currency", "string"),
        ("price_date", "string", "price_date", "date"),
        ("vendor", "string", "vendor", "string"),
    ],
    transformation_ctx="prices_mapped",
)

# Inner join: a price without a fixing for its currency must not reach the risk run
priced = Join.apply(frame1=prices, frame2=fx, keys1=["price_currency"], keys2=["currency"])

priced.toDF().createOrReplaceTempView("prices_with_fx")
market_prices_df = spark.sql(
    """
    SELECT instrument_id,
           isin,
           close_price,
           price_currency,
           usd_rate,
           round(close_price * usd_rate, 6) AS close_price_usd,
           price_date,
           vendor,
           business_date
    FROM prices_with_fx
    """
)
market_prices = DynamicFrame.fromDF(market_prices_df, glueContext, "market_prices")

glueContext.write_dynamic_frame.from_options(
    frame=market_prices,
    connection_type="s3",
    connection_options={
        "path": "s3://risk-data-lake/curated/market_prices/",
        "partitionKeys": ["business_date"],
    },
    format="parquet",
    transformation_ctx="write_market_prices",
)

job.commit()
