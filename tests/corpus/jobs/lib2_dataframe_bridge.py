"""Converts between DataFrames and DynamicFrames for the transform layer (every argument order seen in callers)."""

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import DataFrame


def to_dynamic(df: DataFrame, glue_context: GlueContext, name: str = "converted") -> DynamicFrame:
    return DynamicFrame.fromDF(df, glue_context, name)


def to_dynamic_keywords(df: DataFrame, glue_context: GlueContext) -> DynamicFrame:
    return DynamicFrame.fromDF(dataframe=df, glue_ctx=glue_context, name="kw")


def to_dynamic_reordered(df: DataFrame, glue_context: GlueContext) -> DynamicFrame:
    return DynamicFrame.fromDF(name="reordered", glue_ctx=glue_context, dataframe=df)


def to_dynamic_mixed(df: DataFrame, glue_context: GlueContext) -> DynamicFrame:
    return DynamicFrame.fromDF(df, glue_ctx=glue_context, name="mixed")


def to_frame(dyf: DynamicFrame) -> DataFrame:
    return dyf.toDF()


def dedupe(dyf: DynamicFrame, keys: list) -> DynamicFrame:
    deduped = dyf.toDF().dropDuplicates(keys)
    return DynamicFrame.fromDF(deduped, dyf.glue_ctx, "deduped")
