"""Parse job that fails on bad input: error frames, stage error counts and frame type checks."""

import sys

from awsglue import DynamicFrame
from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["input_path", "output_path"])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.sparkSession


def as_frame(value):
    """Accepts a DynamicFrame or a DataFrame."""
    if isinstance(value, DynamicFrame):
        return value.toDF()
    return value


parsed = glueContext.create_dynamic_frame.from_options(
    connection_type="s3", connection_options={"paths": [args["input_path"]]}, format="csv",
    format_options={"withHeader": True, "separator": ";"},
)
if parsed.stageErrorsCount() > 0:
    parsed.errorsAsDynamicFrame().toDF().show(20, truncate=False)
    raise ValueError("unparseable rows in " + args["input_path"])

frame = as_frame(parsed)
print(f"{frame.count()} rows, columns {frame.columns}")
frame.toPandas().to_csv("/tmp/sample.csv")
frame.write.mode("overwrite").parquet(args["output_path"])
