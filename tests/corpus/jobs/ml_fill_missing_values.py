import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from awsglueml.transforms import FillMissingValues
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

homes = glueContext.create_dynamic_frame.from_catalog(database="realestate", table_name="listings")
# imputes sq_ft into a new column sq_ft_filled
filled = FillMissingValues.apply(frame=homes, missing_values_column="sq_ft", output_column="sq_ft_filled")
filled.toDF().write.mode("overwrite").parquet("s3://realestate-lake/listings_filled/")
