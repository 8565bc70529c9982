import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

base = glueContext.create_dynamic_frame.from_catalog(database="pricing", table_name="price_list")
updates = glueContext.create_dynamic_frame.from_catalog(database="pricing", table_name="price_updates")
# staging records replace base records with the same sku
merged = base.mergeDynamicFrame(updates, ["sku"])
glueContext.write_dynamic_frame.from_options(frame=merged, connection_type="s3", connection_options={"path": "s3://pricing-lake/current/"}, format="parquet")
