"""Copies the fleet telemetry collections from DocumentDB to the lake, credentials from the Glue connection."""
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "lake_path", "connection_name"])
glueContext = GlueContext(SparkContext.getOrCreate())

glue = boto3.client("glue", region_name="eu-central-1")
conn = glue.get_connection(Name=args["connection_name"], HidePassword=False)["Connection"]
props = conn["ConnectionProperties"]


def copy_collection(collection):
    source_options = {
        "uri": props["CONNECTION_URL"],
        "database": "fleet",
        "collection": collection,
        "username": props["USERNAME"],
        "password": props["PASSWORD"],
        "ssl": "true",
    }
    frame = glueContext.create_dynamic_frame.from_options(
        connection_type="documentdb",
        connection_options=source_options,
    )
    glueContext.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        format="parquet",
        connection_options={"path": f"{args['lake_path']}/fleet/{collection}/"},
    )


for name in ("vehicles", "trips", "fuel_events"):
    copy_collection(name)
