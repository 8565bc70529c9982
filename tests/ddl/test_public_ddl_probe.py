"""Causes found by running ``g2l ddl`` over DDL as public Athena/Glue repositories keep it: each case is a
source in the shape those repositories write (names and values here are our own), and what g2l must make
of it: the Databricks DDL, or an error that names the cause instead of a table named after a placeholder."""

from __future__ import annotations

import json

import pytest
import sqlglot

from g2l_core.ddl import DdlOptions, convert_ddl_file, convert_ddl_text

OPTS = DdlOptions(catalog="main")


def _norm(ddl: str) -> str:
    return sqlglot.parse_one(ddl, read="databricks").sql("databricks")


# The console's "View JSON" of one table (no {"Table": ...} around it), as course projects commit it, often
# under a .sql name next to their DDL.
STEP_TRAINER = {
    "Name": "step_trainer_landing", "DatabaseName": "stedi", "Owner": "hadoop", "Retention": 0,
    "StorageDescriptor": {
        "Columns": [{"Name": "sensorreadingtime", "Type": "bigint"}, {"Name": "serialnumber", "Type": "string"},
                    {"Name": "distancefromobject", "Type": "int"}],
        "Location": "s3://stedi-lake/step_trainer/landing/",
        "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "Compressed": False, "NumberOfBuckets": -1,
        "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe",
                      "Parameters": {"case.insensitive": "TRUE", "dots.in.keys": "FALSE"}},
        "BucketColumns": [], "SortColumns": [], "Parameters": {}, "StoredAsSubDirectories": False},
    "PartitionKeys": [], "TableType": "EXTERNAL_TABLE",
    "Parameters": {"EXTERNAL": "TRUE", "classification": "json"},
    "CatalogId": "123456789012", "IsRegisteredWithLakeFormation": False,
}
STEP_TRAINER_DDL = ("CREATE TABLE IF NOT EXISTS main.stedi.step_trainer_landing (sensorreadingtime BIGINT, "
                    "serialnumber STRING, distancefromobject INT) USING DELTA")


@pytest.mark.parametrize("path", ["glue/step_trainer_landing.json", "athena/step_trainer_landing.sql"])
def test_one_glue_table_object_is_read_as_a_table(path):
    text = json.dumps(STEP_TRAINER, indent=2)
    [r] = convert_ddl_file(path, text, OPTS)
    assert (r.status, r.source_table, _norm(r.ddl)) == ("converted", "stedi.step_trainer_landing", STEP_TRAINER_DDL)
    assert r.migration_hint.startswith("INSERT INTO main.stedi.step_trainer_landing SELECT * FROM read_files("
                                       "'s3://stedi-lake/step_trainer/landing/', format => 'json'")


def test_a_sql_file_of_sql_is_still_read_as_sql():
    [r] = convert_ddl_file("ddl/t.sql", "CREATE TABLE d.t (a int) -- {not json}", OPTS)
    assert (r.status, r.target_full_name) == ("converted", "main.d.t")


def test_a_json_object_that_is_no_glue_table_is_skipped():
    [r] = convert_ddl_file("glue/job.json", json.dumps({"Name": "nightly", "Role": "r", "Command": {}}), OPTS)
    assert r.status == "skipped"


# Placeholders a script fills before running the DDL. Read as they are, they became real names: $orders_table
# a table "orders_table", {database} a schema "{database}", ${SOURCE}.t a table of schema "source".
@pytest.mark.parametrize(("source", "placeholder", "fix"), [
    ("CREATE EXTERNAL TABLE IF NOT EXISTS $orders_table (id bigint) LOCATION '$orders_location'",
     "$orders_table", "ddl_vars: {orders_table: ...}"),
    ("CREATE EXTERNAL TABLE IF NOT EXISTS `{database}`.`visits` (id bigint) STORED AS PARQUET "
     "LOCATION 's3://{bucket}/visits'", "{database}", "ddl_vars: {database: ...}"),
    ("CREATE EXTERNAL TABLE IF NOT EXISTS {}(id bigint) LOCATION 's3://inventory/hive/'", "{}",
     "positional placeholder"),
    ("CREATE EXTERNAL TABLE IF NOT EXISTS @@LOG_TABLE@@ (`time` string COMMENT '') "
     "LOCATION 's3://@@BUCKET@@/logs'", "@@LOG_TABLE@@", "ddl_vars: {LOG_TABLE: ...}"),
    ("CREATE EXTERNAL TABLE shop_orders_<TEAM_ID> (id bigint, tags array<string>) "
     "LOCATION 's3://shop-<TEAM_ID>/orders/'", "<TEAM_ID>", "ddl_vars: {TEAM_ID: ...}"),
    ("create external table web_site stored as ${FILE} location \"s3a://${LAKE}/web_site\" "
     "as select * from ${SOURCE}.web_site", "${FILE}, ${SOURCE}", "ddl_vars: {FILE: ...}"),
])
def test_script_placeholders_are_errors_not_names(source, placeholder, fix):
    [r] = convert_ddl_text(source, file_path="ddl/t.sql", options=OPTS)
    assert r.status == "error" and r.ddl is None
    assert f"templated name {placeholder} is not resolved" in r.warnings[0] and fix in r.warnings[0]


@pytest.mark.parametrize(("source", "ddl"), [
    # a quantifier in a regex, a Grok field, Athena's "$path" pseudo-column and nested types are no placeholders
    ("CREATE EXTERNAL TABLE d.hits (ip string, tags array<string>, m map<string,struct<a:int>>) "
     "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe' "
     "WITH SERDEPROPERTIES ('input.regex'='^([0-9]{1,3}) %{IPV4:ip} (.*)$') LOCATION 's3://lake/hits/'",
     "CREATE TABLE IF NOT EXISTS main.d.hits (ip STRING, tags ARRAY<STRING>, m MAP<STRING, STRUCT<a: INT>>) "
     "USING DELTA"),
    ('CREATE VIEW d.files AS SELECT "$path" AS file, count(*) AS n FROM d.hits WHERE a<b AND c>d GROUP BY 1',
     "CREATE OR REPLACE VIEW main.d.files AS SELECT `$path` AS file, COUNT(*) AS n FROM main.d.hits "
     "WHERE a < b AND c > d GROUP BY 1"),
])
def test_what_looks_like_a_placeholder_but_is_not(source, ddl):
    [r] = convert_ddl_text(source, file_path="ddl/t.sql", options=OPTS)
    assert r.status == "converted" and _norm(r.ddl) == _norm(ddl)


@pytest.mark.parametrize(("source", "variables", "target"), [
    ("CREATE EXTERNAL TABLE $orders_table (id bigint)", {"orders_table": "sales.orders"}, "main.sales.orders"),
    ("CREATE EXTERNAL TABLE `{database}`.visits (id bigint)", {"database": "web"}, "main.web.visits"),
    ("CREATE EXTERNAL TABLE @@LOG_TABLE@@ (id bigint)", {"LOG_TABLE": "ops.alb_logs"}, "main.ops.alb_logs"),
    ("CREATE EXTERNAL TABLE shop_orders_<TEAM_ID> (id bigint)", {"TEAM_ID": "7"}, "main.default.shop_orders_7"),
])
def test_ddl_vars_fill_script_placeholders(source, variables, target):
    [r] = convert_ddl_text(source, file_path="ddl/t.sql", options=DdlOptions(catalog="main", ddl_vars=variables))
    assert (r.status, r.target_full_name) == ("converted", target)
