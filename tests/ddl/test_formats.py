"""The DDL format registry: each format declares suffixes and a content sniff; the dispatcher and the
inventory both read through it, so tables defined in Glue JSON or CloudFormation are inventory entities."""

from __future__ import annotations

import json

import polars as pl
import pytest

from g2l_core.ddl import formats
from g2l_core.ddl.sources import is_ddl_source, read_source
from g2l_core.extract import RepoSnapshot, build_inventory, extract_ddl_tables

GET_TABLES = json.dumps({"TableList": [{
    "Name": "fills", "DatabaseName": "desk_raw", "Description": "exchange fills", "TableType": "EXTERNAL_TABLE",
    "StorageDescriptor": {"Columns": [{"Name": "fill_id", "Type": "bigint"}], "Location": "s3://desk-lake/fills/",
                          "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"}},
}]}, indent=2)

STACK = """\
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  DeskDb:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput: {Name: !Sub 'desk_${Stage}'}
  QuotesTable:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref DeskDb
      TableInput:
        Name: quotes
        StorageDescriptor:
          Location: s3://desk-lake/quotes/
          Columns: [{Name: sym, Type: string}]
"""


def test_registry_declares_the_five_formats():
    names = {f.name: f.suffixes for f in formats.registered()}
    assert names == {
        "DDL text": (".sql", ".hql", ".ddl"),
        "a Python CDK app": (".py",),
        "a Glue get-table/get-tables/get-databases JSON export": (".json", ".sql"),
        "a CloudFormation/SAM template": (".yaml", ".yml", ".template", ".json"),
        "Terraform": (".tf", ".tf.json"),
    }
    assert [f.name for f in formats.for_path("x/STACK.JSON")] == [
        "a Glue get-table/get-tables/get-databases JSON export", "a CloudFormation/SAM template"]
    assert [f.name for f in formats.for_path("infra/glue.tf.json")] == [
        "a Glue get-table/get-tables/get-databases JSON export", "a CloudFormation/SAM template",
        "Terraform"]
    assert is_ddl_source("a/b.HQL") and is_ddl_source("infra/stack.py") and not is_ddl_source("a/b.txt")


@pytest.mark.parametrize("path, text, read", [
    ("t.sql", "CREATE TABLE d.t (a int)", [("table", "d.t", None, None)]),
    ("export.json", GET_TABLES, [("table", "desk_raw.fills", None, None)]),
    ("stack.yaml", STACK, [("database", "desk_dev", None, None), ("table", "desk_dev.quotes", None, None)]),
    ("stack.json", json.dumps({"Resources": {"Q": {"Type": "AWS::Glue::Table", "Properties": {
        "DatabaseName": "d", "TableInput": {"Name": "q"}}}}}), [("table", "d.q", None, None)]),
    ("package.json", '{"name": "web"}', [(None, None, None,
                                          "not a Glue get-table/get-tables/get-databases JSON export nor a "
                                          "CloudFormation/SAM template")]),
    ("ci.yml", "jobs: {build: {runs-on: x}}", [(None, None, None, "not a CloudFormation/SAM template")]),
    ("queues.yaml", "Resources: {Q: {Type: AWS::SQS::Queue}}",
     [(None, None, None, "CloudFormation template without AWS::Glue::Table or AWS::Glue::Database resources")]),
    ("broken.json", '{"TableList": [', [(None, None, "cannot load broken.json: Expecting value: line 1 column 16 (char 15)", None)]),
    ("notes.txt", "CREATE TABLE a (b int)", []),
])
def test_dispatch(path, text, read):
    got = [(s.table.kind if s.table else None, s.table.qualified_name if s.table else None, s.error, s.skipped)
           for s in read_source(path, text)]
    assert got == read


def test_inventory_tables_from_glue_json_and_cloudformation(tmp_git_repo):
    rows = extract_ddl_tables(GET_TABLES, project="p", file_path="catalog/export.json")
    assert [(r["entity_type"], r["full_path"], r["line_start"], r["docstring"], r["s3_paths"]) for r in rows] == [
        ("module", "catalog.export", 1, None, ["s3://desk-lake/fills/"]),
        ("table", "desk_raw.fills", 4, "exchange fills", ["s3://desk-lake/fills/"]),
    ]
    assert rows[1]["definition"] == "CREATE EXTERNAL TABLE desk_raw.fills"
    assert extract_ddl_tables('{"name": "web"}', project="p", file_path="package.json") == []

    repo = tmp_git_repo({"infra/stack.yaml": STACK, "catalog/export.json": GET_TABLES, "package.json": '{"a": 1}',
                         "ddl/t.sql": "CREATE TABLE desk_raw.orders (id int);\n", "jobs/j.py": "x = 1\n"})
    result = build_inventory(project="p", repos=[RepoSnapshot.from_git("glue", repo)], previous=None)
    tables = result.frame.filter((pl.col("entity_type") == "table") & pl.col("blob_sha").is_not_null())
    assert sorted(zip(tables["full_path"], tables["file_path"])) == [
        ("desk_dev.quotes", "infra/stack.yaml"), ("desk_raw.fills", "catalog/export.json"),
        ("desk_raw.orders", "ddl/t.sql")]
    assert "package.json" not in result.frame["file_path"].to_list()
    assert result.errors == []
