import sys

from awsglue.context import GlueContext
from awsglue.transforms import ApplyMapping, Spigot
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

raw = glueContext.create_dynamic_frame.from_catalog(database="hr", table_name="employees_raw")
mapped = ApplyMapping.apply(frame=raw, mappings=[("emp_id", "string", "emp_id", "int"), ("salary", "string", "salary", "double")])
# sample 10 records to S3 for the data stewards
Spigot.apply(frame=mapped, path="s3://hr-debug/spigot/", options={"topk": 10})
if mapped.stageErrorsCount() > 0:
    mapped.errorsAsDynamicFrame().toDF().show()
mapped.assertErrorThreshold()
mapped.toDF().write.mode("overwrite").parquet("s3://hr-lake/employees/")
