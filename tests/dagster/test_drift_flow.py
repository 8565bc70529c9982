"""Issue flow: a Glue-side schema change shows as drift until the sync applies it, on the embedded
warehouse and on a Databricks workspace (the loopback fake of its SQL Statement Execution API, backed by
an in-memory Unity Catalog: Databricks itself cannot run here)."""

import contextlib
import subprocess

import dagster as dg
import polars as pl
import pytest

from g2l_dagster.definitions import build_definitions
from tests.conftest import git
from tests.dagster.conftest import write_registry
from tests.databricks_fake import FakeWorkspace

TRADES = "ddl/risk_raw.sql"


def push_change(remote, tmp_path, edit, message):
    work = tmp_path / "glue-work"
    if not work.exists():
        subprocess.run(["git", "clone", "-q", str(remote), str(work)], check=True)
        git(work, "config", "user.email", "glue@example.com")
        git(work, "config", "user.name", "Glue team")
    git(work, "pull", "-q")
    path = work / TRADES
    path.write_text(edit(path.read_text()))
    git(work, "commit", "-qam", message)
    git(work, "push", "-q", "origin", "main")


def open_drift(home):
    df = pl.read_delta(str(home / "stages" / "schema_drift")).filter(pl.col("project") == "risk_engine")
    return df, {(r["table"], r["drift_type"], r["column"]): r["severity"]
                for r in df.filter(~pl.col("resolved")).iter_rows(named=True)}


def trades_columns(home, workspace):
    if workspace is None:
        return pl.read_delta(str(home / "warehouse" / "main" / "risk_raw" / "trades")).columns
    return [c["name"] for c in workspace.table("main.risk_raw.trades")["columns"]]


@pytest.mark.parametrize("target", ["local", "databricks"])
def test_new_column_and_type_change_show_as_drift_until_synced(tmp_path, monkeypatch, target):
    with contextlib.ExitStack() as stack:
        workspace = None
        if target == "databricks":
            workspace = stack.enter_context(FakeWorkspace(token="tok"))
            monkeypatch.setenv("G2L_TEST_DATABRICKS_TOKEN", "tok")
        drift_flow(tmp_path, workspace)
    if workspace is not None:  # everything reached Unity Catalog through the API, nothing through the local engine
        assert not (tmp_path / "home" / "warehouse" / "main" / "risk_raw").exists()
        assert any(s.startswith("ALTER TABLE `main`.`risk_raw`.`trades` ADD COLUMNS") for s in workspace.statements)


def drift_flow(tmp_path, workspace):
    home = tmp_path / "home"
    # no runtime validation here: the reference data would (rightly) no longer match the changed table
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False,
                              databricks=workspace.url if workspace else None)
    remote = tmp_path / "remotes" / "risk_engine" / "glue.git"
    defs = build_definitions(home, projects_file=str(registry))
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])

        def run(job):
            return defs.resolve_job_def(job).execute_in_process(partition_key="risk_engine", instance=instance,
                                                                raise_on_error=False)

        assert run("g2l_pipeline").success
        assert open_drift(home)[1] == {}

        push_change(remote, tmp_path, lambda t: t.replace(
            "  `status` string COMMENT 'FO booking status'\n",
            "  `status` string COMMENT 'FO booking status',\n  `venue` string COMMENT 'Execution venue'\n", 1),
            "Add execution venue to trades")
        check = run("g2l_drift_check")
        assert not check.success  # the blocking check stops on critical drift
        assert open_drift(home)[1] == {("main.risk_raw.trades", "MISSING_COLUMN", "venue"): "critical"}

        assert run("g2l_catch_up").success  # the sync applies the additive column
        drift, still_open = open_drift(home)
        assert still_open == {}
        venue = drift.filter(pl.col("column") == "venue").row(0, named=True)
        assert venue["resolved"] and venue["resolved_at"] is not None  # history kept, marked resolved
        assert "venue" in trades_columns(home, workspace)

        push_change(remote, tmp_path, lambda t: t.replace("`quantity` bigint", "`quantity` int", 1),
                    "Quantity fits in int")
        assert not run("g2l_drift_check").success
        assert open_drift(home)[1] == {("main.risk_raw.trades", "TYPE_MISMATCH", "quantity"): "critical"}

        push_change(remote, tmp_path, lambda t: t.replace("`quantity` int", "`quantity` bigint", 1).replace(
            "`notional` decimal(18,2)", "`notional` decimal(22,2)", 1), "Back to bigint; wider notional")
        assert run("g2l_catch_up").success  # a widening is a warning: it does not stop the sync
        drift, still_open = open_drift(home)
        assert still_open == {("main.risk_raw.trades", "TYPE_MISMATCH", "notional"): "warning"}
        assert drift.filter((pl.col("column") == "quantity") & pl.col("resolved")).height == 1
