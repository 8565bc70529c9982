"""Ingest the front-office trade extract into risk_raw.trades.

The FO system drops one pipe-delimited file per run into s3://risk-landing/trades/.
Runs with job bookmarks enabled (--job-bookmark-option job-bookmark-enable), so each run
only picks up files that arrived since the last successful commit. Do not remove the
transformation_ctx on the read below: the bookmark state is keyed on it.
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

from risk_common import transforms
from risk_common.config import LANDING_TRADES_PATH, RAW_DB, RAW_TRADES_PATH

args = getResolvedOptions(sys.argv, ["JOB_NAME"])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
logger = glueContext.get_logger()

# Bookmarked read - only new files since the last job.commit()
raw_trades = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [LANDING_TRADES_PATH], "recurse": True},
    format="csv",
    format_options={"withHeader": True, "separator": "|"},
    transformation_ctx="raw_trades_landing",
)

if raw_trades.count() == 0:
    # Nothing new landed; commit anyway so the bookmark run is recorded
    logger.info("No new trade files since last bookmark")
    job.commit()
    sys.exit(0)

resolved = transforms.resolve_as_strings(
    raw_trades, ["quantity", "price", "notional"], transformation_ctx="resolve_trade_choices"
)
mapped = transforms.map_trades(resolved, transformation_ctx="map_trades")
booked = transforms.keep_booked_trades(mapped, transformation_ctx="keep_booked_trades")
cleaned = DropNullFields.apply(frame=booked, transformation_ctx="drop_null_trade_fields")

logger.info(f"Writing {cleaned.count()} booked trades to {RAW_DB}.trades")

# getSink keeps the catalog in step: new business_date partitions are added on write
sink = glueContext.getSink(
    connection_type="s3",
    path=RAW_TRADES_PATH,
    enableUpdateCatalog=True,
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=["business_date"],
    transformation_ctx="write_raw_trades",
)
sink.setFormat("glueparquet")
sink.setCatalogInfo(catalogDatabase=RAW_DB, catalogTableName="trades")
sink.writeFrame(cleaned)

job.commit()
