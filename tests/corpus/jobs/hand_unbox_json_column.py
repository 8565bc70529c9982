import sys
from awsglue.context import GlueContext
from awsglue.transforms import Unbox, UnnestFrame
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "out"])
glue_ctx = GlueContext(SparkContext.getOrCreate())

audit = glue_ctx.create_dynamic_frame.from_catalog(database="platform", table_name="audit_log")
# `payload` is a JSON document stored as a string
unboxed = Unbox.apply(frame=audit, path="payload", format="json")
flat = UnnestFrame.apply(frame=unboxed)
glue_ctx.write_dynamic_frame.from_options(
    frame=flat, connection_type="s3", connection_options={"path": args["out"]}, format="json"
)
