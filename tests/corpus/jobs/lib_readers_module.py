"""Readers shared by the ingestion jobs. Callers pass their glue_context."""
from awsglue.dynamicframe import DynamicFrame


def read_parquet(glue_context, paths, ctx="read_parquet"):
    """Parquet under one or more S3 prefixes, as a DynamicFrame."""
    if isinstance(paths, str):
        paths = [paths]
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": paths, "recurse": True},
        format="parquet",
        transformation_ctx=ctx,
    )


def read_csv(glue_context, path, sep=",", header=True):
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [path]},
        format="csv",
        format_options={"separator": sep, "withHeader": header},
    )


def to_dynamic(glue_context, df, name):
    # several callers still want DynamicFrames for the catalog writers
    return DynamicFrame.fromDF(df, glue_context, name)
