"""Readers of the ingestion package; DataFrame is imported through awsglue.context as older code did."""

from typing import Dict, List

from awsglue.context import DataFrame, GlueContext
from awsglue.dynamicframe import DynamicFrame


def catalog_frame(context: GlueContext, database: str, table: str) -> DataFrame:
    """A catalog table as a DataFrame."""
    return context.create_data_frame.from_catalog(database, table)


def csv_frames(context: GlueContext, paths: Dict[str, List[str]]) -> Dict[str, DataFrame]:
    frames = {}
    for name, locations in paths.items():
        frames[name] = context.create_dynamic_frame.from_options(
            connection_type="s3",
            connection_options={"paths": locations},
            format="csv",
            format_options={"withHeader": True, "separator": "|"},
        ).toDF()
    return frames


def as_dynamic(context: GlueContext, df: DataFrame, name: str) -> DynamicFrame:
    return DynamicFrame.fromDF(df, context, name)
