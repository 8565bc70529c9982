"""Readers returning DynamicFrames, so every job reads the catalog and landing zone the same way."""

from awsglue.dynamicframe import DynamicFrame

from risk_common.config import PARTITION_KEY


def read_catalog_table(glue_context, database, table_name, business_date=None, transformation_ctx=None):
    """Read a catalog table, pruning to one business date when the table is partitioned by it."""
    predicate = f"{PARTITION_KEY} = '{business_date}'" if business_date else ""
    return glue_context.create_dynamic_frame.from_catalog(
        database=database,
        table_name=table_name,
        push_down_predicate=predicate,
        transformation_ctx=transformation_ctx or f"read_{database}_{table_name}",
    )


def read_landing_csv(glue_context, path, separator=",", transformation_ctx=None) -> DynamicFrame:
    """Read a delimited landing feed; every file in the folder carries its own header line."""
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [path], "recurse": True},
        format="csv",
        format_options={"withHeader": True, "separator": separator, "quoteChar": '"'},
        transformation_ctx=transformation_ctx,
    )


def read_landing_json(glue_context, path, json_path, transformation_ctx=None) -> DynamicFrame:
    """Read a pretty-printed (multi-line) JSON feed and explode the records found at json_path."""
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [path]},
        format="json",
        format_options={"jsonPath": json_path, "multiline": True},
        transformation_ctx=transformation_ctx,
    )
