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


def test_committed_uc_ddl_files_carry_warnings_hints_and_schema_ddl(tmp_path):
    """The pipeline commits what ``g2l ddl`` writes: warnings, the data-migration hint, and the schema's DDL;
    a hostile database name becomes one encoded folder inside ``uc_ddl/``."""
    from g2l_core.migrate_ddl import migrate_ddl
    from tests.conftest import git, make_git_repo

    ddl = ("CREATE DATABASE web_raw COMMENT 'raw clicks';\n"
           "CREATE EXTERNAL TABLE web_raw.clicks (id string) PARTITIONED BY (dt string) STORED AS PARQUET "
           "LOCATION 's3://lake/clicks/';\n"
           "CREATE TABLE `../../escape`.t (a int);\n")
    glue_commit = make_git_repo(tmp_path / "glue", {"ddl/web.sql": ddl})
    make_git_repo(tmp_path / "seed", {"README.md": "target\n"})
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(tmp_path / "seed"), str(remote))
    proj = parse_registry(f"projects:\n  - name: p\n    glue: {{url: g}}\n    target: {{url: {remote}}}\n",
                          "projects.yaml")[0]
    blob = git(tmp_path / "glue", "rev-parse", "HEAD:ddl/web.sql")

    migration = migrate_ddl(proj, tmp_path / "glue", {"ddl/web.sql": blob}, tmp_path / "target", glue_commit)

    ddl_dir = proj.target.ddl_dir
    committed = git(remote, "ls-tree", "-r", "--name-only", "g2l/sync", f"{ddl_dir}/").splitlines()
    files = sorted(f.removeprefix(f"{ddl_dir}/") for f in committed)
    assert files == ["%2E%2E%2F%2E%2E%2Fescape/_schema.sql", "%2E%2E%2F%2E%2E%2Fescape/t.sql",
                     "web_raw/_schema.sql", "web_raw/clicks.sql"]
    clicks = git(remote, "show", f"g2l/sync:{ddl_dir}/web_raw/clicks.sql")
    assert clicks.splitlines()[:3] == [
        "-- Generated by g2l from the Glue DDL",
        "-- source: ddl/web.sql statement 2 (web_raw.clicks)",
        "-- warning: dropped Glue-only properties: EXTERNAL; STORED AS PARQUET; LOCATION 's3://lake/clicks/'",
    ]
    assert clicks.splitlines()[-1] == ("-- data migration: CONVERT TO DELTA parquet.`s3://lake/clicks/` PARTITIONED BY "
                                       "(dt STRING); then INSERT INTO main.web_raw.clicks SELECT * FROM "
                                       "delta.`s3://lake/clicks/`")
    assert "CREATE SCHEMA IF NOT EXISTS main.web_raw" in git(remote, "show", f"g2l/sync:{ddl_dir}/web_raw/_schema.sql")
    assert not (tmp_path / "escape").exists() and migration.published.commit

    # a later Glue commit that leaves the DDL as it was changes no DDL file: the weekly sync stays quiet
    (tmp_path / "glue" / "jobs").mkdir()
    (tmp_path / "glue" / "jobs" / "x.py").write_text("print(1)\n")
    git(tmp_path / "glue", "add", "-A")
    git(tmp_path / "glue", "commit", "-qm", "a job")
    later = git(tmp_path / "glue", "rev-parse", "HEAD")
    again = migrate_ddl(proj, tmp_path / "glue", {"ddl/web.sql": blob}, tmp_path / "target", later)
    assert again.published.commit  # the sync branch is rebuilt from main, which has not merged it yet
    assert git(remote, "show", f"g2l/sync:{ddl_dir}/web_raw/clicks.sql") == clicks


def test_connect_with_a_named_profile(monkeypatch, tmp_path, no_databricks_env):
    from g2l_core.ddl import connect

    with FakeWorkspace(token="tok") as ws:
        cfg = tmp_path / "cfg"
        cfg.write_text(f"[DEFAULT]\nhost = {ws.url}\n\n[lake]\nhost = {ws.url}\ntoken = tok\n")
        monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(cfg))
        client = connect(ws.url, "wh1", "G2L_UNSET_TOKEN", profile="lake")
        assert client.execute("SELECT table_name FROM main.information_schema.tables").rows == []
