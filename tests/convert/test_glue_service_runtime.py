"""boto3 Glue catalog calls converted to ``g2l_helpers`` answers, run on a real Spark Connect session (pysail)
against real Delta tables: the answers have the shape the job's code reads from Glue's responses."""

from __future__ import annotations

import textwrap
import types

import pytest

from g2l_core.convert import ConvertOptions, convert_source

JOB = '''\
import boto3

glue = boto3.client("glue", region_name="eu-west-1")


def location(database, table):
    return glue.get_table(DatabaseName=database, Name=table)["Table"]["StorageDescriptor"]["Location"]


def columns(database, table):
    described = glue.get_table(DatabaseName=database, Name=table)["Table"]
    return ([(c["Name"], c["Type"]) for c in described["StorageDescriptor"]["Columns"]],
            [(c["Name"], c["Type"]) for c in described["PartitionKeys"]])


def latest_day(database, table):
    days = []
    for page in glue.get_paginator("get_partitions").paginate(DatabaseName=database, TableName=table):
        days.extend(p["Values"][0] for p in page["Partitions"])
    return max(days)


def partitions(database, table):
    return [p["Values"] for p in glue.get_partitions(DatabaseName=database, TableName=table)["Partitions"]]
'''


@pytest.fixture(scope="module")
def events(spark, tmp_path_factory):
    """``main.svc_raw.events``: a Delta table partitioned by ``dt`` and ``region``."""
    location = tmp_path_factory.mktemp("events")
    spark.sql("CREATE SCHEMA IF NOT EXISTS main.svc_raw")
    spark.sql(f"CREATE TABLE main.svc_raw.events (id bigint, amount decimal(10,2), dt string, region string) "
              f"USING DELTA PARTITIONED BY (dt, region) LOCATION '{location.as_posix()}'")
    spark.sql("INSERT INTO main.svc_raw.events VALUES (1, 1.50, '2024-01-01', 'eu'), (2, 2.00, '2024-01-02', 'eu'), "
              "(3, 3.25, '2024-01-02', 'us')")
    yield location
    spark.sql("DROP TABLE IF EXISTS main.svc_raw.events")


@pytest.fixture(scope="module")
def job(helpers_on_path):
    result = convert_source(JOB, "job.py", ConvertOptions())
    assert result.error is None
    assert "boto3.client" not in result.code  # every call on the client was converted, so it went too
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    return types.SimpleNamespace(**namespace)


def test_table_location_is_the_unity_catalog_tables(spark, events, job):
    # Glue database names are matched as Glue does, ignoring case
    assert job.location("SVC_RAW", "events").rstrip("/").endswith(events.as_posix().rstrip("/"))


def test_columns_and_partition_keys_in_glue_shape(spark, events, job):
    assert job.columns("svc_raw", "events") == (
        [("id", "bigint"), ("amount", "decimal(10,2)")], [("dt", "string"), ("region", "string")])


def test_partitions_are_those_the_rows_hold(spark, events, job):
    assert job.partitions("svc_raw", "events") == [["2024-01-01", "eu"], ["2024-01-02", "eu"], ["2024-01-02", "us"]]
    assert job.latest_day("svc_raw", "events") == "2024-01-02"


def test_a_missing_table_fails_loudly(spark, job):
    with pytest.raises(Exception, match="(?i)not.*found|cannot be found|does not exist"):
        job.location("svc_raw", "no_such_table")


def test_flagged_calls_keep_the_job_runnable_code(helpers_on_path):
    """A call with no Unity Catalog answer keeps its code under a note: converting the rest must not break it."""
    code = convert_source(textwrap.dedent('''\
        import boto3

        glue = boto3.client("glue")
        info = glue.get_table(DatabaseName="svc_raw", Name="events")
        glue.start_crawler(Name="events_crawler")
    '''), "job.py", ConvertOptions()).code
    assert 'glue = boto3.client("glue")' in code  # still used by the flagged call below
    assert "# g2l: review: glue client start_crawler:" in code
    compile(code, "job.py", "exec")
