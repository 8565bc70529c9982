"""Readers of the web analytics lake; the options were tuned by hand, notes kept beside them."""
from awsglue.context import GlueContext


def read_sessions(glue_context: GlueContext, day: str):
    return glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={
            "paths": [f"s3://web-lake/sessions/day={day}/"],  # one prefix per day
            "recurse": True,
        },
        format="parquet",  # was csv until the 2023 backfill
    ).toDF()


def read_clicks(glue_context: GlueContext, day: str):
    clicks = glue_context.create_dynamic_frame.from_catalog(
        database="web",
        table_name="clicks",
        # push_down_predicate=f"day = '{day}'",  # off while the partitions are rebuilt
    )
    return clicks.toDF().filter(f"day = '{day}'")
