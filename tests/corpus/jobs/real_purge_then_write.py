import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "target_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

snapshot = glueContext.create_dynamic_frame.from_catalog(database="inventory", table_name="stock_levels")

# the target keeps only the latest snapshot
glueContext.purge_s3_path(args["target_path"], options={"retentionPeriod": 0})
glueContext.write_dynamic_frame.from_options(
    frame=snapshot,
    connection_type="s3",
    connection_options={"path": args["target_path"]},
    format="parquet",
)
job.commit()
