"""Trade-level market value and credit exposure for one business date.

Reads risk_raw.trades, risk_curated.market_prices and risk_curated.counterparties;
writes risk_curated.exposures through a catalog-updating sink.
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job

from risk_common import readers, writers
from risk_common.config import CURATED_DB, CURATED_EXPOSURES_PATH, RAW_DB
from risk_common.risk_math import ExposureCalculator

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date"])
business_date = args["business_date"]

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Partition pruning happens in the catalog: only the business_date partition is listed
trades = glueContext.create_dynamic_frame.from_catalog(
    database=RAW_DB,
    table_name="trades",
    push_down_predicate=f"business_date = '{business_date}'",
    transformation_ctx="trades",
)
prices = readers.read_catalog_table(
    glueContext, CURATED_DB, "market_prices", business_date=business_date, transformation_ctx="market_prices"
)
counterparties = readers.read_catalog_table(glueContext, CURATED_DB, "counterparties")

# Only the USD close is needed; rename the key so the joined frame has no duplicate column
prices = SelectFields.apply(frame=prices, paths=["instrument_id", "close_price_usd"], transformation_ctx="px_select")
prices = RenameField.apply(frame=prices, old_name="instrument_id", new_name="px_instrument_id")

trades_priced = Join.apply(
    frame1=trades,
    frame2=prices,
    keys1=["instrument_id"],
    keys2=["px_instrument_id"],
    transformation_ctx="trades_priced",
)

calculator = ExposureCalculator()
exposures_df = calculator.exposures(trades_priced.toDF(), counterparties.toDF())

exposures = DynamicFrame.fromDF(exposures_df, glueContext, "exposures")
exposures = SelectFields.apply(
    frame=exposures,
    paths=[
        "trade_id",
        "desk",
        "counterparty_id",
        "instrument_id",
        "side",
        "quantity",
        "close_price_usd",
        "market_value_usd",
        "pfe_addon_usd",
        "exposure_usd",
        "rating_bucket",
        "business_date",
    ],
    transformation_ctx="exposures_select",
)

writers.sink_to_catalog(
    glueContext,
    exposures,
    database=CURATED_DB,
    table_name="exposures",
    path=CURATED_EXPOSURES_PATH,
    transformation_ctx="write_exposures",
)

job.commit()
