"""DDL sent to a Databricks SQL warehouse: against the loopback fake of the Statement Execution API
(the only stand-in: Databricks itself cannot run here)."""

import pytest

from g2l_core.config import parse_registry
from g2l_core.ddl import DdlOptions, StatementExecutionClient, convert_ddl_text
from g2l_core.migrate_ddl import apply_to_databricks
from tests.ddl.test_statement_api import FakeWarehouse, warehouse  # noqa: F401  (fixture)

DDL = """
CREATE EXTERNAL TABLE risk_raw.trades (trade_id string, qty bigint) STORED AS PARQUET LOCATION 's3://b/t/';
CREATE EXTERNAL TABLE risk_raw.notes (txt string COMMENT 'the warehouse rejects: syntax error') STORED AS PARQUET;
CREATE DATABASE IF NOT EXISTS risk_raw;
CREATE EXTERNAL TABLE risk_raw.broken (a int) this is not ddl;
"""


def project(host: str):
    text = f"""projects:
  - name: p
    glue: {{url: g}}
    target: {{url: t}}
    databricks: {{host: "{host}", warehouse_id: wh1, token_env: G2L_TEST_TOKEN}}
"""
    return parse_registry(text, "projects.yaml")[0]


def test_schemas_first_then_tables_failures_in_place(warehouse):  # noqa: F811
    results = convert_ddl_text(DDL, file_path="ddl/raw.sql", options=DdlOptions())
    client = StatementExecutionClient(warehouse, "tok", "wh1", poll_interval=0.01, timeout=5)
    outcomes = apply_to_databricks(project(warehouse), results, client=client)
    sent = [body["statement"] for body in FakeWarehouse.seen]
    assert sent[0].upper().startswith("CREATE SCHEMA")
    assert {o.target_full_name: o.action for o in outcomes if o.target_full_name.count(".") == 2} == {
        "main.risk_raw.trades": "applied", "main.risk_raw.notes": "failed"}
    assert not any("broken" in s for s in sent)  # statements that did not convert are never sent


def test_missing_token_names_the_setting(monkeypatch):
    monkeypatch.delenv("G2L_TEST_TOKEN", raising=False)
    with pytest.raises(ValueError, match="databricks.token_env names G2L_TEST_TOKEN, which is not set"):
        apply_to_databricks(project("http://127.0.0.1:9"), [])
