"""Publish the curated customer dimension to the reporting Postgres via the Glue connection."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

dim = glueContext.create_dynamic_frame.from_catalog(database="crm_curated", table_name="dim_customer")

# truncate-and-load: the preaction empties the reporting table first
glueContext.write_dynamic_frame.from_jdbc_conf(
    frame=dim,
    catalog_connection="reporting-postgres",
    connection_options={"dbtable": "reporting.dim_customer", "database": "reporting", "preactions": "TRUNCATE TABLE reporting.dim_customer"},
    transformation_ctx="dim_out",
)
job.commit()
