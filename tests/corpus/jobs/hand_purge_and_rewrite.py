"""Rebuild one partition: purge what the previous run wrote, then write it again."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "run_date"])
sc = SparkContext()
glue_context = GlueContext(sc)
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

partition_path = f"s3://ledger-curated/balances/run_date={args['run_date']}/"
# retentionPeriod 0: delete everything, the day is rebuilt in full
glue_context.purge_s3_path(partition_path, options={"retentionPeriod": 0})

balances = glue_context.create_dynamic_frame.from_catalog(
    database="ledger",
    table_name="balances_staging",
    push_down_predicate=f"run_date = '{args['run_date']}'",
)
glue_context.write_dynamic_frame.from_options(
    frame=balances,
    connection_type="s3",
    connection_options={"path": "s3://ledger-curated/balances/", "partitionKeys": ["run_date"]},
    format="parquet",
)
job.commit()
