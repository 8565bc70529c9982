"""Unity Catalog on a workspace: information_schema rows -> schemas, and the statements that bring an
existing table to its DDL (pure), then apply/read-back against the loopback fake of the Statement Execution
API with its in-memory Unity Catalog (the only stand-in: Databricks itself cannot run here)."""

import pytest

from g2l_core.ddl import Column, DdlOptions, StatementExecutionClient, StatementExecutionError, TableSchemaInfo, convert_ddl_text
from g2l_core.ddl.workspace import apply_to_workspace, plan_table_changes, read_uc_schemas, schema_queries, schemas_from_rows
from tests.databricks_fake import FakeWorkspace


def test_schema_queries_quote_names_and_lower_case():
    columns, tables = schema_queries("Main", "Risk_Raw")
    assert "FROM `main`.information_schema.columns WHERE table_schema = 'risk_raw'" in columns
    assert "FROM `main`.information_schema.tables WHERE table_schema = 'risk_raw'" in tables
    assert "table_schema = 'o\\'hara'" in schema_queries("main", "o'hara")[0]


def test_schemas_from_rows():
    columns = [
        ["trades", "trade_id", "string", "NO", "Trade id", None],
        ["trades", "qty", "bigint", "YES", None, None],
        ["trades", "px", "decimal(18,4)", "YES", "", None],
        ["trades", "tags", "struct<a:int,b:array<string>>", "YES", None, None],
        ["trades", "region", "string", "YES", None, "1"],
        ["trades", "business_date", "string", "YES", None, "0"],
        ["v_open", "trade_id", "string", "YES", None, None],
    ]
    tables = [["trades", "MANAGED", "All trades", "DELTA", None], ["v_open", "VIEW", None, None, None]]
    got = schemas_from_rows("main", "risk_raw", columns, tables)
    trades = got["main.risk_raw.trades"]
    assert [(c.name, c.type, c.nullable, c.comment) for c in trades.columns] == [
        ("trade_id", "STRING", False, "Trade id"), ("qty", "BIGINT", True, None), ("px", "DECIMAL(18, 4)", True, None),
        ("tags", "STRUCT<`a`: INT, `b`: ARRAY<STRING>>", True, None), ("region", "STRING", True, None),
        ("business_date", "STRING", True, None)]
    assert trades.partition_columns == ["business_date", "region"]  # by partition_index, not column order
    assert (trades.comment, trades.provider) == ("All trades", "DELTA")
    assert got["main.risk_raw.v_open"].provider == "VIEW"


TABLE_DDL = """CREATE EXTERNAL TABLE risk_raw.trades (
  trade_id string COMMENT 'Trade id', qty bigint, px decimal(18,4), venue string COMMENT 'Venue')
COMMENT 'All trades' PARTITIONED BY (business_date string) STORED AS PARQUET LOCATION 's3://b/t/'"""


def declared():
    return next(r for r in convert_ddl_text(TABLE_DDL, file_path="ddl/t.sql", options=DdlOptions()) if r.is_table)


def actual(*columns, partitions=("business_date",), comment="All trades"):
    cols = [Column(*c) for c in columns]
    return TableSchemaInfo("main.risk_raw.trades", cols, list(partitions), comment)


BASE = [("trade_id", "STRING", True, "Trade id"), ("qty", "BIGINT"), ("px", "DECIMAL(18,4)"),
        ("venue", "STRING", True, "Venue"), ("business_date", "STRING")]


@pytest.mark.parametrize("have, statements, notes", [
    (BASE, [], []),
    ([c for c in BASE if c[0] != "venue"],
     ["ALTER TABLE `main`.`risk_raw`.`trades` ADD COLUMNS (`venue` STRING COMMENT 'Venue')"],
     ["added column venue STRING (existing rows read NULL)"]),
    ([("trade_id", "STRING", True, "old"), *BASE[1:]],
     ["ALTER TABLE `main`.`risk_raw`.`trades` ALTER COLUMN `trade_id` COMMENT 'Trade id'"],
     ["comment of trade_id set"]),
    ([BASE[0], ("qty", "INT"), *BASE[2:], ("legacy", "STRING")], [],
     ["type of qty is INT, DDL says BIGINT: not changed on Databricks (rewrite needed)",
      "column legacy exists but is not in the DDL: kept"]),
])
def test_plan_table_changes(have, statements, notes):
    assert plan_table_changes(declared(), actual(*have), "All trades") == (statements, notes)


def test_plan_notes_partitioning_and_sets_the_table_comment():
    stmts, notes = plan_table_changes(declared(), actual(*BASE, partitions=(), comment=None), "All trades")
    assert stmts == ["COMMENT ON TABLE `main`.`risk_raw`.`trades` IS 'All trades'"]
    assert notes == ["partitioning is [], DDL says ['business_date']: not changed on Databricks", "table comment set"]


DDL = """
CREATE DATABASE IF NOT EXISTS risk_raw;
CREATE EXTERNAL TABLE risk_raw.trades (trade_id string COMMENT 'Trade id', qty bigint)
  PARTITIONED BY (business_date string) STORED AS PARQUET LOCATION 's3://b/t/';
CREATE VIEW risk_raw.big AS SELECT trade_id, qty FROM risk_raw.trades WHERE qty > 100;
CREATE EXTERNAL TABLE risk_raw.broken (a int) this is not ddl;
"""


def test_apply_creates_then_is_idempotent_then_evolves():
    results = convert_ddl_text(DDL, file_path="ddl/raw.sql", options=DdlOptions())
    with FakeWorkspace(token="tok") as ws:
        client = StatementExecutionClient(ws.url, "tok", "wh1", poll_interval=0.01, timeout=5)
        first = {o.target_full_name: o.action for o in apply_to_workspace(client, results) if o.target_full_name}
        assert first == {"main.risk_raw": "created", "main.risk_raw.trades": "created", "main.risk_raw.big": "replaced"}
        assert not any("broken" in s for s in ws.statements)  # statements that did not convert are never sent
        read = read_uc_schemas(client, ["main.risk_raw.trades", "main.risk_raw.nope"])
        assert [(c.name, c.type, c.comment) for c in read["main.risk_raw.trades"].columns] == [
            ("trade_id", "STRING", "Trade id"), ("qty", "BIGINT", None), ("business_date", "STRING", None)]
        assert read["main.risk_raw.trades"].partition_columns == ["business_date"] and read["main.risk_raw.nope"] is None

        sent = len(ws.statements)
        again = {o.target_full_name: o.action for o in apply_to_workspace(client, results) if o.target_full_name}
        assert again["main.risk_raw.trades"] == "unchanged"
        assert not any(s.upper().startswith(("ALTER", "COMMENT")) for s in ws.statements[sent:])

        wider = convert_ddl_text(DDL.replace("qty bigint)", "qty bigint, venue string COMMENT 'Venue')"),
                                 file_path="ddl/raw.sql", options=DdlOptions())
        evolved = {o.target_full_name: o for o in apply_to_workspace(client, wider) if o.target_full_name}
        assert evolved["main.risk_raw.trades"].action == "evolved"
        assert [c["name"] for c in ws.table("main.risk_raw.trades")["columns"]] == [
            "trade_id", "qty", "business_date", "venue"]


def test_a_failing_table_is_recorded_and_the_rest_apply():
    text = DDL + "CREATE EXTERNAL TABLE risk_ref.ccy (code string) STORED AS PARQUET LOCATION 's3://b/c/';\n"
    results = convert_ddl_text(text, file_path="ddl/raw.sql", options=DdlOptions())
    with FakeWorkspace(token="tok") as ws:
        client = StatementExecutionClient(ws.url, "tok", "wh1", poll_interval=0.01, timeout=5)
        out = {o.target_full_name: o for o in apply_to_workspace(client, results) if o.target_full_name}
    assert out["main.risk_ref.ccy"].action == "failed" and "SCHEMA_NOT_FOUND" in out["main.risk_ref.ccy"].error
    assert (out["main.risk_raw.trades"].action, out["main.risk_raw.big"].action) == ("created", "replaced")


def test_an_unreachable_workspace_is_named_and_every_table_is_reported_failed():
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    client = StatementExecutionClient(url, "tok", "wh1", poll_interval=0.01, timeout=5, request_timeout=2)
    results = convert_ddl_text(DDL, file_path="ddl/raw.sql", options=DdlOptions())
    out = {o.target_full_name: o for o in apply_to_workspace(client, results) if o.target_full_name}
    assert {o.action for o in out.values()} == {"failed"}
    assert f"on {url}: workspace not reachable" in out["main.risk_raw.trades"].error
    with pytest.raises(StatementExecutionError, match="workspace not reachable.*databricks.host"):
        read_uc_schemas(client, ["main.risk_raw.trades"])
