import sys

from awsglue.context import GlueContext
from awsglue.transforms import SplitRows, Map
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

readings = glueContext.create_dynamic_frame.from_catalog(database="iot", table_name="meter_readings")


def to_kwh(rec):
    # meters report Wh
    rec["kwh"] = rec["wh"] / 1000.0
    return rec


converted = Map.apply(frame=readings, f=to_kwh)
# records the mapper failed on
print("errors:", converted.errorsCount())
split = SplitRows.apply(converted, {"kwh": {">": 50}}, "high", "normal")
high = split.select("high")
normal = split.select("normal")
glueContext.write_dynamic_frame.from_options(high, "s3", {"path": "s3://iot-curated/high_usage/"}, "parquet")
glueContext.write_dynamic_frame.from_options(normal, "s3", {"path": "s3://iot-curated/normal_usage/"}, "parquet")
