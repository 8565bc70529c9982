"""Shared pytest fixtures: a Spark session and a GlueContext over it."""

import pytest
from awsglue.context import GlueContext
from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark():
    session = SparkSession.builder.master("local[1]").appName("tests").getOrCreate()
    yield session
    session.stop()


@pytest.fixture(scope="session")
def glueContext(spark):
    return GlueContext(spark.sparkContext)


@pytest.fixture
def sample_frame(glueContext):
    df = glueContext.spark_session.createDataFrame([(1, "a"), (2, "b")], ["id", "value"])
    return df
