"""Drops columns that hold only placeholders, walking the frame's schema with Glue's type classes."""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.gluetypes import *
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

PLACEHOLDERS = {"", "null", "N/A", None}


def empty_columns(frame: DynamicFrame, schema, prefix=""):
    found = []
    for field in schema:
        path = f"{prefix}{field.name}"
        if isinstance(field.dataType, StructType):
            found += empty_columns(frame, field.dataType, path + ".")
        elif isinstance(field.dataType, NullType):
            found.append(path)
        elif isinstance(field.dataType, StringType):
            values = {row[0] for row in frame.toDF().select(path).distinct().collect()}
            if values <= PLACEHOLDERS:
                found.append(path)
    return found


args = getResolvedOptions(sys.argv, ["JOB_NAME", "input_path", "output_path"])
glueContext = GlueContext(SparkContext.getOrCreate())

raw = glueContext.create_dynamic_frame.from_options(
    connection_type="s3", connection_options={"paths": [args["input_path"]]}, format="json"
)
empty = empty_columns(raw, raw.schema())
cleaned = DropFields.apply(frame=raw, paths=empty)
glueContext.write_dynamic_frame.from_options(
    frame=cleaned, connection_type="s3", connection_options={"path": args["output_path"]}, format="parquet"
)
