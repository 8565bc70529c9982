"""Clickstream compaction: DynamicFrame methods beyond the usual transforms (show/repartition with Glue's
arguments, a schema hint, a partition-wise function, the frame's own write)."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "output_path"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

clicks = glueContext.create_dynamic_frame.from_catalog(
    database="web_raw", table_name="clicks", transformation_ctx="clicks"
)
clicks.show(num_rows=10)  # eyeball a few records in the job log


def stamp_partition(records):
    for record in records:
        record["compacted"] = True
        yield record


compacted = clicks.repartition(16, transformation_ctx="compacted", stageThreshold=100)
stamped = compacted.mapPartitions(stamp_partition)
stamped.write(
    connection_type="s3",
    connection_options={"path": args["output_path"]},
    format="parquet",
)
job.commit()
