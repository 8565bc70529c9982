"""Schema exploration job: sample a few records from each landing table and print their schema."""
import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database"])
glueContext = GlueContext(SparkContext.getOrCreate())

for table in ("orders", "payments", "refunds"):
    # 50 records is enough to see the choice types
    sample = glueContext.create_sample_dynamic_frame_from_catalog(
        database=args["database"], table_name=table, num=50, sample_options={"maxSamplePartitions": 2}
    )
    print(f"--- {table}")
    sample.printSchema()
    sample.toDF().show(5, truncate=False)
