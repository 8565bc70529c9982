"""The Databricks fake, driven through the real StatementExecutionClient: it is the only stand-in for
Unity Catalog, so its answers are checked here against what Databricks returns."""

from __future__ import annotations

import pytest

from g2l_core.ddl import StatementExecutionClient, StatementExecutionError
from tests.databricks_fake import FakeWorkspace

RISK_DDL = """/* Written by jobs/daily_risk_report.py (write_dynamic_frame.from_options, partitionKeys business_date) */
CREATE TABLE IF NOT EXISTS main.risk_reporting.daily_risk_summary (
  `desk` STRING COMMENT 'Desk',
  `trade_count` BIGINT COMMENT 'Trades on the desk',
  `business_date` STRING
)
USING DELTA
COMMENT 'Desk-level daily risk summary'
PARTITIONED BY (
  `business_date`
)
"""
COLUMNS_SQL = ("SELECT table_name, column_name, full_data_type, is_nullable, comment, partition_index "
               "FROM `main`.information_schema.columns WHERE table_schema = 'risk_reporting' "
               "ORDER BY table_name, ordinal_position")
TABLES_SQL = ("SELECT table_name, table_type, comment, data_source_format, storage_path "
              "FROM `main`.information_schema.tables WHERE table_schema = 'risk_reporting'")
SCHEMA = "CREATE SCHEMA main.risk_reporting"
TABLE = "CREATE TABLE main.risk_reporting.t (id INT NOT NULL, name STRING COMMENT 'Name') USING DELTA"
VIEW = "CREATE VIEW main.risk_reporting.v AS SELECT id FROM main.risk_reporting.t"


@pytest.fixture
def ws():
    with FakeWorkspace() as w:
        yield w


@pytest.fixture
def client(ws):
    return StatementExecutionClient(ws.url, "tok", "wh", poll_interval=0.01, timeout=5)


def run(client, *statements):
    return [client.execute(s) for s in statements]


def test_created_table_reads_back_through_information_schema(ws, client):
    run(client, SCHEMA, RISK_DDL, "CREATE TABLE main.risk_reporting.ext (id BIGINT NOT NULL) USING DELTA "
        "LOCATION 's3://bucket/ext' TBLPROPERTIES ('delta.appendOnly' = 'true')", VIEW.replace(".t", ".ext"))
    cols = client.execute(COLUMNS_SQL)
    assert cols.columns == ["table_name", "column_name", "full_data_type", "is_nullable", "comment", "partition_index"]
    assert cols.rows == [
        ["daily_risk_summary", "desk", "string", "YES", "Desk", None],
        ["daily_risk_summary", "trade_count", "bigint", "YES", "Trades on the desk", None],
        ["daily_risk_summary", "business_date", "string", "YES", None, "0"],
        ["ext", "id", "bigint", "NO", None, None],
        ["v", "id", "bigint", "NO", None, None],
    ]
    assert client.execute(TABLES_SQL).rows == [
        ["daily_risk_summary", "MANAGED", "Desk-level daily risk summary", "DELTA", None],
        ["ext", "EXTERNAL", None, "DELTA", "s3://bucket/ext"],
        ["v", "VIEW", None, None, None],
    ]
    t = ws.table("main.risk_reporting.daily_risk_summary")
    assert (t["partition_columns"], t["table_type"]) == (["business_date"], "MANAGED")
    assert ws.table("main.risk_reporting.ext")["properties"] == {"delta.appendOnly": "true"}


@pytest.mark.parametrize("type_sql, full_data_type, data_type", [
    ("INT", "int", "INT"),
    ("INTEGER", "int", "INT"),
    ("BIGINT", "bigint", "BIGINT"),
    ("STRING", "string", "STRING"),
    ("DOUBLE", "double", "DOUBLE"),
    ("BOOLEAN", "boolean", "BOOLEAN"),
    ("DECIMAL(18,4)", "decimal(18,4)", "DECIMAL"),
    ("DECIMAL", "decimal(10,0)", "DECIMAL"),
    ("VARCHAR(10)", "varchar(10)", "VARCHAR"),
    ("TIMESTAMP", "timestamp", "TIMESTAMP"),
    ("TIMESTAMP_NTZ", "timestamp_ntz", "TIMESTAMP_NTZ"),
    ("DATE", "date", "DATE"),
    ("ARRAY<STRING>", "array<string>", "ARRAY"),
    ("MAP<STRING, BIGINT>", "map<string,bigint>", "MAP"),
    ("STRUCT<a: INT, b: ARRAY<STRING>>", "struct<a:int,b:array<string>>", "STRUCT"),
    ("array<struct<x: decimal(5, 2)>>", "array<struct<x:decimal(5,2)>>", "ARRAY"),
])
def test_type_spelling(client, type_sql, full_data_type, data_type):
    run(client, SCHEMA, f"CREATE TABLE main.risk_reporting.t (c {type_sql}) USING DELTA")
    rows = client.execute("SELECT full_data_type, data_type, ordinal_position FROM main.information_schema.columns "
                          "WHERE table_schema = 'risk_reporting' AND table_name = 't'").rows
    assert rows == [[full_data_type, data_type, "1"]]


def test_names_are_case_insensitive_and_stored_lower_case(ws, client):
    run(client, "CREATE SCHEMA IF NOT EXISTS `MAIN`.`Risk_Reporting` COMMENT 'x'",
        "-- a leading comment\nCREATE TABLE Main.RISK_reporting.`Trades` (`Desk` STRING, Qty INT)")
    assert ws.table("main.risk_reporting.trades")["columns"][0]["name"] == "Desk"
    assert client.execute(TABLES_SQL).rows == [["trades", "MANAGED", None, "DELTA", None]]
    with pytest.raises(StatementExecutionError, match="FIELDS_ALREADY_EXISTS"):
        client.execute("ALTER TABLE main.risk_reporting.TRADES ADD COLUMNS (desk STRING)")


def test_if_not_exists_twice_is_a_no_op(ws, client):
    run(client, "CREATE SCHEMA IF NOT EXISTS main.risk_reporting;", "CREATE SCHEMA IF NOT EXISTS main.risk_reporting",
        RISK_DDL, RISK_DDL.replace("`desk` STRING", "`desk` INT, `extra` DATE"))
    assert [c["name"] for c in ws.table("main.risk_reporting.daily_risk_summary")["columns"]] == [
        "desk", "trade_count", "business_date"]
    assert ws.statements[-1].startswith("/* Written by") and len(ws.statements) == 4


def test_add_columns_appends_nullable_columns(ws, client):
    run(client, SCHEMA, TABLE, "ALTER TABLE `main`.`risk_reporting`.`t` ADD COLUMNS (`qty` DECIMAL(18,4) COMMENT 'Qty', "
        "tags ARRAY<STRING>)", "ALTER TABLE main.risk_reporting.t ADD COLUMN at TIMESTAMP")
    assert client.execute(COLUMNS_SQL).rows == [
        ["t", "id", "int", "NO", None, None],
        ["t", "name", "string", "YES", "Name", None],
        ["t", "qty", "decimal(18,4)", "YES", "Qty", None],
        ["t", "tags", "array<string>", "YES", None, None],
        ["t", "at", "timestamp", "YES", None, None],
    ]


def test_column_and_table_comments(ws, client):
    run(client, SCHEMA, TABLE, "ALTER TABLE main.risk_reporting.t ALTER COLUMN `ID` COMMENT 'Key: it\\'s unique'",
        "COMMENT ON TABLE `main`.`risk_reporting`.`t` IS 'Trades'")
    t = ws.table("main.risk_reporting.t")
    assert (t["columns"][0]["comment"], t["comment"]) == ("Key: it's unique", "Trades")
    assert client.execute(TABLES_SQL).rows == [["t", "MANAGED", "Trades", "DELTA", None]]


def test_views_take_columns_of_a_plain_select_and_can_be_replaced(ws, client):
    run(client, SCHEMA, TABLE, VIEW, "CREATE OR REPLACE VIEW main.risk_reporting.v COMMENT 'Names' AS "
        "SELECT name, id FROM main.risk_reporting.t", "CREATE VIEW main.risk_reporting.w AS SELECT count(*) AS n "
        "FROM main.risk_reporting.t")
    v = ws.table("main.risk_reporting.v")
    assert ([c["name"] for c in v["columns"]], v["comment"], v["table_type"]) == (["name", "id"], "Names", "VIEW")
    assert ws.table("main.risk_reporting.w")["columns"] == []


def test_select_order_where_and_star(client):
    run(client, SCHEMA, TABLE, "CREATE TABLE main.risk_reporting.a (z INT, y INT) PARTITIONED BY (y)")
    q = "SELECT table_name, column_name FROM main.information_schema.columns WHERE table_schema = 'risk_reporting'"
    assert client.execute(q + " ORDER BY table_name DESC, ordinal_position DESC").rows == [
        ["t", "name"], ["t", "id"], ["a", "y"], ["a", "z"]]
    assert client.execute(q + " AND partition_index = 0").rows == [["a", "y"]]
    assert client.execute(q + " AND table_name = 'nope'").rows == []
    star = client.execute("SELECT * FROM main.information_schema.tables ORDER BY table_name")
    assert star.columns[:4] == ["table_catalog", "table_schema", "table_name", "table_type"]
    assert [r[2] for r in star.rows] == ["a", "t"]


def test_unqualified_names_use_the_request_catalog_and_schema(ws):
    c = StatementExecutionClient(ws.url, "tok", "wh", catalog="main", schema="risk_reporting",
                                 poll_interval=0.01, timeout=5)
    run(c, "CREATE SCHEMA risk_reporting", "CREATE TABLE t (a INT)", "COMMENT ON TABLE t IS 'T'")
    assert ws.table("main.risk_reporting.t")["comment"] == "T"
    assert c.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'risk_reporting'").rows == [["t"]]


@pytest.mark.parametrize("setup, statement, code", [
    ([SCHEMA], SCHEMA, "SCHEMA_ALREADY_EXISTS"),
    ([], "CREATE SCHEMA nope.s", "NO_SUCH_CATALOG_EXCEPTION"),
    ([], TABLE, "SCHEMA_NOT_FOUND"),
    ([], "CREATE TABLE nope.s.t (a INT)", "NO_SUCH_CATALOG_EXCEPTION"),
    ([SCHEMA, TABLE], TABLE, "TABLE_OR_VIEW_ALREADY_EXISTS"),
    ([SCHEMA, TABLE, VIEW], TABLE.replace(".t ", ".v "), "TABLE_OR_VIEW_ALREADY_EXISTS"),
    ([SCHEMA, TABLE, VIEW], VIEW, "TABLE_OR_VIEW_ALREADY_EXISTS"),
    ([SCHEMA, TABLE], VIEW.replace(".v ", ".t "), "EXPECT_VIEW_NOT_TABLE"),
    ([SCHEMA], "CREATE TABLE main.risk_reporting.t (a INT, A STRING)", "COLUMN_ALREADY_EXISTS"),
    ([SCHEMA], "CREATE TABLE main.risk_reporting.t (a INT) PARTITIONED BY (b)", "COLUMN_NOT_DEFINED_IN_TABLE"),
    ([SCHEMA], "CREATE TABLE main.risk_reporting.t (a VARCHAR)", "DATATYPE_MISSING_SIZE"),
    ([SCHEMA], "CREATE TABLE main.risk_reporting.t (a INT, b INT) PARTITIONED BY (a) CLUSTER BY (b)",
     "SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED"),
    ([SCHEMA], "ALTER TABLE main.risk_reporting.t ADD COLUMNS (b INT)", "TABLE_OR_VIEW_NOT_FOUND"),
    ([SCHEMA, TABLE], "ALTER TABLE main.risk_reporting.t ADD COLUMNS (b INT, Name STRING)", "FIELDS_ALREADY_EXISTS"),
    ([SCHEMA, TABLE, VIEW], "ALTER TABLE main.risk_reporting.v ADD COLUMNS (b INT)", "EXPECT_TABLE_NOT_VIEW"),
    ([SCHEMA, TABLE], "ALTER TABLE main.risk_reporting.t ALTER COLUMN nope COMMENT 'x'", "UNRESOLVED_COLUMN"),
    ([SCHEMA], "COMMENT ON TABLE main.risk_reporting.t IS 'x'", "TABLE_OR_VIEW_NOT_FOUND"),
    ([], "SELECT table_name FROM nope.information_schema.tables", "NO_SUCH_CATALOG_EXCEPTION"),
    ([], "SELECT nope FROM main.information_schema.columns", "UNRESOLVED_COLUMN"),
    ([], "SELECT table_name FROM main.information_schema.tables ORDER BY nope", "UNRESOLVED_COLUMN"),
    ([], "CREATE TABLE (", "PARSE_SYNTAX_ERROR"),
    ([], "SELEC 1", "PARSE_SYNTAX_ERROR"),
])
def test_errors(ws, client, setup, statement, code):
    run(client, *setup)
    with pytest.raises(StatementExecutionError, match=rf"FAILED: \[{code}\]") as e:
        client.execute(statement)
    assert e.value.state == "FAILED"
    assert ws.statements == [*setup, statement]


@pytest.mark.parametrize("statement", [
    "DROP TABLE main.risk_reporting.t",
    "SELECT 1",
    "SELECT count(*) FROM main.information_schema.columns",
    "SELECT table_name FROM main.information_schema.schemata",
    "SELECT table_name FROM main.information_schema.tables WHERE table_name LIKE 't%'",
    "SELECT table_name FROM main.information_schema.tables LIMIT 1",
    "SHOW TABLES IN main.risk_reporting",
    "CREATE OR REPLACE TABLE main.risk_reporting.t (a INT)",
    "CREATE TABLE main.risk_reporting.u AS SELECT 1 AS a",
    "CREATE TABLE main.risk_reporting.u (a INT) USING PARQUET",
    "CREATE TABLE main.risk_reporting.u (a INT DEFAULT 1)",
    "CREATE TABLE main.risk_reporting.u (a INTERVAL DAY)",
    "CREATE TEMPORARY VIEW tv AS SELECT 1 AS a",
    "ALTER TABLE main.risk_reporting.t DROP COLUMN name",
    "ALTER TABLE main.risk_reporting.t ALTER COLUMN id TYPE BIGINT",
    "ALTER TABLE main.risk_reporting.t ADD COLUMN b INT FIRST",
    "ALTER TABLE main.risk_reporting.t ADD COLUMNS (b INT NOT NULL)",
    "ALTER TABLE main.risk_reporting.t SET TBLPROPERTIES ('a' = 'b')",
    "COMMENT ON COLUMN main.risk_reporting.t.id IS 'x'",
    "CREATE SCHEMA main.a; CREATE SCHEMA main.b",
    "CREATE DATABASE main.a",
])
def test_unsupported_statements_fail_loudly(ws, client, statement):
    run(client, SCHEMA, TABLE)
    with pytest.raises(StatementExecutionError, match="NOT_IMPLEMENTED_IN_FAKE") as e:
        client.execute(statement)
    assert statement.splitlines()[0][:60] in str(e.value)
    assert ws.table("main.risk_reporting.t")["columns"][0] == {"name": "id", "type": "int", "nullable": False,
                                                               "comment": None}


def test_odd_statements_are_polled_even_ones_answered_at_once(client, ws):
    run(client, SCHEMA, TABLE, "COMMENT ON TABLE main.risk_reporting.t IS 'x'")
    posts = [state for method, path, state in ws.requests if method == "POST"]
    gets = [state for method, path, state in ws.requests if method == "GET"]
    assert posts == ["PENDING", "SUCCEEDED", "PENDING"] and gets == ["SUCCEEDED", "SUCCEEDED"]
    with pytest.raises(StatementExecutionError, match="SCHEMA_ALREADY_EXISTS"):
        run(client, "COMMENT ON TABLE main.risk_reporting.t IS 'y'", SCHEMA)
    assert ws.requests[-2:] == [("POST", "/api/2.0/sql/statements", "PENDING"),
                                ("GET", ws.requests[-1][1], "FAILED")]


def test_wrong_token_is_refused_and_not_run(ws):
    with pytest.raises(StatementExecutionError, match="submitting a statement on http://127.0.0.1:[0-9]+: "
                       "UNAUTHENTICATED: Invalid access token"):
        StatementExecutionClient(ws.url, "wrong", "wh").execute(SCHEMA)
    assert ws.statements == []
