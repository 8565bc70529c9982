"""Session factory used by the tests and by Glue; returns after configuring, nothing below the return."""
from awsglue.context import GlueContext
from pyspark.context import SparkContext
from pyspark.sql import SparkSession


def build_glue_context(conf_overrides=None):
    sc = SparkContext.getOrCreate()
    glue_context = GlueContext(sc)
    for key, value in (conf_overrides or {}).items():
        glue_context.spark_session.conf.set(key, value)
    return glue_context


def get_session(app="glue-etl") -> SparkSession:
    return SparkSession.builder.appName(app).config("spark.sql.sources.partitionOverwriteMode", "dynamic").getOrCreate()
