"""Process-wide Glue handles, set once by the job entry point and read by every helper."""

from typing import Optional

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import DataFrame, SparkSession

SPARK: Optional[SparkSession] = None
GLUE: Optional[GlueContext] = None


def init_glue(glue_context: GlueContext) -> None:
    """Remember the job's contexts for the helpers below."""
    global SPARK, GLUE
    if glue_context is None:
        raise RuntimeError("GlueContext must not be None")
    GLUE = glue_context
    SPARK = glue_context.spark_session


def table(database: str, name: str) -> DataFrame:
    return GLUE.create_dynamic_frame.from_catalog(database=database, table_name=name).toDF()


def save(df: DataFrame, path: str) -> None:
    frame = DynamicFrame.fromDF(df, GLUE, "save")
    GLUE.write_dynamic_frame.from_options(frame=frame, connection_type="s3",
                                          connection_options={"path": path}, format="parquet")
