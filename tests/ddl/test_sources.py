"""Glue catalog JSON exports and CloudFormation/SAM templates convert like DDL files."""

from __future__ import annotations

import base64
import json

import sqlglot

from g2l_core.ddl import DdlOptions, convert_ddl_file

OPTS = DdlOptions(catalog="main", schema_map={"risk_raw": "raw"})

GLUE_TABLE = {
    "Name": "trades", "DatabaseName": "risk_raw", "Description": "booked trades", "TableType": "EXTERNAL_TABLE",
    "Parameters": {"classification": "csv", "skip.header.line.count": "1", "EXTERNAL": "TRUE"},
    "PartitionKeys": [{"Name": "business_date", "Type": "string", "Comment": "run date"}],
    "StorageDescriptor": {
        "Columns": [{"Name": "trade_id", "Type": "string", "Comment": "id"},
                    {"Name": "notional", "Type": "decimal(18,2)"},
                    {"Name": "legs", "Type": "array<struct<leg:int,ccy:varchar(3)>>"}],
        "Location": "s3://lake/raw/trades/",
        "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                      "Parameters": {"field.delim": ","}},
    },
}


def test_glue_get_tables_export():
    view_sql = "SELECT trade_id FROM risk_raw.trades"
    presto = base64.b64encode(json.dumps({"originalSql": view_sql}).encode()).decode()
    export = {"TableList": [
        GLUE_TABLE,
        {"Name": "v_ids", "DatabaseName": "risk_raw", "TableType": "VIRTUAL_VIEW",
         "ViewOriginalText": f"/* Presto View: {presto} */"},
        {"DatabaseName": "risk_raw"},
        {"Name": "bad_type", "DatabaseName": "risk_raw", "StorageDescriptor": {"Columns": [{"Name": "a", "Type": "uniontype<int,string>"}]}},
    ]}
    rs = convert_ddl_file("catalog/tables.json", json.dumps(export), OPTS)
    t, v, missing, bad = rs
    assert t.status == "flagged"  # csv with an array column
    assert sqlglot.parse_one(t.ddl, read="databricks").sql("databricks") == (
        "CREATE TABLE IF NOT EXISTS main.raw.trades (trade_id STRING COMMENT 'id', notional DECIMAL(18, 2), "
        "legs ARRAY<STRUCT<leg: INT, ccy: STRING>>, business_date STRING COMMENT 'run date') USING DELTA "
        "COMMENT 'booked trades' PARTITIONED BY (business_date)")
    assert "sep => ','" in t.migration_hint and "header => true" in t.migration_hint
    assert v.table_kind == "view" and "FROM main.raw.trades" in v.ddl
    assert missing.status == "error" and "catalog/tables.json" in missing.warnings[0] and "entry 3" in missing.warnings[0]
    assert bad.status == "error" and "bad_type" in bad.warnings[0] and "column a" in bad.warnings[0]


def test_glue_get_table_single():
    [r] = convert_ddl_file("t.json", json.dumps({"Table": {**GLUE_TABLE, "Name": "one"}}), OPTS)
    assert r.target_full_name == "main.raw.one"


CFN_YAML = """
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String, Default: prod}
  Bucket: {Type: String}
Resources:
  RawDb:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput:
        Name: !Sub 'risk_raw_${Env}'
        Description: raw zone
  PricesTable:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref RawDb
      TableInput:
        Name: prices
        TableType: EXTERNAL_TABLE
        Parameters: {classification: parquet}
        PartitionKeys: [{Name: dt, Type: string}]
        StorageDescriptor:
          Location: !Sub 's3://${Bucket}/prices/'
          InputFormat: org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat
          SerdeInfo: {SerializationLibrary: org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe}
          Columns:
            - {Name: isin, Type: string}
            - {Name: px, Type: double, Comment: close}
  Broken:
    Type: AWS::Glue::Table
    Properties:
      DatabaseName: !Ref RawDb
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: x.y}
"""


def test_cloudformation_yaml_with_short_tags():
    rs = convert_ddl_file("infra/glue.yaml", CFN_YAML, DdlOptions(catalog="main"))
    db, prices, broken = rs
    assert db.table_kind == "schema" and db.target_full_name == "main.risk_raw_prod"
    assert prices.target_full_name == "main.risk_raw_prod.prices" and prices.source_format == "parquet"
    assert [c.name for c in prices.columns] == ["isin", "px", "dt"] and prices.partition_columns == ["dt"]
    assert prices.location == "s3://${Bucket}/prices/"
    assert any("Bucket" in w for w in prices.warnings)
    assert broken.status == "error" and "resource Broken" in broken.warnings[0] and "infra/glue.yaml" in broken.warnings[0]


def test_cloudformation_json_intrinsics():
    tpl = {"Resources": {"T": {"Type": "AWS::Glue::Table", "Properties": {
        "DatabaseName": "risk_raw", "TableInput": {"Name": "t", "StorageDescriptor": {
            "Columns": [{"Name": "a", "Type": "int"}],
            "Location": {"Fn::Join": ["", ["s3://", "lake", "/t/"]]}}}}}}}
    [r] = convert_ddl_file("cfn.json", json.dumps(tpl), OPTS)
    assert r.target_full_name == "main.raw.t" and r.location == "s3://lake/t/"


def test_unrelated_json_and_broken_yaml():
    [skipped] = convert_ddl_file("package.json", '{"name": "x"}', OPTS)
    assert skipped.status == "skipped" and skipped.ddl is None
    assert skipped.warnings == ["package.json: skipped: not a Glue get-table/get-tables/get-databases JSON export "
                                "nor a CloudFormation/SAM template"]
    [r] = convert_ddl_file("bad.yaml", "a: [1, 2", OPTS)
    assert r.status == "error" and "bad.yaml" in r.warnings[0]
