"""Terraform catalog resources (``aws_glue_catalog_table``/``aws_glue_catalog_database``) are DDL sources:
read as ``terraform apply`` would create them (variables, ``for_each``, ``dynamic "columns"``), one statement
per instance; what stays unknown or does not convert names the file, line and resource."""

import pytest

from g2l_core.ddl import DdlOptions
from g2l_core.ddl.convert import convert_statements
from g2l_core.ddl.sources import is_ddl_source, read_source

OPTS = DdlOptions(catalog="main")

CATALOG = '''
variable "env" { default = "prod" }
variable "columns" {
  default = [
    { name = "order_id", type = "bigint" },
    { name = "amount", type = "decimal(38,18)" },
  ]
}
locals { tables = { orders = "parquet", refunds = "parquet" } }

resource "aws_glue_catalog_database" "lake" {
  name         = "lake_${var.env}"
  location_uri = "s3://lake-${var.env}/"
}

resource "aws_glue_catalog_table" "facts" {
  for_each      = local.tables
  name          = each.key
  database_name = aws_glue_catalog_database.lake.name
  table_type    = "EXTERNAL_TABLE"
  parameters = {
    EXTERNAL              = "TRUE"
    "parquet.compression" = "SNAPPY"
    "owner.team"          = "finance"
  }
  partition_keys {
    name = "dt"
    type = "string"
  }
  storage_descriptor {
    location      = "s3://lake-${var.env}/${each.key}/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters            = { "serialization.format" = 1 }
    }
    dynamic "columns" {
      for_each = var.columns
      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
    columns {
      name    = "note"
      type    = "struct<from:string,order:array<string>>"
      comment = "free text"
    }
  }
}

resource "aws_glue_catalog_table" "events" {
  name          = "events"
  database_name = var.events_db
  open_table_format_input {
    iceberg_input { metadata_operation = "CREATE" }
  }
  storage_descriptor {
    location = "s3://lake/events/"
    columns {
      name = "payload"
      type = "uniontype<int,string>"
    }
  }
}
'''


def test_catalog_resources_read_as_terraform_creates_them():
    statements = read_source("infra/catalog.tf", CATALOG)
    assert [(s.index, s.line, s.table.qualified_name if s.table else None) for s in statements] == [
        (1, 11, "lake_prod"), (2, 16, "lake_prod.orders"), (3, 16, "lake_prod.refunds"), (4, 53, "${var.events_db}.events")]
    results = convert_statements(statements, OPTS)
    assert [(r.status, r.target_full_name) for r in results[:3]] == [
        ("converted", "main.lake_prod"), ("converted", "main.lake_prod.orders"), ("converted", "main.lake_prod.refunds")]
    orders = results[1]
    assert [(c.name, c.type) for c in orders.columns] == [
        ("order_id", "BIGINT"), ("amount", "DECIMAL(38, 18)"), ("note", "STRUCT<`from`: STRING, `order`: ARRAY<STRING>>"),
        ("dt", "STRING")]
    assert orders.partition_columns == ["dt"] and orders.location == "s3://lake-prod/orders/"
    assert "'owner.team'='finance'" in orders.ddl.replace(" ", "")
    bad = results[3]
    assert bad.status == "error"
    assert bad.warnings[0].startswith("infra/catalog.tf: statement 4, line 53: aws_glue_catalog_table.events: ")
    assert "uniontype" in bad.warnings[0]
    assert statements[3].warnings == [
        "aws_glue_catalog_table.events.database_name: ${var.events_db}: variable without a default; kept as written "
        "(set it in the project's ddl_vars)"]


def test_variables_of_another_file_come_from_ddl_vars():
    text = 'resource "aws_glue_catalog_table" "t" {\n  name = "t"\n  database_name = "raw_${var.env}"\n' \
           '  storage_descriptor {\n    columns {\n      name = "a"\n      type = "int"\n    }\n  }\n}\n'
    for variables in ({"var.env": "dev"}, {"env": "dev"}):
        [st] = read_source("tf/t.tf", text, variables=variables)
        assert st.table.qualified_name == "raw_dev.t" and not st.error and not st.warnings


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("tf/empty.tf", 'resource "aws_s3_bucket" "b" { bucket = "x" }\n',
     ("skipped", "Terraform without aws_glue_catalog_table or aws_glue_catalog_database")),
    ("tf/broken.tf", 'resource "aws_glue_catalog_table" "t" {\n  name = \n}\n', ("error", "cannot load tf/broken.tf: line")),
])
def test_other_and_broken_terraform(path, text, expected):
    [st] = read_source(path, text)
    assert is_ddl_source(path)
    status, message = expected
    assert (st.skipped or "").startswith(message) if status == "skipped" else st.error.startswith(message)


COUNTED = '''
variable "enabled" { default = true }
resource "aws_glue_catalog_database" "db" {
  count = var.enabled ? 1 : 0
  name  = "events"
}
resource "aws_glue_catalog_table" "t" {
  count         = var.enabled ? 1 : 0
  name          = lower("Clicks")
  database_name = element(concat(aws_glue_catalog_database.db.*.name, [""]), 0)
  parameters = {
    "projection.enabled"        = true
    "storage.location.template" = "s3://lake/clicks/$${dt}"
    "owner.pii"                 = false
  }
  storage_descriptor {
    columns {
      name = "id"
      type = "bigint"
    }
  }
}
'''


def test_count_toggles_splat_references_and_boolean_parameters():
    statements = read_source("tf/events.tf", COUNTED)
    assert [s.table.qualified_name for s in statements] == ["events", "events.clicks"]
    assert statements[1].table.parameters == {"projection.enabled": "true", "storage.location.template":
                                              "s3://lake/clicks/${dt}", "owner.pii": "false"}
    off = read_source("tf/events.tf", COUNTED.replace("default = true", "default = false"))
    assert [s.skipped for s in off] == ["Terraform without aws_glue_catalog_table or aws_glue_catalog_database"]
