"""DDL as real Glue repositories write it (issue 9): Athena SHOW CREATE TABLE output, Athena CTAS, files
mixing DDL with queries, templated names, every SerDe form; and the apply report."""

from __future__ import annotations

import json

import pytest
import sqlglot

from g2l_core.ddl import DdlOptions, apply_tables, convert_ddl_file, convert_ddl_text

OPTS = DdlOptions(catalog="main", schema_map={"web_raw": "bronze"})


def test_show_create_table_backticked_db_dot_table():
    text = ("CREATE EXTERNAL TABLE `web_raw.page_views`(\n  `view_id` string COMMENT 'from deserializer',\n"
            "  `ms` bigint)\nPARTITIONED BY (`dt` string)\nROW FORMAT SERDE\n"
            "  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'\nSTORED AS INPUTFORMAT\n"
            "  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'\nOUTPUTFORMAT\n"
            "  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'\nLOCATION\n"
            "  's3://web-lake/raw/page_views'\nTBLPROPERTIES ('classification'='parquet')")
    [r] = convert_ddl_text(text, file_path="athena/page_views.sql", options=OPTS)
    assert (r.source_table, r.target_full_name) == ("web_raw.page_views", "main.bronze.page_views")
    assert sqlglot.parse_one(r.ddl, read="databricks").find(sqlglot.exp.Table).sql("databricks") == \
        "main.bronze.page_views"
    assert r.migration_hint == ("CONVERT TO DELTA parquet.`s3://web-lake/raw/page_views` PARTITIONED BY (dt STRING); "
                                "then INSERT INTO main.bronze.page_views SELECT * FROM delta.`s3://web-lake/raw/page_views`")


CTAS = """CREATE TABLE web_cur.daily_views
WITH (format = 'PARQUET', external_location = 's3://web-lake/cur/daily_views/',
      partitioned_by = ARRAY['dt'], bucketed_by = ARRAY['site'], bucket_count = 4, write_compression = 'SNAPPY')
AS SELECT site, count(*) AS views, dt FROM web_raw.page_views v JOIN sites s USING (site) GROUP BY site, dt"""


@pytest.mark.parametrize("options, ddl, kind, notes, hint", [
    (OPTS,
     "CREATE TABLE IF NOT EXISTS main.web_cur.daily_views USING DELTA PARTITIONED BY (dt) AS SELECT site, "
     "COUNT(*) AS views, dt FROM main.bronze.page_views AS v JOIN main.web_cur.sites AS s USING (site) "
     "GROUP BY site, dt",
     "managed",
     ["bucketing dropped (bucketed by site into 4 buckets): Delta tables are not bucketed; CLUSTER BY (site) is the "
      "nearest layout",
      "dropped Glue-only properties: STORED AS PARQUET; LOCATION 's3://web-lake/cur/daily_views/'; "
      "TBLPROPERTIES write_compression"],
     "filled by its AS SELECT when the DDL is applied: no data to migrate (Athena's earlier output in "
     "s3://web-lake/cur/daily_views/ is not needed)"),
    (DdlOptions(catalog="main", schema_map={"web_raw": "bronze"}, external=True, cluster_by_partitions=True),
     "CREATE TABLE IF NOT EXISTS main.web_cur.daily_views USING DELTA "
     "LOCATION 's3://web-lake/cur/daily_views/' CLUSTER BY (dt) AS SELECT site, COUNT(*) AS views, dt FROM main.bronze.page_views AS v "
     "JOIN main.web_cur.sites AS s USING (site) GROUP BY site, dt",
     "external",
     ["bucketing dropped (bucketed by site into 4 buckets): Delta tables are not bucketed; CLUSTER BY (site) is the "
      "nearest layout",
      "dropped Glue-only properties: STORED AS PARQUET; TBLPROPERTIES write_compression"],
     "filled by its AS SELECT when the DDL is applied: no data to migrate; LOCATION 's3://web-lake/cur/daily_views/' "
     "is kept, so move Athena's earlier output away from it first"),
])
def test_athena_ctas_becomes_delta_ctas(options, ddl, kind, notes, hint):
    [r] = convert_ddl_text(CTAS, file_path="athena/ctas.sql", options=options)
    assert r.status == "converted" and r.from_query
    assert sqlglot.parse_one(r.ddl, read="databricks").sql("databricks") == ddl
    assert "ARRAY" not in r.ddl.upper() and "TBLPROPERTIES" not in r.ddl.upper()
    assert (r.table_kind, r.warnings, r.migration_hint) == (kind, notes, hint)


def test_ctas_applies_after_the_tables_it_reads(spark, tmp_path):
    text = ("CREATE TABLE ctas_raw.events (site string, n int);\n"
            "CREATE TABLE ctas_cur.by_site WITH (format='PARQUET', partitioned_by=ARRAY['site']) AS "
            "SELECT site, sum(n) AS total FROM ctas_raw.events GROUP BY site;\n")
    results = convert_ddl_text(text.replace("ctas_cur.by_site", "ctas_cur.by_site"), file_path="c.sql",
                               options=DdlOptions())
    ctas, events = results[1], results[0]
    schema = convert_ddl_text("CREATE DATABASE ctas_cur", file_path="s.sql", options=DdlOptions())
    report = apply_tables(spark, schema + [ctas, events], tmp_path)
    assert [(o.target_full_name, o.action) for o in report] == [
        ("main.ctas_cur", "created"), ("main.ctas_raw.events", "created"), ("main.ctas_cur.by_site", "created")]
    assert report.summary() == "3 statements applied, 0 failed"
    assert spark.sql("SELECT * FROM main.ctas_cur.by_site").columns == ["site", "total"]


def test_apply_report_counts_failures_with_table_and_engine_message(spark, tmp_path):
    results = convert_ddl_text("CREATE TABLE rep_raw.ok (a int);\nCREATE VIEW rep_raw.v AS SELECT nope FROM rep_raw.ok;\n"
                               "SELECT 1;", file_path="r.sql", options=DdlOptions())
    report = apply_tables(spark, results, tmp_path)
    assert (len(report.applied), len(report.failed)) == (1, 1)
    [failure] = report.failures()
    assert failure.startswith("main.rep_raw.v: ") and "nope" in failure
    assert report.summary().startswith("1 statements applied, 1 failed\n  main.rep_raw.v: ")


def test_files_mixing_ddl_with_queries_convert_the_ddl_and_skip_the_rest():
    text = """CREATE EXTERNAL TABLE web_raw.clicks (id string) PARTITIONED BY (dt string) STORED AS PARQUET
  LOCATION 's3://web-lake/raw/clicks/';
MSCK REPAIR TABLE web_raw.clicks;
ALTER TABLE web_raw.clicks ADD IF NOT EXISTS PARTITION (dt='2024-05-01') LOCATION 's3://web-lake/raw/clicks/dt=2024-05-01/';
SELECT count(*) FROM web_raw.clicks;
INSERT INTO web_raw.clicks SELECT 'x', '2024-05-02';
DROP TABLE IF EXISTS web_raw.old_clicks;
CREATE VIEW web_raw.v AS SELECT id FROM web_raw.clicks;
"""
    rs = convert_ddl_text(text, file_path="athena/setup.sql", options=OPTS)
    assert [(r.statement_index, r.status) for r in rs] == [
        (1, "converted"), (2, "skipped"), (3, "skipped"), (4, "skipped"), (5, "skipped"), (6, "skipped"),
        (7, "converted")]
    reasons = [r.warnings[0] for r in rs[1:6]]
    assert reasons == [
        "athena/setup.sql: statement 2, line 3: skipped: MSCK REPAIR TABLE is not needed: Delta tracks its own partitions",
        "athena/setup.sql: statement 3, line 4: skipped: ALTER TABLE ... ADD PARTITION is not needed: Delta tracks its "
        "own partitions",
        "athena/setup.sql: statement 4, line 5: skipped: SELECT statement is not table DDL (only CREATE statements are "
        "converted)",
        "athena/setup.sql: statement 5, line 6: skipped: INSERT statement is not table DDL (only CREATE statements are "
        "converted)",
        "athena/setup.sql: statement 6, line 7: skipped: DROP is never carried to Unity Catalog automatically",
    ]


SERVERLESS = """service: clickstream
provider: {name: aws}
resources:
  Resources:
    RawDb:
      Type: AWS::Glue::Database
      Properties:
        CatalogId: !Ref AWS::AccountId
        DatabaseInput: {Name: '${self:service}_${sls:stage}_raw'}
    Clicks:
      Type: AWS::Glue::Table
      Properties:
        CatalogId: !Ref AWS::AccountId
        DatabaseName: !Ref RawDb
        TableInput:
          Name: clicks
          StorageDescriptor:
            Columns: [{Name: id, Type: string}]
            Location: 's3://${self:custom.bucket}/clicks/'
"""


@pytest.mark.parametrize("path, text, ddl_vars, got", [
    ("a.sql", "CREATE EXTERNAL TABLE ${env}_db.t (a int) STORED AS PARQUET LOCATION 's3://${bucket}/t/'",
     {"env": "prod", "bucket": "lake"}, [("converted", "main.prod_db.t", "s3://lake/t/", None)]),
    ("a.sql", "CREATE EXTERNAL TABLE ${env}_db.t (a int)", {},
     [("error", None, None, "templated name ${env} is not resolved: give its value under the project's ddl_vars "
                            "setting (ddl_vars: {env: ...})")]),
    ("a.sql", "CREATE TABLE `${self:service}-raw`.t (a int)", {},
     [("error", None, None, "templated name ${self:service} is not resolved: give its value under the project's "
                            "ddl_vars setting (ddl_vars: {self:service: ...})")]),
    ("a.sql", "CREATE TABLE `${self:service}-raw`.t (a int)", {"self:service": "clicks"},
     [("converted", "main.clicks-raw.t", None, None)]),
    ("a.sql", "CREATE TABLE {{ db }}.t (a int)", {"db": "web_raw"}, [("converted", "main.bronze.t", None, None)]),
    ("a.sql", "CREATE TABLE {{ db }}.t (a int)", {},
     [("error", None, None, "templated name {{ db }} is not resolved: give its value under the project's ddl_vars "
                            "setting (ddl_vars: {db: ...})")]),
    ("serverless.yml", SERVERLESS, {"self:service": "clickstream", "sls:stage": "dev", "self:custom.bucket": "lake"},
     [("converted", "main.clickstream_dev_raw", None, None),
      ("converted", "main.clickstream_dev_raw.clicks", "s3://lake/clicks/", None)]),
    ("serverless.yml", SERVERLESS, {},
     [("error", None, None, "templated name ${self:service}, ${sls:stage} is not resolved: give its value under the "
                            "project's ddl_vars setting (ddl_vars: {self:service: ...})"),
      ("error", None, None, "templated name ${self:service}, ${sls:stage} is not resolved: give its value under the "
                            "project's ddl_vars setting (ddl_vars: {self:service: ...})")]),
])
def test_templated_names_resolve_from_ddl_vars_or_are_flagged(path, text, ddl_vars, got):
    opts = DdlOptions(catalog="main", schema_map={"web_raw": "bronze"}, ddl_vars=ddl_vars)
    rs = convert_ddl_file(path, text, opts)
    assert [(r.status, r.target_full_name, r.location, r.warnings[0].split(": ", 2)[-1] if r.status == "error" else None)
            for r in rs] == got


def test_glue_json_that_is_not_a_table_export_is_skipped():
    [r] = convert_ddl_file("ddl/job_config.json", json.dumps({"jobs": [{"name": "a"}]}), OPTS)
    assert r.status == "skipped" and "not a Glue get-table/get-tables/get-databases JSON export" in r.warnings[0]


TEXT_IO = ("STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' "
           "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'")


@pytest.mark.parametrize("name, storage, status, hint", [
    ("regex", "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe' "
              "WITH SERDEPROPERTIES ('input.regex'='^(\\\\S+) (\\\\S+)$')", "converted",
     "INSERT INTO main.logs.regex SELECT <regexp_extract(value, '^(\\\\S+) (\\\\S+)$', i) per column> FROM "
     "read_files('s3://logs/regex/', format => 'text')"),
    ("grok", "ROW FORMAT SERDE 'com.amazonaws.glue.serde.GrokSerDe' "
             "WITH SERDEPROPERTIES ('input.format'='%{HOSTNAME:host} %{GREEDYDATA:msg}') " + TEXT_IO, "flagged",
     "Grok SerDe has no Databricks reader: rewrite the pattern '%{HOSTNAME:host} %{GREEDYDATA:msg}' as a regex and "
     "parse lines with regexp_extract over read_files(format => 'text')"),
    ("cloudtrail", "ROW FORMAT SERDE 'com.amazon.emr.hive.serde.CloudTrailSerde' STORED AS INPUTFORMAT "
                   "'com.amazon.emr.cloudtrail.CloudTrailInputFormat' OUTPUTFORMAT "
                   "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'", "converted",
     "INSERT INTO main.logs.cloudtrail SELECT r.* FROM (SELECT explode(Records) AS r FROM "
     "read_files('s3://logs/cloudtrail/', format => 'json', multiLine => true))"),
    ("ion", "ROW FORMAT SERDE 'com.amazon.ionhiveserde.IonHiveSerDe' STORED AS INPUTFORMAT "
            "'com.amazon.ionhiveserde.formats.IonInputFormat' OUTPUTFORMAT "
            "'com.amazon.ionhiveserde.formats.IonOutputFormat'", "flagged",
     "Amazon Ion data has no Databricks reader: export it to JSON or parquet (e.g. with Athena UNLOAD) and copy "
     "that into the Delta table"),
    ("openx", "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
              "WITH SERDEPROPERTIES ('ignore.malformed.json'='true')", "converted",
     "INSERT INTO main.logs.openx SELECT * FROM read_files('s3://logs/openx/', format => 'json', mode => 'PERMISSIVE')"),
    ("hivejson", "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' " + TEXT_IO, "converted",
     "INSERT INTO main.logs.hivejson SELECT * FROM read_files('s3://logs/hivejson/', format => 'json')"),
    ("opencsv", "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
                "WITH SERDEPROPERTIES ('separatorChar'=';', 'quoteChar'='\"') " + TEXT_IO, "converted",
     "INSERT INTO main.logs.opencsv SELECT * FROM read_files('s3://logs/opencsv/', format => 'csv', sep => ';', "
     "quote => '\"', escape => '\\\\')"),
    ("hudi", "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' STORED AS INPUTFORMAT "
             "'org.apache.hudi.hadoop.HoodieParquetInputFormat' OUTPUTFORMAT "
             "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'", "flagged",
     "Hudi table: no in-place conversion; read it with the Hudi reader (snapshot query) and INSERT INTO the Delta "
     "table, then retire the Hudi writer"),
    ("hudi_rt", "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' STORED AS INPUTFORMAT "
                "'org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat' OUTPUTFORMAT "
                "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'", "flagged",
     "Hudi table: no in-place conversion; read it with the Hudi reader (snapshot query) and INSERT INTO the Delta "
     "table, then retire the Hudi writer"),
])
def test_every_serde_form_converts_with_columns_kept_and_a_hint(name, storage, status, hint):
    text = (f"CREATE EXTERNAL TABLE logs.{name} (host string, detail struct<code:int,msg:string>) {storage} "
            f"LOCATION 's3://logs/{name}/'")
    [r] = convert_ddl_text(text, file_path=f"ddl/{name}.sql", options=DdlOptions())
    assert r.status == status
    assert [(c.name, c.type) for c in r.columns] == [("host", "STRING"), ("detail", "STRUCT<code: INT, msg: STRING>")]
    assert "SERDE" not in r.ddl.upper() and "INPUTFORMAT" not in r.ddl.upper()
    assert any(w.startswith("dropped Glue-only properties: EXTERNAL; ROW FORMAT SERDE") for w in r.warnings)
    assert r.migration_hint == hint
