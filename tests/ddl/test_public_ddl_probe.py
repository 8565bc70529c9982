"""Causes found by running ``g2l ddl`` over DDL as public Athena/Glue repositories keep it: each case is a
source in the shape those repositories write (names and values here are our own), and what g2l must make
of it: the Databricks DDL, or an error that names the cause instead of a table named after a placeholder."""

from __future__ import annotations

import json
import re

import pytest
import sqlglot

from g2l_core.ddl import DdlOptions, apply_tables, convert_ddl_file, convert_ddl_text, convert_path

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


# Partition projection with storage.location.template: Athena finds each partition in a folder the template
# names, often not Hive's name=value, so neither CONVERT TO DELTA nor read_files would see the partition values.
PROJECTED = """CREATE EXTERNAL TABLE {name} ({columns})
PARTITIONED BY ({partitions})
{storage}
LOCATION 's3://acme-logs/{folder}/'
TBLPROPERTIES ('projection.enabled'='true', {projection}
  'storage.location.template'='{template}')"""


@pytest.mark.parametrize(("table", "path", "hint_start", "values"), [
    (dict(name="ops.sensor_readings", columns="device string, reading double",
          partitions="year string, month string, day string", storage="STORED AS PARQUET", folder="sensors",
          projection="'projection.year.type'='integer', 'projection.year.range'='2020,2030', "
                     "'projection.month.type'='integer', 'projection.month.range'='1,12', 'projection.month.digits'='2',"
                     " 'projection.day.type'='integer', 'projection.day.range'='1,31', 'projection.day.digits'='2',",
          template="s3://acme-logs/sensors/${year}/${month}/${day}"),
     "s3://acme-logs/sensors/2024/03/09/part-0001.snappy.parquet",
     "INSERT INTO main.ops.sensor_readings SELECT *, regexp_extract(_metadata.file_path, ",
     {"year": "2024", "month": "03", "day": "09"}),
    (dict(name="audit.trail_events", columns="eventid string, eventname string",
          partitions="account string, region string, day string",
          storage="ROW FORMAT SERDE 'com.amazon.emr.hive.serde.CloudTrailSerde' STORED AS INPUTFORMAT "
                  "'com.amazon.emr.cloudtrail.CloudTrailInputFormat' OUTPUTFORMAT "
                  "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'", folder="AWSLogs",
          projection="'projection.account.type'='enum', 'projection.account.values'='111122223333', "
                     "'projection.region.type'='enum', 'projection.region.values'='eu-west-1', "
                     "'projection.day.type'='date', 'projection.day.format'='yyyy/MM/dd', "
                     "'projection.day.range'='2023/01/01,NOW',",
          template="s3://acme-logs/AWSLogs/${account}/CloudTrail/${region}/${day}"),
     "s3://acme-logs/AWSLogs/111122223333/CloudTrail/eu-west-1/2024/02/29/111122223333_CloudTrail_x.json.gz",
     "INSERT INTO main.audit.trail_events SELECT r.*, regexp_extract(path, ",
     {"account": "111122223333", "region": "eu-west-1", "day": "2024/02/29"}),
])
def test_projected_partitions_are_read_from_the_file_path(table, path, hint_start, values):
    [r] = convert_ddl_text(PROJECTED.format(**table), file_path="athena/t.sql", options=OPTS)
    assert r.status == "converted" and r.migration_hint.startswith(hint_start)
    assert any("storage.location.template" in w and "not as name=value folders" in w for w in r.warnings)
    select = sqlglot.parse_one(r.migration_hint.split(" SELECT ", 1)[1].join(["SELECT ", ""]), read="databricks")
    got = {}
    for alias in select.find_all(sqlglot.exp.Alias):
        call = alias.find(sqlglot.exp.RegexpExtract)
        if call is not None:
            got[alias.alias] = re.search(call.expression.name, path).group(int(call.args["group"].name))
    assert got == values


def test_hive_style_template_and_typed_partitions():
    hive = PROJECTED.format(name="web.clicks", columns="url string", partitions="dt string",
                            storage="STORED AS PARQUET", folder="clicks",
                            projection="'projection.dt.type'='date', 'projection.dt.format'='yyyy-MM-dd',",
                            template="s3://acme-logs/clicks/dt=${dt}")
    [r] = convert_ddl_text(hive, file_path="athena/t.sql", options=OPTS)
    assert r.migration_hint.startswith("CONVERT TO DELTA parquet.`s3://acme-logs/clicks/` PARTITIONED BY (dt STRING)")
    assert not any("not as name=value folders" in w for w in r.warnings)
    typed = PROJECTED.format(name="web.orders", columns="id bigint", partitions="dt date, shard int",
                             storage="ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'", folder="orders",
                             projection="'projection.dt.type'='date', 'projection.dt.format'='yyyy/MM/dd',",
                             template="s3://acme-logs/orders/${shard}/${dt}")
    [r] = convert_ddl_text(typed, file_path="athena/t.sql", options=OPTS)
    assert r.migration_hint == (
        "INSERT INTO main.web.orders SELECT *, to_date(regexp_extract(_metadata.file_path, "
        "'acme\\\\-logs/orders/([^/]+)/([^/]+(?:/[^/]+){2})', 2), 'yyyy/MM/dd') AS `dt`, "
        "CAST(regexp_extract(_metadata.file_path, 'acme\\\\-logs/orders/([^/]+)/([^/]+(?:/[^/]+){2})', 1) AS INT) "
        "AS `shard` FROM read_files('s3://acme-logs/orders/', format => 'json')")


# Athena views are Trino SQL: date formats in MySQL style and UNNEST in a parenthesized FROM.
@pytest.mark.parametrize(("view", "ddl"), [
    ("CREATE VIEW bi.v_events AS SELECT date_parse(event_time, '%Y-%m-%dT%H:%i:%SZ') AS \"Event Time\", "
     "date_format(event_day, '%d/%m/%Y') AS day_label FROM bi.events",
     "CREATE OR REPLACE VIEW main.bi.v_events AS SELECT TO_TIMESTAMP(event_time, 'yyyy-MM-dd\\'T\\'HH:mm:ss\\'Z\\'') "
     "AS `Event Time`, DATE_FORMAT(event_day, 'dd/MM/yyyy') AS day_label FROM main.bi.events"),
    ("CREATE VIEW bi.v_members AS SELECT m.name AS \"Member\", m.role FROM (bi.teams CROSS JOIN UNNEST(members) t (m))",
     "CREATE OR REPLACE VIEW main.bi.v_members AS SELECT m.name AS `Member`, m.role FROM main.bi.teams "
     "LATERAL VIEW EXPLODE(members) t AS m"),
    ("CREATE VIEW bi.v_stamp AS SELECT format_datetime(created, 'yyyy-MM-dd HH:mm') AS minute, "
     "parse_datetime(raw, 'yyyyMMddHHmmss') AS parsed FROM bi.events",
     "CREATE OR REPLACE VIEW main.bi.v_stamp AS SELECT DATE_FORMAT(created, 'yyyy-MM-dd HH:mm') AS minute, "
     "TO_TIMESTAMP(raw, 'yyyyMMddHHmmss') AS parsed FROM main.bi.events"),
])
def test_athena_views_read_in_databricks(view, ddl):
    [r] = convert_ddl_text(view, file_path="athena/views.sql", options=OPTS)
    assert r.status == "converted" and _norm(r.ddl) == _norm(ddl)


VIEWS_BEFORE_TABLES = """CREATE VIEW pv_bi.v_members AS
  SELECT m.name AS "Member", date_parse(joined, '%Y-%m-%dT%H:%i:%SZ') AS joined_at
  FROM (pv_bi.teams CROSS JOIN UNNEST(members) t (m));
CREATE VIEW pv_bi.v_member_count AS SELECT count(*) AS n FROM pv_bi.v_members;
CREATE VIEW pv_bi.v_crawled AS SELECT * FROM pv_crawled.orders;
CREATE EXTERNAL TABLE pv_bi.teams (team string, joined string, members array<struct<name:string, role:string>>)
STORED AS PARQUET LOCATION 's3://acme/teams/'"""


def test_views_apply_after_what_they_read_and_wait_for_missing_tables(spark, tmp_path):
    results = convert_ddl_text(VIEWS_BEFORE_TABLES, file_path="athena/bi.sql", options=OPTS)
    outcomes = {o.target_full_name: o for o in apply_tables(spark, results, tmp_path)}
    assert {n: o.action for n, o in outcomes.items() if n and n.count(".") == 2} == {
        "main.pv_bi.teams": "created", "main.pv_bi.v_members": "replaced", "main.pv_bi.v_member_count": "replaced",
        "main.pv_bi.v_crawled": "skipped"}
    assert outcomes["main.pv_bi.v_crawled"].notes == [
        "not applied: it reads main.pv_crawled.orders, which the catalog does not have (no DDL source defines it, "
        "or its own statement did not apply); it applies once that exists"]
    spark.sql("INSERT INTO main.pv_bi.teams SELECT 'core', '2024-05-01T08:30:00Z', "
              "array(named_struct('name', 'ana', 'role', 'dev'), named_struct('name', 'bo', 'role', 'ops'))").collect()
    rows = spark.sql("SELECT `Member`, CAST(joined_at AS STRING) FROM main.pv_bi.v_members ORDER BY 1").collect()
    assert [tuple(r) for r in rows] == [("ana", "2024-05-01 08:30:00"), ("bo", "2024-05-01 08:30:00")]
    assert spark.sql("SELECT n FROM main.pv_bi.v_member_count").collect()[0][0] == 2


def test_hash_comment_lines_are_comments():
    text = ("#####\n## Athena table over the CDN's access logs\n#####\n\n"
            "CREATE EXTERNAL TABLE IF NOT EXISTS cdn.access_logs (`date` DATE, uri STRING)\n"
            "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' LOCATION 's3://cdn-logs/' "
            "TBLPROPERTIES ('skip.header.line.count'='2');\n"
            "# the next one is a view\nCREATE VIEW cdn.v AS SELECT uri FROM cdn.access_logs WHERE uri <> '#top'")
    table, view = convert_ddl_text(text, file_path="athena/cdn.sql", options=OPTS)
    assert (table.status, table.target_full_name, table.line) == ("converted", "main.cdn.access_logs", 5)
    assert _norm(view.ddl) == _norm("/* the next one is a view */ CREATE OR REPLACE VIEW main.cdn.v AS SELECT uri FROM main.cdn.access_logs "
                                    "WHERE uri <> '#top'")


@pytest.mark.parametrize(("location", "status", "hint"), [
    # Delta's GENERATE symlink_format_manifest: the table is the folder above the manifests
    ("s3://lake/delta/orders/_symlink_format_manifest/", "converted",
     "already Delta: register it in place (CREATE TABLE main.shop.orders LOCATION 's3://lake/delta/orders/') or "
     "DEEP CLONE delta.`s3://lake/delta/orders/`"),
    # manifests of another tool (an S3 Inventory, say): not a Delta table
    ("s3://inventory/shop/hive/", "flagged", "symlink table: LOCATION holds manifest files that list the data files"),
])
def test_symlink_tables(location, status, hint):
    text = ("CREATE EXTERNAL TABLE shop.orders (id bigint) ROW FORMAT SERDE "
            "'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' STORED AS INPUTFORMAT "
            "'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat' OUTPUTFORMAT "
            f"'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION '{location}'")
    [r] = convert_ddl_text(text, file_path="athena/t.sql", options=OPTS)
    assert r.status == status and r.migration_hint.startswith(hint)
    [kept] = convert_ddl_text(text, file_path="athena/t.sql", options=DdlOptions(catalog="main", external=True))
    root = location.split("_symlink_format_manifest")[0]
    assert f"LOCATION '{root}'" in kept.ddl  # an external Delta table is registered at its own folder


def test_terraform_view_built_from_variables_says_so():
    tf = '''variable "sql" {}
locals {
  view_json = jsonencode({ originalSql = var.sql, catalog = "awsdatacatalog" })
}
resource "aws_glue_catalog_table" "v" {
  name          = "daily_totals"
  database_name = "bi"
  table_type    = "VIRTUAL_VIEW"
  view_original_text = "/* Presto View: ${base64encode(local.view_json)} */"
}
'''
    [r] = convert_ddl_file("infra/views.tf", tf, OPTS)
    assert r.status == "error" and "the view's SQL is built from ${base64encode(" in r.warnings[0]


TF_TABLE = '''resource "aws_glue_catalog_table" "inventory" {{
  name          = "ec2_volumes"
  database_name = {database}
  storage_descriptor {{
    location = "s3://inventory-lake/ec2/volumes/"
    columns {{
      name = "volume_id"
      type = "string"
    }}
  }}
}}
'''


@pytest.mark.parametrize(("database", "variables", "outcome"), [
    # the message names the key ddl_vars takes: the variable's own name, not var.<name>
    ("var.inventory_db", {}, "ddl_vars: {inventory_db: ...}"),
    ("var.inventory_db", {"inventory_db": "cloud_inventory"}, "main.cloud_inventory.ec2_volumes"),
    ("aws_glue_catalog_database.inventory.name", {},
     "attribute of Terraform resource aws_glue_catalog_database.inventory, which is not in this file"),
])
def test_terraform_names_from_variables_and_other_resources(database, variables, outcome):
    [r] = convert_ddl_file("infra/inventory.tf", TF_TABLE.format(database=database),
                           DdlOptions(catalog="main", ddl_vars=variables))
    assert outcome == r.target_full_name or outcome in r.warnings[0]


def test_terraform_module_folder_is_read_as_one_module(tmp_path):
    """variables.tf holds the defaults and another file the database: each table file resolves through them, as
    ``terraform apply`` reads the folder, and still gives only its own resources."""
    module = tmp_path / "infra" / "catalog"
    module.mkdir(parents=True)
    (module / "variables.tf").write_text('variable "inventory_db" {\n  default = "cloud_inventory"\n}\n'
                                         'variable "lake_bucket" {\n  default = "inventory-lake"\n}\n')
    (module / "database.tf").write_text('resource "aws_glue_catalog_database" "inventory" {\n'
                                        '  name = var.inventory_db\n}\n')
    (module / "volumes.tf").write_text(TF_TABLE.format(database="aws_glue_catalog_database.inventory.name")
                                       .replace('"s3://inventory-lake/', '"s3://${var.lake_bucket}/'))
    (tmp_path / "infra" / "other.tf").write_text(TF_TABLE.format(database="var.inventory_db"))  # another folder
    got = {(r.source_file, r.status, r.target_full_name) for r in convert_path(tmp_path, OPTS)}
    assert got == {
        ("infra/catalog/database.tf", "converted", "main.cloud_inventory"),
        ("infra/catalog/variables.tf", "skipped", None),
        ("infra/catalog/volumes.tf", "converted", "main.cloud_inventory.ec2_volumes"),
        ("infra/other.tf", "error", None),  # its folder has no variables.tf: the default is not there
    }
    [volumes] = [r for r in convert_path(module, OPTS) if r.source_file == "volumes.tf"]
    assert volumes.location == "s3://inventory-lake/ec2/volumes/"
    texts = {str(p.relative_to(tmp_path)): p.read_text() for p in module.iterdir()}
    [alone] = convert_ddl_file("infra/catalog/volumes.tf", texts["infra/catalog/volumes.tf"], OPTS)
    assert alone.status == "error"
    [with_folder] = convert_ddl_file("infra/catalog/volumes.tf", texts["infra/catalog/volumes.tf"], OPTS, folder=texts)
    assert with_folder.target_full_name == "main.cloud_inventory.ec2_volumes"


def test_create_table_like_applies_on_the_local_engine(spark, tmp_path):
    text = ("CREATE EXTERNAL TABLE pv_like.src (a int, note string) PARTITIONED BY (dt string) STORED AS PARQUET "
            "LOCATION 's3://acme/src/';\nCREATE TABLE IF NOT EXISTS pv_like.dst LIKE pv_like.src;")
    results = convert_ddl_text(text, file_path="hive/copy.hql", options=OPTS)
    assert _norm(results[1].ddl) == "CREATE TABLE IF NOT EXISTS main.pv_like.dst LIKE main.pv_like.src"
    outcomes = {o.target_full_name: o for o in apply_tables(spark, results, tmp_path)}
    assert outcomes["main.pv_like.dst"].action == "created"
    assert "empty copy of the columns it is LIKE" in outcomes["main.pv_like.dst"].notes[0]
    assert spark.table("main.pv_like.dst").schema.simpleString() == "struct<a:int,note:string,dt:string>"


def test_a_date_format_without_a_databricks_pattern_is_flagged():
    [r] = convert_ddl_text("CREATE VIEW bi.v_weeks AS SELECT date_format(event_day, '%Y-%U') AS week FROM bi.events",
                           file_path="athena/views.sql", options=OPTS)
    assert r.status == "flagged"
    assert "date format '%Y-%U' has no Databricks pattern g2l knows" in r.warnings[-1]


def test_a_nested_terraform_expression_is_named_whole():
    tf = '''resource "aws_glue_catalog_table" "from_files" {
  for_each      = toset(["orders"])
  name          = jsondecode(file("${path.module}/tables/${each.key}.json")).name
  database_name = "shop"
}
'''
    [r] = convert_ddl_file("infra/tables.tf", tf, OPTS)
    assert r.status == "error"
    assert 'templated name ${jsondecode(file("${path.module}/tables/${each.key}.json")).name} is not resolved: it is ' \
           "an expression" in r.warnings[0]


def test_the_corpus_ddl_converts_and_applies_without_errors(spark, tmp_path):
    """tests/corpus/ddl holds DDL in the shapes public Athena/Glue repositories keep: all of it converts and applies
    on the embedded engine; what is not table DDL is skipped with its reason, nothing fails."""
    from pathlib import Path

    corpus = Path(__file__).parents[1] / "corpus" / "ddl"
    results = convert_path(corpus, OPTS)
    assert [r.warnings for r in results if r.status == "error"] == []
    skipped = sorted(r.warnings[0].split("skipped: ")[1].split(":")[0] for r in results if r.status == "skipped")
    assert skipped == ["ALTER TABLE ... ADD PARTITION is not needed", "MSCK REPAIR TABLE is not needed"]
    by_name = {r.target_full_name: r for r in results}
    hits = by_name["main.web_analytics.beacon_hits"]
    assert "regexp_extract(_metadata.file_path" in hits.migration_hint and "mapping.* renames" in " ".join(hits.warnings)
    assert "LATERAL VIEW\nEXPLODE(h.visitor.segments) s AS seg" in by_name["main.web_analytics.v_segment_hits"].ddl
    assert by_name["main.web_analytics.sessions_landing"].status == "converted"
    outcomes = apply_tables(spark, results, tmp_path)
    assert [(o.target_full_name, o.error) for o in outcomes if o.action == "failed"] == []
    applied = {o.target_full_name: o.action for o in outcomes if o.target_full_name}
    assert applied["main.web_analytics.v_segment_hits"] == "replaced"
    assert applied["main.web_analytics.daily_pages"] == "created"
    spark.sql("INSERT INTO main.web_analytics.beacon_hits SELECT 'h1', '/home', NULL, '2024-03-01T10:15:00Z', "
              "named_struct('id', 'v1', 'returning', true, 'segments', array('b2b', 'eu')), '2024/03/01/10'").collect()
    rows = spark.sql("SELECT hit_id, CAST(HitTime AS STRING), `Segment` FROM main.web_analytics.v_segment_hits "
                     "ORDER BY 3").collect()
    assert [tuple(r) for r in rows] == [("h1", "2024-03-01 10:15:00", "b2b"), ("h1", "2024-03-01 10:15:00", "eu")]


def test_use_of_a_placeholder_database_is_an_error_and_so_are_its_unqualified_tables():
    text = ("USE ${hiveconf:target_db};\nCREATE TABLE visits (id bigint) STORED AS PARQUET;\n"
            "CREATE TABLE ops.audit (id bigint) STORED AS PARQUET;\nUSE web;\nCREATE TABLE hits (id bigint);")
    got = [(r.status, r.target_full_name) for r in convert_ddl_text(text, file_path="hive/setup.hql", options=OPTS)]
    assert got == [("error", None), ("error", None), ("converted", "main.ops.audit"), ("converted", "main.web.hits")]
    use, visits = convert_ddl_text(text, file_path="hive/setup.hql", options=OPTS)[:2]
    assert "templated name ${hiveconf:target_db} is not resolved" in use.warnings[0]
    assert "visits has no database of its own and the USE before it names ${hiveconf:target_db}" in visits.warnings[0]
