"""Nightly export: required arguments plus optional ones collected in a loop, each with a default."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

REQUIRED = ["JOB_NAME", "source_db", "source_table"]
OPTIONAL = {"output_format": "parquet", "partition_col": "ingest_date"}

resolved = [name for name in OPTIONAL if f"--{name}" in sys.argv]
args = getResolvedOptions(sys.argv, REQUIRED + resolved)
for name, default in OPTIONAL.items():
    args.setdefault(name, default)

sc = SparkContext()
glueContext = GlueContext(sc)
logger = glueContext.get_logger()
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

source = glueContext.create_dynamic_frame.from_catalog(
    database=args["source_db"], table_name=args["source_table"], transformation_ctx="source"
)
logger.info(f"read {source.count()} rows")
source.printSchema()

glueContext.write_dynamic_frame.from_options(
    frame=source,
    connection_type="s3",
    connection_options={"path": "s3://exports-bucket/" + args["source_table"], "partitionKeys": [args["partition_col"]]},
    format=args["output_format"],
    transformation_ctx="sink",
)
job.commit()
