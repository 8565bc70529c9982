"""Works on Glue and in unit tests: awsglue is optional at import time."""
import os

try:
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame

    ON_GLUE = True
except ImportError:  # pragma: no cover - local runs
    GlueContext = None
    DynamicFrame = None
    ON_GLUE = False

from pyspark.sql import DataFrame, SparkSession


def get_spark(app_name="etl"):
    if ON_GLUE:
        from pyspark.context import SparkContext

        return GlueContext(SparkContext.getOrCreate()).spark_session
    return SparkSession.builder.appName(app_name).master(os.environ.get("SPARK_MASTER", "local[*]")).getOrCreate()


def as_frame(glue_context, df: DataFrame, name: str):
    """DynamicFrame on Glue, the DataFrame itself elsewhere."""
    if ON_GLUE:
        return DynamicFrame.fromDF(df, glue_context, name)
    return df
