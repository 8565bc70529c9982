"""Table-driven: Glue/Hive/Athena DDL before -> Unity Catalog DDL after (compared as parsed
Databricks SQL, so formatting does not matter), plus per-statement error handling."""

from __future__ import annotations

import pytest
import sqlglot

from g2l_core.ddl import DdlOptions, convert_ddl_text
from g2l_core.ddl import transforms as tx

OPTS = DdlOptions(catalog="main", schema_map={"raw": "risk_raw"})


def same_sql(actual: str, expected: str) -> None:
    a = sqlglot.parse_one(actual, read="databricks").sql("databricks")
    e = sqlglot.parse_one(expected, read="databricks").sql("databricks")
    assert a == e, f"\n got: {a}\nwant: {e}"


CASES = [
    pytest.param(
        "CREATE EXTERNAL TABLE `raw`.`trades` (`trade_id` bigint COMMENT 'id', `sym` varchar(12), c char(3), "
        "amt decimal(18,4)) COMMENT 'booked' PARTITIONED BY (`dt` string COMMENT 'day') STORED AS PARQUET "
        "LOCATION 's3://b/trades/' TBLPROPERTIES ('classification'='parquet', 'parquet.compression'='SNAPPY')",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.trades (`trade_id` BIGINT COMMENT 'id', `sym` STRING, c STRING, "
        "amt DECIMAL(18, 4), `dt` STRING COMMENT 'day') USING DELTA COMMENT 'booked' PARTITIONED BY (`dt`)",
        "converted", "parquet", "CONVERT TO DELTA parquet.`s3://b/trades/` PARTITIONED BY (dt STRING)",
        id="backticks-comments-partition-parquet",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.o (a int, b string) STORED AS ORC LOCATION 's3://b/o/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.o (a INT, b STRING) USING DELTA",
        "converted", "orc", "read_files('s3://b/o/', format => 'orc')", id="orc",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.av (a int) STORED AS AVRO LOCATION 's3://b/av/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.av (a INT) USING DELTA",
        "converted", "avro", "format => 'avro'", id="avro",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.limits (id string, lim decimal(18,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' "
        "ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' STORED AS TEXTFILE LOCATION 's3://b/l/' "
        "TBLPROPERTIES ('skip.header.line.count'='1')",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.limits (id STRING, lim DECIMAL(18, 2)) USING DELTA",
        "converted", "csv", "format => 'csv', sep => '|', escape => '\\\\', header => true", id="delimited-textfile-header",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.csv2 (a string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
        "WITH SERDEPROPERTIES ('separatorChar'=';', 'quoteChar'='\"') LOCATION 's3://b/c/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.csv2 (a STRING) USING DELTA",
        "converted", "csv", "sep => ';', quote => '\"'", id="opencsv-serde",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.cp (id string, rating struct<agency:string,grade:varchar(4)>, aliases array<string>, "
        "attrs map<string,array<struct<k:int>>>) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
        "WITH SERDEPROPERTIES ('ignore.malformed.json'='true', 'mapping.id'='ID') "
        "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' "
        "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION 's3://b/cp/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.cp (id STRING, rating STRUCT<agency: STRING, grade: STRING>, "
        "aliases ARRAY<STRING>, attrs MAP<STRING, ARRAY<STRUCT<k: INT>>>) USING DELTA",
        "converted", "json", "format => 'json', mode => 'PERMISSIVE'", id="openx-json-nested",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.hj (a int) ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' LOCATION 's3://b/hj/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.hj (a INT) USING DELTA",
        "converted", "json", "format => 'json'", id="hive-json-serde",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.logs (host string, ts string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe' "
        "WITH SERDEPROPERTIES ('input.regex'='^(\\\\S+) \\\\[(.*)\\\\]$') LOCATION 's3://b/logs/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.logs (host STRING, ts STRING) USING DELTA",
        "converted", "regex", "regexp_extract(value", id="regex-serde",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.alog (line string) ROW FORMAT SERDE 'com.amazonaws.glue.serde.GrokSerDe' "
        "WITH SERDEPROPERTIES ('input.format'='%{COMMONAPACHELOG}') STORED AS INPUTFORMAT "
        "'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' "
        "LOCATION 's3://b/alog/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.alog (line STRING) USING DELTA",
        "flagged", "grok", "Grok SerDe has no Databricks reader", id="grok-serde-flagged",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.ion1 (a int) STORED AS ION LOCATION 's3://b/ion/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.ion1 (a INT) USING DELTA",
        "flagged", "ion", "Amazon Ion", id="ion-flagged",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.proj (a int) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://b/p/' "
        "TBLPROPERTIES ('projection.enabled'='true', 'projection.dt.type'='date', "
        "'storage.location.template'='s3://b/p/${dt}', 'owner'='risk-team')",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.proj (a INT, dt STRING) USING DELTA PARTITIONED BY (dt) "
        "TBLPROPERTIES ('owner'='risk-team')",
        # the template puts dt in plain folders (s3://b/p/2024-01-01/): CONVERT TO DELTA would not find it
        "converted", "parquet", "regexp_extract(_metadata.file_path, 'b/p/([^/]+)', 1) AS `dt`",
        id="projection-dropped-user-prop-kept",
    ),
    pytest.param(
        "CREATE TABLE raw.ice (id bigint, ts timestamp, cat string) PARTITIONED BY (day(ts), bucket(16, id), cat) "
        "LOCATION 's3://b/ice/' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.ice (id BIGINT, ts TIMESTAMP, cat STRING) USING DELTA CLUSTER BY (ts, id, cat)",
        "flagged", "iceberg", "CONVERT TO DELTA iceberg.`s3://b/ice/`", id="iceberg-flagged-transforms",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.hudi_t (`_hoodie_commit_time` string, id bigint) PARTITIONED BY (dt string) "
        "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' STORED AS INPUTFORMAT "
        "'org.apache.hudi.hadoop.HoodieParquetInputFormat' OUTPUTFORMAT "
        "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat' LOCATION 's3://b/hudi/'",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.hudi_t (`_hoodie_commit_time` STRING, id BIGINT, dt STRING) "
        "USING DELTA PARTITIONED BY (dt)",
        "flagged", "hudi", "Hudi table", id="hudi-flagged",
    ),
    pytest.param(
        "CREATE EXTERNAL TABLE raw.bk (a int, b string) CLUSTERED BY (a) INTO 8 BUCKETS STORED AS ORC",
        "CREATE TABLE IF NOT EXISTS main.risk_raw.bk (a INT, b STRING) USING DELTA",
        "converted", "orc", "no LOCATION in the source", id="bucketing-dropped-no-location",
    ),
]


@pytest.mark.parametrize("before, after, status, fmt, hint", CASES)
def test_table_conversion(before, after, status, fmt, hint):
    [r] = convert_ddl_text(before, file_path="ddl/raw.sql", options=OPTS)
    same_sql(r.ddl, after)
    assert (r.status, r.source_format) == (status, fmt), r.warnings
    assert hint in r.migration_hint
    assert r.table_kind == "managed"
    assert r.location and r.location.startswith("s3://") or "no LOCATION" in r.migration_hint or fmt == "grok"


def test_dropped_glue_properties_are_listed():
    [r] = convert_ddl_text(CASES[10].values[0], file_path="x.sql", options=OPTS)
    dropped = next(w for w in r.warnings if w.startswith("dropped Glue-only properties"))
    for key in ("EXTERNAL", "STORED AS PARQUET", "projection.enabled", "projection.dt.type", "storage.location.template",
                "LOCATION 's3://b/p/'"):
        assert key in dropped
    assert "owner" not in dropped


def test_columns_and_partitions_reported():
    [r] = convert_ddl_text(CASES[0].values[0], file_path="x.sql", options=OPTS)
    assert [(c.name, c.type, c.comment) for c in r.columns] == [
        ("trade_id", "BIGINT", "id"), ("sym", "STRING", None), ("c", "STRING", None),
        ("amt", "DECIMAL(18, 4)", None), ("dt", "STRING", "day")]
    assert r.partition_columns == ["dt"]
    assert r.source_table == "raw.trades" and r.target_full_name == "main.risk_raw.trades"
    assert any("VARCHAR(12) mapped to STRING" in w for w in r.warnings)


def test_external_tables_keep_location_per_setting():
    sql = "CREATE EXTERNAL TABLE raw.a (x int) STORED AS PARQUET LOCATION 's3://b/a/'; " \
          "CREATE EXTERNAL TABLE raw.b (x int) STORED AS PARQUET LOCATION 's3://b/b/'"
    a, b = convert_ddl_text(sql, file_path="x.sql", options=DdlOptions(external={"raw.a"}))
    same_sql(a.ddl, "CREATE TABLE IF NOT EXISTS main.raw.a (x INT) USING DELTA LOCATION 's3://b/a/'")
    assert (a.table_kind, b.table_kind) == ("external", "managed")
    assert a.migration_hint == "CONVERT TO DELTA parquet.`s3://b/a/`"
    assert "LOCATION" not in b.ddl
    allx = convert_ddl_text(sql, file_path="x.sql", options=DdlOptions(external=True))
    assert all(r.table_kind == "external" for r in allx)


def test_cluster_by_partitions_option():
    sql = "CREATE TABLE raw.t (a int) PARTITIONED BY (dt string, region string) STORED AS PARQUET"
    [r] = convert_ddl_text(sql, file_path="x.sql", options=DdlOptions(cluster_by_partitions=True))
    same_sql(r.ddl, "CREATE TABLE IF NOT EXISTS main.raw.t (a INT, dt STRING, region STRING) USING DELTA CLUSTER BY (dt, region)")
    assert r.cluster_columns == ["dt", "region"] and r.partition_columns == []


def test_views_are_qualified_and_transpiled():
    sql = ("USE raw;\n"
           "CREATE OR REPLACE VIEW v_recent AS WITH r AS (SELECT * FROM trades WHERE dt > '2024') "
           "SELECT r.id, date_format(r.ts, '%Y-%m') AS m, cardinality(r.tags) AS n FROM r JOIN other.cp c ON r.cp = c.id")
    [v] = convert_ddl_text(sql, file_path="views.sql", options=OPTS)
    assert v.table_kind == "view" and v.status == "converted" and v.target_full_name == "main.risk_raw.v_recent"
    same_sql(v.ddl, "CREATE OR REPLACE VIEW main.risk_raw.v_recent AS WITH r AS (SELECT * FROM main.risk_raw.trades "
                    "WHERE dt > '2024') SELECT r.id, DATE_FORMAT(r.ts, 'yyyy-MM') AS m, SIZE(r.tags) AS n FROM r "
                    "JOIN main.other.cp AS c ON r.cp = c.id")


def test_create_database_becomes_schema():
    [s] = convert_ddl_text("CREATE DATABASE IF NOT EXISTS raw COMMENT 'landing' LOCATION 's3://b/raw/' "
                           "WITH DBPROPERTIES ('creator'='x')", file_path="db.sql", options=OPTS)
    same_sql(s.ddl, "CREATE SCHEMA IF NOT EXISTS main.risk_raw COMMENT 'landing'")
    assert s.table_kind == "schema" and any("LOCATION" in w for w in s.warnings)


def test_use_sets_default_database():
    rs = convert_ddl_text("USE raw; CREATE TABLE t1 (a int); CREATE TABLE other.t2 (a int)", file_path="x.sql", options=OPTS)
    assert [r.target_full_name for r in rs] == ["main.risk_raw.t1", "main.other.t2"]


@pytest.mark.parametrize("text, reason", [
    ("-- older days were loaded before projection\nMSCK REPAIR TABLE raw.t", "MSCK REPAIR TABLE is not needed"),
    ("/* backfill */\n-- one day\nALTER TABLE raw.t ADD IF NOT EXISTS PARTITION (dt = '2024-01-01')",
     "ADD PARTITION is not needed"),
    ("-- tidy up\nDROP TABLE raw.t", "DROP is never carried"),
])
def test_statements_after_a_comment_are_told_apart(text, reason):
    """A comment above MSCK REPAIR or ADD PARTITION (usual in Athena scripts) hid the statement: it was skipped as
    '-- statement is not table DDL'."""
    [r] = convert_ddl_text(text, file_path="ddl/repair.hql", options=OPTS)
    assert r.status == "skipped" and reason in r.warnings[0], r.warnings


def test_bad_statements_error_rows_and_rest_converts():
    sql = """-- file header; with a semicolon in a comment
CREATE TABLE ok1 (a int COMMENT 'semi; colon');
CREATE TABLE broken (a map<string, b string);
/* another; comment */
CREATE TABLE u (x uniontype<int,string>);
CREATE VIEW vbad AS SELECT FROM WHERE;
MSCK REPAIR TABLE ok1;
ALTER TABLE ok1 ADD PARTITION (dt='2024-01-01') LOCATION 's3://b/x/';
CREATE TABLE ok2 (b string)
"""
    rs = convert_ddl_text(sql, file_path="ddl/mixed.sql", options=OPTS)
    assert [(r.statement_index, r.status) for r in rs] == [
        (1, "converted"), (2, "error"), (3, "error"), (4, "error"), (5, "skipped"), (6, "skipped"), (7, "converted")]
    assert rs[1].warnings[0].startswith("ddl/mixed.sql: statement 2, line 3: cannot parse")
    assert "uniontype" in rs[2].warnings[0] and "statement 3, line 5" in rs[2].warnings[0]
    assert "statement 4" in rs[3].warnings[0]
    assert "MSCK REPAIR TABLE is not needed" in rs[4].warnings[0]
    assert "ADD PARTITION is not needed" in rs[5].warnings[0]
    assert rs[0].columns[0].comment == "semi; colon"
    assert rs[6].target_full_name == "main.default.ok2"


def test_hql_files_read_as_hive():
    [r] = convert_ddl_text("CREATE VIEW raw.v AS SELECT get_json_object(j, '$.a') AS a FROM raw.t",
                           file_path="x.hql", options=OPTS)
    same_sql(r.ddl, "CREATE OR REPLACE VIEW main.risk_raw.v AS SELECT GET_JSON_OBJECT(j, '$.a') AS a FROM main.risk_raw.t")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("CREATE OR REPLACE VIEW raw.v AS SELECT date_parse(dt, '%Y-%m-%d') AS d, approx_distinct(p) AS n "
                  "FROM raw.t WHERE regexp_like(r, '^(www\\.)?acme\\.com') GROUP BY 1",
                  "CREATE OR REPLACE VIEW main.risk_raw.v AS SELECT TO_TIMESTAMP(dt, 'yyyy-MM-dd') AS d, "
                  "APPROX_COUNT_DISTINCT(p) AS n FROM main.risk_raw.t WHERE REGEXP_LIKE(r, '^(www\\\\.)?acme\\\\.com') "
                  "GROUP BY 1", id="trino_functions"),
    pytest.param("CREATE EXTERNAL TABLE raw.t (r string) PARTITIONED BY (dt string) LOCATION 's3://b/t/' "
                 "TBLPROPERTIES ('projection.enabled'='true', 'projection.dt.type'='date');\n"
                 "CREATE VIEW raw.v AS SELECT date_format(current_date, '%Y-%m-%d') AS d FROM raw.t "
                 "WHERE regexp_like(r, 'a\\.b')",
                 "CREATE OR REPLACE VIEW main.risk_raw.v AS SELECT DATE_FORMAT(CURRENT_DATE, 'yyyy-MM-dd') AS d "
                 "FROM main.risk_raw.t WHERE REGEXP_LIKE(r, 'a\\\\.b')", id="partition_projection"),
    pytest.param("CREATE VIEW raw.v AS SELECT get_json_object(j, '$.a') AS a FROM raw.t WHERE j RLIKE '^a\\\\.b'",
                 "CREATE OR REPLACE VIEW main.risk_raw.v AS SELECT GET_JSON_OBJECT(j, '$.a') AS a FROM main.risk_raw.t "
                 "WHERE REGEXP_LIKE(j, '^a\\\\.b')", id="hive_stays_hive"),
])
def test_hql_files_of_athena_are_read_as_athena(text, expected):
    """Athena repositories keep DDL in .hql files too: a file with Athena-only table properties or a view using
    functions only Trino knows is read as Athena (Hive DDL, Trino views). Read as Hive, the Trino view kept
    DATE_PARSE (no such function on Databricks), turned '%Y-%m-%d' into '%yyyy-%m-%d' and dropped the backslashes
    of its regular expressions."""
    *_, view = convert_ddl_text(text, file_path="athena/views.hql", options=OPTS)
    same_sql(view.ddl, expected)


def test_generated_ddl_roundtrips_through_databricks_dialect():
    for case in CASES:
        [r] = convert_ddl_text(case.values[0], file_path="x.sql", options=OPTS)
        reparsed = sqlglot.parse_one(r.ddl, read="databricks")
        assert reparsed.sql("databricks", pretty=True) == r.ddl


HIVE_CREATE = """CREATE EXTERNAL TABLE raw.t (a int, b struct<x:string>) COMMENT 'c'
PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://b/t/' TBLPROPERTIES ('classification'='parquet')"""


@pytest.mark.parametrize("step", [
    lambda e: tx.keep_delta_properties(e, keep_location=False), tx.fold_partition_columns,
    tx.partition_transforms_to_clustering, tx.partitions_to_clustering, tx.map_column_types,
    lambda e: tx.qualify_target(e, "main", "bronze"), tx.if_not_exists, tx.or_replace,
    lambda e: tx.local_apply_form(e, "/tmp/w/t"),
    lambda e: tx.chain(e, tx.fold_partition_columns, tx.map_column_types, tx.if_not_exists),
])
def test_transforms_and_chains_leave_their_input_alone(step):
    create = sqlglot.parse_one(HIVE_CREATE, read="hive")
    before = create.sql("hive")
    out = step(create)
    assert create.sql("hive") == before
    assert out is not create


def test_a_chain_gives_the_same_result_as_its_steps_one_by_one():
    create = sqlglot.parse_one(HIVE_CREATE, read="hive")
    steps = [tx.fold_partition_columns, tx.map_column_types, lambda e: tx.keep_delta_properties(e, keep_location=False),
             lambda e: tx.qualify_target(e, "main", "bronze"), tx.if_not_exists]
    one_by_one = create
    for step in steps:
        one_by_one = step(one_by_one)
    assert tx.chain(create, *steps).sql("databricks") == one_by_one.sql("databricks")
