"""Catalog tables over Kinesis streams and Kafka topics, read from each DDL format for the converter."""

import json
import textwrap

import pytest

from g2l_core.ddl.streams import read_stream_tables
from g2l_core.options import StreamTable

GLUE_EXPORT = json.dumps({"TableList": [
    {"Name": "Clicks", "DatabaseName": "Web", "TableType": "EXTERNAL_TABLE", "Parameters": {"classification": "json"},
     "StorageDescriptor": {"Columns": [{"Name": "user_id", "Type": "string"}, {"Name": "ts", "Type": "timestamp"}],
                           "Parameters": {"typeOfData": "kinesis", "streamARN": "arn:aws:kinesis:eu-west-1:1:stream/clicks",
                                          "endpointUrl": "https://kinesis.eu-west-1.amazonaws.com"}}},
    {"Name": "orders", "DatabaseName": "web", "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"}],
                                                                   "Location": "s3://lake/orders/"}},
]})

CLOUDFORMATION = textwrap.dedent("""\
    Parameters:
      Topic: {Type: String, Default: meter-readings}
    Resources:
      ReadingsTable:
        Type: AWS::Glue::Table
        Properties:
          CatalogId: !Ref AWS::AccountId
          DatabaseName: telemetry
          TableInput:
            Name: readings_stream
            Parameters: {classification: csv}
            StorageDescriptor:
              Columns:
                - {Name: meter_id, Type: string}
                - {Name: kwh, Type: double}
              SerdeInfo:
                Parameters: {field.delim: "|"}
              Parameters:
                typeOfData: kafka
                topicName: !Ref Topic
                kafka.bootstrap.servers: b-1.msk:9092
    """)

SQL = textwrap.dedent("""\
    CREATE EXTERNAL TABLE sales.payments_stream (payment_id bigint, amount decimal(12,2))
    STORED AS TEXTFILE LOCATION 's3://unused/'
    TBLPROPERTIES ('classification'='json', 'typeOfData'='kafka', 'topicName'='payments', 'connectionName'='msk-pay');
    CREATE TABLE sales.plain (id int);
    """)


TERRAFORM = textwrap.dedent("""\
    variable "env" {
      default = "prod"
    }

    resource "aws_glue_catalog_database" "telemetry" {
      name = "telemetry"
    }

    resource "aws_glue_catalog_table" "clicks" {
      name          = "clickstream_events"
      database_name = aws_glue_catalog_database.telemetry.name
      table_type    = "EXTERNAL_TABLE"
      parameters = {
        classification = "json"
      }
      storage_descriptor {
        location = "clickstream-${var.env}"
        parameters = {
          typeOfData = "kinesis"
          streamARN  = aws_kinesis_stream.clicks.arn
          streamName = "clickstream-${var.env}"
          region     = "eu-west-1"
        }
        columns {
          name = "session_id"
          type = "string"
        }
        columns {
          name    = "device"
          type    = "struct<os:string,version:string>"
          comment = "client"
        }
      }
    }
    """)


@pytest.mark.parametrize("path, text, key, expected", [
    pytest.param("catalog/web.json", GLUE_EXPORT, "web.clicks", StreamTable(
        "kinesis", {"classification": "json", "typeOfData": "kinesis", "streamARN": "arn:aws:kinesis:eu-west-1:1:stream/clicks",
                    "endpointUrl": "https://kinesis.eu-west-1.amazonaws.com"}, (("user_id", "string"), ("ts", "timestamp"))),
        id="glue-export-storage-parameters"),
    pytest.param("infra/tables.yaml", CLOUDFORMATION, "telemetry.readings_stream", StreamTable(
        "kafka", {"classification": "csv", "typeOfData": "kafka", "topicName": "meter-readings",
                  "kafka.bootstrap.servers": "b-1.msk:9092", "delimiter": "|"}, (("meter_id", "string"), ("kwh", "double"))),
        id="cloudformation-ref-and-serde-delimiter"),
    pytest.param("ddl/sales.sql", SQL, "sales.payments_stream", StreamTable(
        "kafka", {"classification": "json", "typeOfData": "kafka", "topicName": "payments", "connectionName": "msk-pay"},
        (("payment_id", "BIGINT"), ("amount", "DECIMAL(12, 2)"))), id="sql-tblproperties"),
    pytest.param("infra/glue.tf", TERRAFORM, "telemetry.clickstream_events", StreamTable(
        "kinesis", {"classification": "json", "typeOfData": "kinesis", "streamName": "clickstream-prod",
                    "region": "eu-west-1"},  # the stream's ARN is known only after apply: left out
        (("session_id", "string"), ("device", "struct<os:string,version:string>"))), id="terraform-resolved-references"),
])
def test_stream_tables_from_each_format(path, text, key, expected):
    tables = read_stream_tables({path: text})
    assert tables == {key: expected}  # the plain tables next to it are not streams


def test_schema_is_spark_ddl_with_quoted_names():
    table = StreamTable("kafka", {}, (("order id", "bigint"), ("items", "array<struct<sku:string,qty:int>>")))
    assert table.schema() == "`order id` bigint, `items` array<struct<sku:string,qty:int>>"
    assert StreamTable("kinesis").schema() is None


def test_terraform_tables_are_ddl_too():
    """The Terraform reader is a DDL format: its tables convert to Unity Catalog DDL like any catalog entry."""
    from g2l_core.ddl import DdlOptions, convert_ddl_file

    results = convert_ddl_file("infra/glue.tf", TERRAFORM, DdlOptions(catalog="lake"))
    assert [(r.status, r.target_full_name) for r in results] == [
        ("converted", "lake.telemetry"), ("flagged", "lake.telemetry.clickstream_events")]  # a stream: see below
    assert "device STRUCT<os: STRING, version: STRING> COMMENT 'client'" in results[1].ddl
    assert any("aws_kinesis_stream.clicks.arn" in w and "ddl_vars" in w for w in results[1].warnings)
    unnamed = convert_ddl_file("x.tf", 'resource "aws_glue_catalog_table" "t" {\n  name = "t"\n  database_name = var.db\n}\n',
                               DdlOptions())
    assert [r.status for r in unnamed] == ["error"]
    assert "templated name ${var.db} is not resolved" in unnamed[0].warnings[0]


def test_a_stream_table_is_flagged_and_never_gets_its_stream_as_location():
    """Its LOCATION names the stream or topic; as an external table's location it would point at nothing."""
    from g2l_core.ddl import DdlOptions, convert_ddl_file

    [kinesis] = [r for r in convert_ddl_file("catalog/web.json", GLUE_EXPORT, DdlOptions(external=True))
                 if r.target_full_name == "main.web.clicks"]
    assert kinesis.status == "flagged" and kinesis.table_kind == "managed" and kinesis.source_format == "stream"
    assert "LOCATION" not in kinesis.ddl and "read_files" not in kinesis.migration_hint
    assert kinesis.warnings[0].startswith("Glue table over a Kinesis stream: it stores nothing")
    [plain] = [r for r in convert_ddl_file("catalog/web.json", GLUE_EXPORT, DdlOptions(external=True))
               if r.target_full_name == "main.web.orders"]
    assert plain.status == "converted" and "LOCATION 's3://lake/orders/'" in plain.ddl
