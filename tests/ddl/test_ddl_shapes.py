"""DDL shapes met in public Glue/Athena repositories that g2l mis-read (issue: real-world infra): each case is
one statement, the Databricks DDL it must give (or its status) and a note it must carry."""

import pytest
import sqlglot

from g2l_core.ddl import DdlOptions, convert_ddl_file, convert_ddl_text

OPTS = DdlOptions(catalog="main")


@pytest.mark.parametrize(("source", "ddl"), [
    # a doubled quote in a COMMENT (SQL's escape) failed to parse
    ("CREATE EXTERNAL TABLE sales.orders (`id` bigint COMMENT 'the customer''s order id', note string COMMENT '') "
     "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=',', "
     "'quoteChar'='\"', 'escapeChar'='\\\\') LOCATION 's3://lake/orders/'",
     "CREATE TABLE IF NOT EXISTS main.sales.orders (`id` BIGINT COMMENT 'the customer\\'s order id', "
     "note STRING COMMENT '') USING DELTA"),
    # a double-quoted column name became the string literal 'amount'
    ('CREATE EXTERNAL TABLE "sales"."refunds" ("amount" decimal(38,18), "reason" varchar(200)) '
     "STORED AS PARQUET LOCATION 's3://lake/refunds/'",
     "CREATE TABLE IF NOT EXISTS main.sales.refunds (`amount` DECIMAL(38, 18), `reason` STRING) USING DELTA"),
    # struct fields named with reserved words, written unquoted as Hive allows, must be quoted for Databricks
    ("CREATE EXTERNAL TABLE web.hits (payload struct<from:string, order:int, `select`:array<struct<user:string, "
     "ts:timestamp>>>, day char(10)) PARTITIONED BY (hour timestamp) STORED AS PARQUET LOCATION 's3://lake/hits/'",
     "CREATE TABLE IF NOT EXISTS main.web.hits (payload STRUCT<`from`: STRING, `order`: INT, `select`: "
     "ARRAY<STRUCT<`user`: STRING, ts: TIMESTAMP>>>, day STRING, hour TIMESTAMP) USING DELTA PARTITIONED BY (hour)"),
    # CREATE SCHEMA ... LOCATION lost its name (sqlglot puts it in the table's db slot)
    ("CREATE SCHEMA IF NOT EXISTS finance LOCATION 's3://lake/finance/' WITH DBPROPERTIES ('owner'='fin')",
     "CREATE SCHEMA IF NOT EXISTS main.finance"),
    # CREATE TABLE ... LIKE dropped the LIKE: a table without columns
    ("CREATE TABLE sales.orders_copy LIKE sales.orders",
     "CREATE TABLE IF NOT EXISTS main.sales.orders_copy LIKE main.sales.orders"),
    # Avro tables declaring columns only in avro.schema.literal gave a table without columns
    ("CREATE EXTERNAL TABLE events.clicks ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.avro.AvroSerDe' "
     "STORED AS AVRO LOCATION 's3://lake/clicks/' TBLPROPERTIES ('avro.schema.literal'='{\"type\": \"record\", "
     "\"name\": \"click\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}, {\"name\": \"user\", \"type\": "
     "[\"null\", \"string\"]}, {\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": "
     "\"timestamp-millis\"}}, {\"name\": \"price\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", "
     "\"precision\": 10, \"scale\": 2}}, {\"name\": \"tags\", \"type\": {\"type\": \"map\", \"values\": "
     "{\"type\": \"array\", \"items\": \"string\"}}}]}')",
     "CREATE TABLE IF NOT EXISTS main.events.clicks (`id` BIGINT, `user` STRING, `at` TIMESTAMP, "
     "`price` DECIMAL(10, 2), `tags` MAP<STRING, ARRAY<STRING>>) USING DELTA"),
    # Athena Iceberg CTAS: partitioning=ARRAY[...] was kept as a TBLPROPERTIES array Databricks rejects
    ("CREATE TABLE sales.daily WITH (table_type='ICEBERG', is_external=false, location='s3://lake/daily/', "
     "partitioning=ARRAY['day(order_ts)', 'region']) AS SELECT * FROM sales.orders",
     "CREATE TABLE IF NOT EXISTS main.sales.daily USING DELTA CLUSTER BY (order_ts, region) AS SELECT * "
     "FROM main.sales.orders"),
])
def test_shapes_convert(source, ddl):
    [r] = convert_ddl_text(source, file_path="ddl/shapes.sql", options=OPTS)
    assert r.status in ("converted", "flagged"), r.warnings
    assert " ".join(sqlglot.transpile(r.ddl, read="databricks", write="databricks")[0].split()) == ddl


def test_location_with_trailing_space_is_trimmed():
    [r] = convert_ddl_text("CREATE EXTERNAL TABLE sales.t (a int) STORED AS PARQUET LOCATION 's3://lake/t/ '",
                           file_path="ddl/t.sql", options=OPTS)
    assert r.location == "s3://lake/t/"
    assert "`s3://lake/t/`" in r.migration_hint


@pytest.mark.parametrize(("source", "note"), [
    ("ALTER TABLE sales.orders ADD IF NOT EXISTS PARTITION (dt='2024-01-01') LOCATION 's3://lake/o/dt=2024-01-01/' "
     "PARTITION (dt='2024-01-02') LOCATION 's3://lake/o/dt=2024-01-02/'",
     "ALTER TABLE ... ADD PARTITION is not needed: Delta tracks its own partitions"),
    ("ALTER TABLE sales.orders DROP IF EXISTS PARTITION (dt='2024-01-01')",
     "ALTER TABLE ... DROP PARTITION is not carried over"),
])
def test_partition_bookkeeping_is_skipped_not_an_error(source, note):
    [r] = convert_ddl_text(source, file_path="ddl/parts.sql", options=OPTS)
    assert r.status == "skipped" and note in r.warnings[0]


def test_avro_schema_url_is_a_clear_error_and_the_rest_converts():
    text = ("CREATE EXTERNAL TABLE events.views ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.avro.AvroSerDe' "
            "STORED AS AVRO LOCATION 's3://lake/views/' TBLPROPERTIES ('avro.schema.url'='s3://schemas/views.avsc');\n"
            "CREATE EXTERNAL TABLE events.ok (a string) STORED AS PARQUET LOCATION 's3://lake/ok/';")
    bad, good = convert_ddl_text(text, file_path="ddl/avro.sql", options=OPTS)
    assert bad.status == "error"
    assert bad.warnings[0].startswith("ddl/avro.sql: statement 1, line 1: columns are declared in avro.schema.url "
                                      "s3://schemas/views.avsc")
    assert good.status == "converted"


@pytest.mark.parametrize(("source", "status", "message"), [
    # the parser read ${hiveconf:db}.t as schema "hiveconf": the table would land in a schema named after it
    ("CREATE EXTERNAL TABLE ${hiveconf:db}.clicks (a int) LOCATION 's3://lake/clicks/'", "error",
     "ddl/s.sql: statement 1, line 1: templated name ${hiveconf:db} is not resolved: give its value under the "
     "project's ddl_vars setting"),
    # a temporary view was written as a catalog-qualified TEMPORARY VIEW Databricks refuses
    ("CREATE TEMPORARY VIEW recent AS SELECT 1 AS x", "skipped",
     "ddl/s.sql: statement 1, line 1: skipped: a TEMPORARY table or view lives in one session: not catalog DDL"),
    # Athena's Delta Lake tables declare no columns: a column-less CREATE TABLE was reported as converted
    ("CREATE EXTERNAL TABLE sales.ledger LOCATION 's3://lake/ledger/' TBLPROPERTIES ('table_type'='DELTA')", "error",
     "ddl/s.sql: statement 1, line 1: no columns declared: a Databricks table needs its column list; declare the "
     "columns (it is Delta at s3://lake/ledger/: CREATE TABLE main.sales.ledger DEEP CLONE delta.`s3://lake/ledger/` "
     "copies it with its schema)"),
    # UNLOAD (an export query) was a parse error
    ("UNLOAD (SELECT * FROM sales.orders) TO 's3://exports/orders/' WITH (format = 'PARQUET')", "skipped",
     "ddl/s.sql: statement 1, line 1: skipped: UNLOAD statement is not table DDL"),
])
def test_statements_that_are_not_tables_to_create(source, status, message):
    [r] = convert_ddl_text(source, file_path="ddl/s.sql", options=OPTS)
    assert r.status == status and r.warnings[0].startswith(message), r.warnings


CFN_TABLES = """
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Db:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput: {Name: !Sub "sales_${Env}"}
  ProdOnly:
    Type: AWS::Glue::Table
    Condition: IsProd
    Properties:
      DatabaseName: !Ref Db
      TableInput: {Name: audit, StorageDescriptor: {Columns: [{Name: a, Type: int}]}}
  Orders:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref Db
      TableInput:
        Name: orders
        Description: !If [IsProd, production orders, !Ref AWS::NoValue]
        StorageDescriptor:
          Columns:
            - {Name: id, Type: bigint}
            - !If [IsProd, {Name: audit_ts, Type: timestamp}, !Ref AWS::NoValue]
  Shared:
    Type: AWS::Glue::Table
    Properties:
      DatabaseName: !ImportValue shared-catalog-db
      TableInput: {Name: lookups, StorageDescriptor: {Columns: [{Name: k, Type: string}]}}
"""


@pytest.mark.parametrize(("variables", "expected"), [
    ({}, [("skipped", None), ("converted", "CREATE TABLE IF NOT EXISTS main.sales_dev.orders (id BIGINT) USING DELTA"),
          ("error", None)]),
    ({"Env": "prod", "shared-catalog-db": "ref"},
     [("converted", "CREATE TABLE IF NOT EXISTS main.sales_prod.audit (a INT) USING DELTA"),
      ("converted", "CREATE TABLE IF NOT EXISTS main.sales_prod.orders (id BIGINT, audit_ts TIMESTAMP) USING DELTA "
                    "COMMENT 'production orders'"),
      ("converted", "CREATE TABLE IF NOT EXISTS main.ref.lookups (k STRING) USING DELTA")]),
])
def test_cloudformation_tables_follow_conditions_and_ddl_vars(variables, expected):
    results = convert_ddl_file("infra/catalog.yaml", CFN_TABLES, DdlOptions(catalog="main", ddl_vars=variables))
    tables = results[1:]
    assert [(r.status, " ".join(sqlglot.transpile(r.ddl, read="databricks", write="databricks")[0].split())
             if r.ddl else None) for r in tables] == expected
    if not variables:
        assert tables[0].warnings == ["infra/catalog.yaml: statement 2, line 12: skipped: resource ProdOnly: Condition "
                                      "IsProd is false with these parameters: not created"]
        assert tables[2].warnings[0].startswith("infra/catalog.yaml: statement 4, line 30: templated name "
                                                "${shared-catalog-db} is not resolved")
        assert not [w for r in results for w in r.warnings if "AccountId" in w]


def test_storage_handler_tables_are_flagged_not_converted_silently():
    [r] = convert_ddl_text("CREATE EXTERNAL TABLE ops.sessions (id string, ttl bigint) STORED BY "
                           "'org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler' TBLPROPERTIES "
                           "('dynamodb.table.name'='sessions', 'dynamodb.column.mapping'='id:Id,ttl:Ttl')",
                           file_path="ddl/ddb.sql", options=OPTS)
    assert r.status == "flagged" and r.source_format == "handler"
    assert r.warnings[0].startswith("Hive storage handler org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler: "
                                    "the data lives outside S3")
    assert r.migration_hint == r.warnings[0]


def test_athena_ctas_storage_options_are_not_kept_as_table_properties():
    [r] = convert_ddl_text("CREATE TABLE sales.daily_csv WITH (format = 'TEXTFILE', field_delimiter = ',', "
                           "parquet_compression = 'SNAPPY', orc_compression = 'ZLIB', external_location = "
                           "'s3://lake/daily_csv/', owner_team = 'fin') AS SELECT * FROM sales.orders",
                           file_path="ddl/ctas.sql", options=OPTS)
    assert " ".join(sqlglot.transpile(r.ddl, read="databricks", write="databricks")[0].split()) == (
        "CREATE TABLE IF NOT EXISTS main.sales.daily_csv USING DELTA TBLPROPERTIES ('owner_team'='fin') AS SELECT * "
        "FROM main.sales.orders")
