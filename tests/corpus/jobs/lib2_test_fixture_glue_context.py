"""Unit tests of the customer transforms, run against a local GlueContext."""

import sys

import pytest
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

from customer_pipeline import transforms


@pytest.fixture(scope="module")
def glue_context():
    sys.argv.extend(["--JOB_NAME", "unit-test"])
    args = getResolvedOptions(sys.argv, ["JOB_NAME"])
    context = GlueContext(SparkContext.getOrCreate())
    job = Job(context)
    job.init(args["JOB_NAME"], args)
    yield context
    job.commit()


def test_clean_customers_drops_nulls(glue_context):
    rows = [("1", "Ann", "2024-01-01"), (None, "Bob", "2024-01-02")]
    df = glue_context.spark_session.createDataFrame(rows, ["id", "name", "signup"])
    frame = DynamicFrame.fromDF(df, glue_context, "customers")
    cleaned = transforms.clean_customers(frame)
    assert cleaned.count() == 1
    assert cleaned.toDF().columns == ["customer_id", "full_name", "signup_date"]
