"""DDL sent to a Databricks SQL warehouse: against the loopback fake of the Statement Execution API with
its in-memory Unity Catalog (the only stand-in: Databricks itself cannot run here)."""

import pytest

from g2l_core.config import parse_registry
from g2l_core.ddl import DdlOptions, convert_ddl_text
from g2l_core.migrate_ddl import apply_to_databricks, read_databricks_schemas
from tests.databricks_fake import FakeWorkspace

DDL = """
CREATE EXTERNAL TABLE risk_raw.trades (trade_id string, qty bigint) STORED AS PARQUET LOCATION 's3://b/t/';
CREATE EXTERNAL TABLE risk_ref.notes (txt string) STORED AS PARQUET;
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


def test_settings_give_the_client_schemas_go_first_and_failures_stay_in_place(monkeypatch):
    monkeypatch.setenv("G2L_TEST_TOKEN", "tok")
    results = convert_ddl_text(DDL, file_path="ddl/raw.sql", options=DdlOptions())
    with FakeWorkspace(token="tok") as ws:
        outcomes = apply_to_databricks(project(ws.url), results)
        schemas = read_databricks_schemas(project(ws.url), ["main.risk_raw.trades", "main.risk_ref.notes"])
    assert ws.statements[0].upper().startswith("CREATE SCHEMA")
    by_name = {o.target_full_name: o for o in outcomes if o.target_full_name and o.target_full_name.count(".") == 2}
    assert by_name["main.risk_raw.trades"].action == "created"
    assert by_name["main.risk_ref.notes"].action == "failed" and "SCHEMA_NOT_FOUND" in by_name["main.risk_ref.notes"].error
    assert [c.name for c in schemas["main.risk_raw.trades"].columns] == ["trade_id", "qty"]
    assert schemas["main.risk_ref.notes"] is None
    assert not any("broken" in s for s in ws.statements)  # statements that did not convert are never sent


def test_missing_token_names_the_setting(monkeypatch, no_databricks_env):
    monkeypatch.delenv("G2L_TEST_TOKEN", raising=False)
    with pytest.raises(ValueError, match="databricks.token_env names G2L_TEST_TOKEN, which is not set"):
        apply_to_databricks(project("http://127.0.0.1:9"), [])


@pytest.fixture
def no_databricks_env(monkeypatch, tmp_path):
    """No credentials from the machine running the tests: unified authentication sees only what a test sets."""
    import os

    for key in list(os.environ):
        if key.startswith("DATABRICKS_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(tmp_path / "no.databrickscfg"))


@pytest.mark.parametrize("how", ["token_env", "DATABRICKS_TOKEN", "profile"])
def test_unified_authentication(monkeypatch, tmp_path, no_databricks_env, how):
    """The token in token_env, else what Databricks' unified authentication finds (environment, config profile)."""
    monkeypatch.delenv("G2L_TEST_TOKEN", raising=False)
    with FakeWorkspace(token="tok") as ws:
        if how == "token_env":
            monkeypatch.setenv("G2L_TEST_TOKEN", "tok")
        elif how == "DATABRICKS_TOKEN":
            monkeypatch.setenv("DATABRICKS_TOKEN", "tok")
        else:
            cfg = tmp_path / "cfg"
            cfg.write_text(f"[risk]\nhost = {ws.url}\ntoken = tok\n")
            monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(cfg))
            monkeypatch.setenv("DATABRICKS_CONFIG_PROFILE", "risk")
        schemas = read_databricks_schemas(project(ws.url), ["main.risk_raw.trades"])
    assert schemas == {"main.risk_raw.trades": None}
    assert any("information_schema.columns" in s for s in ws.statements)


def test_no_credentials_anywhere_names_the_settings(no_databricks_env):
    with pytest.raises(ValueError) as e:
        read_databricks_schemas(project("http://127.0.0.1:9"), [])
    assert str(e.value).startswith("project 'p': databricks.token_env names G2L_TEST_TOKEN, which is not set")
    assert "DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET" in str(e.value)
    assert "databricks.host http://127.0.0.1:9" in str(e.value)
