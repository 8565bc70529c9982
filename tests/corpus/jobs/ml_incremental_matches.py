import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from awsglueml.transforms import FindIncrementalMatches
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "transform_id"])
glueContext = GlueContext(SparkContext.getOrCreate())

existing = glueContext.create_dynamic_frame.from_catalog(database="crm", table_name="customers_matched")
incoming = glueContext.create_dynamic_frame.from_catalog(database="crm", table_name="customers_new", transformation_ctx="incoming")
# match only the new records against what was already matched
result = FindIncrementalMatches.apply(existingFrame=existing, incrementalFrame=incoming, transformId=args["transform_id"])
glueContext.write_dynamic_frame.from_options(frame=result, connection_type="s3", connection_options={"path": "s3://crm-lake/matched_increment/"}, format="parquet")
