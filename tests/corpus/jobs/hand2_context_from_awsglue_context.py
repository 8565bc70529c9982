"""Snapshot job importing DynamicFrame from awsglue.context, as some older jobs do."""

import sys

from awsglue.context import DynamicFrame, GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["snapshot_date"])
glueContext = GlueContext(SparkContext.getOrCreate())

accounts = glueContext.create_dynamic_frame.from_catalog(database="crm", table_name="accounts")
snapshot = accounts.toDF().withColumnRenamed("id", "account_id")
out = DynamicFrame.fromDF(snapshot, glueContext, "snapshot")
glueContext.write_dynamic_frame.from_options(
    frame=out,
    connection_type="s3",
    connection_options={"path": f"s3://snapshots/accounts/dt={args['snapshot_date']}/"},
    format="parquet",
)
