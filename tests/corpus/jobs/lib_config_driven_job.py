"""One job, many tables: the pipeline comes from a JSON config in S3."""
import json
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

from lib_transform_registry import apply_all


def load_config(uri):
    bucket, key = uri.replace("s3://", "").split("/", 1)
    body = boto3.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
    return json.loads(body)


def main():
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "config_uri"])
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    config = load_config(args["config_uri"])
    for table in config["tables"]:
        src = glue_context.create_dynamic_frame.from_catalog(
            database=table["database"], table_name=table["name"], transformation_ctx=f"src_{table['name']}"
        )
        out = apply_all(src, table.get("steps", []))
        glue_context.write_dynamic_frame.from_options(
            frame=out,
            connection_type="s3",
            connection_options={"path": table["target"], "partitionKeys": table.get("partitions", [])},
            format="parquet",
        )
    job.commit()


if __name__ == "__main__":
    main()
