"""Nightly load of warehouse invoices into the reporting cluster and the archive table.

Options are annotated inline, the way many hand-maintained jobs are.
"""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "staging_dir", "warehouse_conn"])
glue_ctx = GlueContext(SparkContext.getOrCreate())
job = Job(glue_ctx)
job.init(args["JOB_NAME"], args)

invoices = glue_ctx.create_dynamic_frame.from_catalog(
    database="billing",
    table_name="invoices",  # crawled nightly from the landing bucket
)

glue_ctx.write_dynamic_frame.from_jdbc_conf(
    frame=invoices,
    catalog_connection=args["warehouse_conn"],
    connection_options={
        "database": "reporting",
        "dbtable": "finance.invoices",  # owned by the finance team
        "preactions": "TRUNCATE TABLE finance.invoices;",  # full reload every night
        # "postactions": "ANALYZE finance.invoices;",
    },
    redshift_tmp_dir=args["staging_dir"],  # the cluster role reads from here
)

glue_ctx.write_dynamic_frame.from_options(
    frame=invoices,
    connection_type="postgresql",
    connection_options={
        "useConnectionProperties": "true",
        "connectionName": "archive-pg",  # read replica is not writable
        "dbtable": "archive.invoices",
    },
)

job.commit()  # bookmarks are off for this job
