"""Nightly export of the billing schema from Aurora Postgres through the Glue connection."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

TABLES = ["public.invoices", "public.invoice_lines", "public.customers"]

for table in TABLES:
    frame = glueContext.create_dynamic_frame.from_options(
        connection_type="postgresql",
        connection_options={
            "useConnectionProperties": "true",
            "connectionName": "aurora-billing",
            "dbtable": table,
        },
        transformation_ctx=f"pg_{table.replace('.', '_')}",
    )
    # one folder per source table
    glueContext.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": f"s3://billing-lake/bronze/{table.split('.')[1]}/"},
        format="parquet",
    )
job.commit()
