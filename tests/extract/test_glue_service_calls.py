"""The inventory lists every call a file makes to the AWS Glue service (boto3 clients, awswrangler), with its
line; calls to other AWS services and look-alike methods of other libraries are not Glue's."""

from __future__ import annotations

import json
import textwrap

import pytest

from g2l_core.extract import extract_module

JOB = textwrap.dedent('''\
    """Refresh job."""
    import boto3
    import awswrangler as wr
    from awswrangler import catalog


    def restart(client, job):
        client.reset_job_bookmark(JobName=job)


    class Catalog:
        def __init__(self):
            self.glue = boto3.Session().client("glue")

        def location(self, db, table):
            return self.glue.get_table(DatabaseName=db, Name=table)["Table"]["StorageDescriptor"]["Location"]


    s3 = boto3.client("s3")
    athena = boto3.client(service_name="athena")
    s3.get_object(Bucket="b", Key="k")
    glue_client.start_job_run(JobName="next")
    glue_client = boto3.client("glue", region_name="eu-west-1")
    athena.start_query_execution(QueryString="SELECT 1")
    boto3.client("glue").start_crawler(Name="c")
    wr.s3.to_parquet(df=None, path="s3://b/t/", dataset=True, database="db", table="t")
    wr.s3.to_parquet(df=None, path="s3://b/plain/")
    catalog.table(database="db", table="t")
    s3.get_paginator("list_objects_v2")
''')


@pytest.fixture(scope="module")
def rows():
    return {r["name"]: r for r in extract_module(JOB, project="p", source_type="glue", file_path="jobs/refresh.py")}


def test_each_glue_service_call_with_its_line(rows):
    assert rows["refresh"]["glue_service_calls"] == [
        {"api": "boto3 glue.reset_job_bookmark", "line": 8},  # a parameter: boto3's keywords say it is Glue
        {"api": "boto3 glue.get_table", "line": 16},  # self.glue, bound in __init__
        {"api": "boto3 glue.start_job_run", "line": 22},  # bound later in the file than this use
        {"api": "boto3 athena.start_query_execution", "line": 24},
        {"api": "boto3 glue.start_crawler", "line": 25},
        {"api": "awswrangler s3.to_parquet", "line": 26},  # registers the files in a catalog table
        {"api": "awswrangler catalog.table", "line": 28},
    ]


def test_counted_as_glue_api_use_per_entity(rows):
    assert json.loads(rows["location"]["glue_api_calls"]) == {"boto3 glue.get_table": 1}
    assert rows["location"]["glue_service_calls"] == [{"api": "boto3 glue.get_table", "line": 16}]
    assert json.loads(rows["refresh"]["glue_api_calls"])["boto3 glue.start_crawler"] == 1


def test_other_services_and_libraries_are_not_glue():
    code = textwrap.dedent('''\
        import boto3

        s3 = boto3.client("s3")
        s3.get_paginator("list_objects_v2")
        catalog.get_table("db.t")
        glue_context.get_table(database="db", table="t")
    ''')
    (module,) = extract_module(code, project="p", source_type="glue", file_path="a.py")
    assert module["glue_service_calls"] == [] and module["glue_api_calls"] == "{}"
