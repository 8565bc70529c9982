import sys

from awsglue.context import GlueContext
from awsglue.transforms import Map, SplitFields
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

patients = glueContext.create_dynamic_frame.from_catalog(database="clinic", table_name="patients")


def mask(rec):
    # keep the last four digits only
    rec["ssn"] = "***-**-" + rec["ssn"][-4:]
    return rec


masked = Map.apply(frame=patients, f=mask)
parts = SplitFields.apply(frame=masked, paths=["ssn", "dob", "name"], name1="pii", name2="clinical")
glueContext.write_dynamic_frame.from_options(frame=parts.select("pii"), connection_type="s3", connection_options={"path": "s3://clinic-restricted/pii/"}, format="parquet")
glueContext.write_dynamic_frame.from_options(frame=parts.select("clinical"), connection_type="s3", connection_options={"path": "s3://clinic-lake/clinical/"}, format="parquet")
