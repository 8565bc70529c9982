"""Daily snapshot of several catalog tables, read in a comprehension and written in a loop."""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

TABLES = ["customers", "orders", "payments"]

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database", "snapshot_date"])
sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

frames = {
    table: glueContext.create_dynamic_frame.from_catalog(database=args["database"], table_name=table).toDF()
    for table in TABLES
}
for table, df in frames.items():
    stamped = df.withColumn("snapshot_date", F.lit(args["snapshot_date"]))
    glueContext.write_dynamic_frame.from_options(
        frame=DynamicFrame.fromDF(stamped, glueContext, table),
        connection_type="s3",
        connection_options={"path": f"s3://snapshots/{table}/", "partitionKeys": ["snapshot_date"]},
        format="parquet",
    )
sizes = [frame.count() for frame in frames.values()]
print(dict(zip(TABLES, sizes)))
job.commit()
