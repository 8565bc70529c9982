"""A real sample run configured for Databricks publishes the dashboard's stage tables to Unity Catalog (the
loopback fake of the Statement Execution API), and the App's reader gets from there what the local reader
gets from the Delta tables."""

import json
import os
import shutil

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from g2l_core.dashboard.data import last_sync, latest_progress, needs_human, progress_over_time, totals
from g2l_core.dashboard.readers import STAGE_TABLES, LocalStages, UnityCatalogStages, reader_from_environment
from tests.conftest import REPO_ROOT
from tests.dagster.conftest import write_registry
from tests.databricks_fake import FakeWorkspace
from tests.ui.conftest import materialize_sample

APP_ENV = {"G2L_STAGES_CATALOG": "main", "G2L_STAGES_SCHEMA": "g2l_stages", "DATABRICKS_WAREHOUSE_ID": "wh1"}


def progress_metadata(dagster_home) -> dict[str, str]:
    """Text metadata of the latest ``migration_progress`` materialization."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        [record] = instance.fetch_materializations(dg.AssetKey("migration_progress"), limit=1).records
        meta = record.asset_materialization.metadata
    return {k: str(v.value) for k, v in meta.items() if isinstance(v.value, str)}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(workspace, local stages folder, App reader) after one g2l_pipeline run of the sample and the
    progress job, the project configured for the fake workspace."""
    root = tmp_path_factory.mktemp("uc")
    with FakeWorkspace(token="tok") as ws, pytest.MonkeyPatch.context() as mp:
        mp.setenv("G2L_TEST_DATABRICKS_TOKEN", "tok")
        registry = write_registry(root / "projects.yaml", root / "remotes", validation=False, databricks=ws.url)
        (root / "dagster_home").mkdir()
        (root / "home").mkdir()
        shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", root / "dagster_home" / "dagster.yaml")
        materialize_sample(root / "dagster_home", root / "home", registry)
        (root / "metadata.json").write_text(json.dumps(progress_metadata(root / "dagster_home")))
        # the App's own path: settings from app.yaml, credentials from the environment Databricks gives it
        mp.setenv("DATABRICKS_HOST", ws.url)
        mp.setenv("DATABRICKS_TOKEN", "tok")
        for name in ("DATABRICKS_CONFIG_PROFILE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"):
            mp.delenv(name, raising=False)
        yield ws, root / "home" / "stages", reader_from_environment(APP_ENV)


def test_the_run_publishes_every_stage_table_the_dashboard_reads(published):
    ws, stages, _ = published
    for name in STAGE_TABLES:
        local = pl.read_delta(str(stages / name))
        table = ws.table(f"main.g2l_stages.{name}")
        assert table is not None, name
        assert len(table["rows"]) == local.height > 0, name
        assert table["clustering_columns"] == ["project"]
    history = ws.table("main.g2l_stages.migration_progress")["history"]
    # the pipeline's run and the progress job each replaced the project's row in one commit
    assert [h["operation"] for h in history] == ["CREATE TABLE", "WRITE", "WRITE"]
    assert all(h["parameters"] == {"mode": "Overwrite", "predicate": "project = 'risk_engine'"} for h in history[1:])
    # and appended to the history the App draws progress over time from, once per run
    published = ws.table("main.g2l_stages.migration_progress_history")["rows"]
    assert [r["project"] for r in published] == ["risk_engine"] * 2
    assert published[0]["published_at"] < published[1]["published_at"]
    meta = json.loads((stages.parent.parent / "metadata.json").read_text())
    rows = sum(len(ws.table(f"main.g2l_stages.{name}")["rows"]) for name in STAGE_TABLES) + 1
    assert meta["unity_catalog_stage_tables"] == f"risk_engine -> main.g2l_stages: 8 tables, {rows} rows"
    assert "warnings" not in meta


def test_the_app_reader_returns_the_local_tables(published):
    _, stages, uc = published
    assert isinstance(uc, UnityCatalogStages)
    local = LocalStages(stages)
    for name in STAGE_TABLES:
        assert_frame_equal(uc.table(name), local.table(name), check_row_order=False), name


def test_the_app_shows_the_same_figures_as_the_local_dashboard(published):
    _, stages, uc = published
    figures = []
    for reader in (LocalStages(stages), uc):
        t = {name: reader.table(name) for name in STAGE_TABLES}
        progress = latest_progress(t["migration_progress"])
        history = progress_over_time(reader.versions("migration_progress"), t["sync_history"])
        figures.append((totals(progress),
                        needs_human(t["converted_code"], t["validation_results"], t["schema_drift"], t["uc_ddl"]),
                        last_sync(progress, t["glue_repo"], t["sync_history"]),
                        history.group_by("project", "figure").agg(pl.col("value").sort_by("at")).sort("figure")))
    (totals_local, human_local, sync_local, hist_local), (totals_uc, human_uc, sync_uc, hist_uc) = figures
    assert totals_uc == totals_local and totals_local["glue_entities"] > 0
    assert_frame_equal(human_uc, human_local)
    assert human_local.filter(pl.col("what") == "flagged file").height > 0
    assert_frame_equal(sync_uc, sync_local)
    assert_frame_equal(hist_uc, hist_local)


def test_a_project_without_databricks_publishes_nothing(tmp_path):
    from g2l_core.config import load_registry
    from g2l_core.stages.unity_catalog import publish_metadata, publish_stage_tables

    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes")
    calls = []
    reports = publish_stage_tables(load_registry(str(registry)), tmp_path, pl.DataFrame(),
                                   connect=lambda p: calls.append(p))
    assert reports == [] and calls == [] and publish_metadata(reports) == {}


def test_a_workspace_refusing_the_token_is_a_warning_not_a_failed_run(tmp_path, monkeypatch):
    from g2l_core.config import load_registry
    from g2l_core.stages.unity_catalog import publish_metadata, publish_stage_tables

    with FakeWorkspace(token="tok") as ws:
        monkeypatch.setenv("G2L_TEST_DATABRICKS_TOKEN", "wrong")
        registry = load_registry(str(write_registry(tmp_path / "projects.yaml", tmp_path / "remotes",
                                                    databricks=ws.url)))
        progress = pl.DataFrame({"project": ["risk_engine"], "validated": [1]})
        [report] = publish_stage_tables(registry, tmp_path / "stages", progress)
        assert ws.tables == {}
    meta = publish_metadata([report])
    assert report.rows == {} and len(report.errors) == 1
    assert meta["warnings"].startswith("- risk_engine: stage tables not fully published to main.g2l_stages: ")
    assert "UNAUTHENTICATED" in meta["warnings"] or "Invalid access token" in meta["warnings"], meta
    assert os.environ["G2L_TEST_DATABRICKS_TOKEN"] == "wrong"


def test_the_app_folder_serves_the_sample_from_unity_catalog(published, chromium, tmp_path):
    """The App as Databricks runs it: ``streamlit run app.py`` in the folder written into the bundle, with
    app.yaml's environment and the workspace credentials, no g2l installed and no local stage tables."""
    import subprocess

    import yaml

    from g2l_core.dashboard.deploy import write_databricks_app
    from g2l_core.dashboard.serve import streamlit_command
    from tests.dashboard.cdp import Browser
    from tests.ui.conftest import OUTPUT, free_port, wait_until_up

    ws, stages, _ = published
    write_databricks_app(tmp_path / "bundle", "main", "wh1")
    app = tmp_path / "bundle" / "apps" / "g2l_dashboard"
    env = {e["name"]: e["value"] for e in yaml.safe_load((app / "app.yaml").read_text())["env"]}
    env.update(PATH=os.environ["PATH"], HOME=str(tmp_path), DATABRICKS_HOST=ws.url, DATABRICKS_TOKEN="tok")
    progress = pl.read_delta(str(stages / "migration_progress")).row(0, named=True)
    flagged = pl.read_delta(str(stages / "converted_code")).filter(pl.col("status") == "flagged")["source_path"]
    port, log = free_port(), tmp_path / "app.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(streamlit_command(port, app=app / "app.py"), cwd=app, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    browser = None
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(proc, f"{url}/_stcore/health", "dashboard app", lambda: log.read_text()[-3000:], 120)
        browser = Browser(chromium, free_port(), tmp_path / "profile")
        text = browser.open_until(url, "Project risk_engine", *flagged, progress["glue_commit"][:12])
        OUTPUT.mkdir(exist_ok=True)
        browser.screenshot(OUTPUT / "dashboard_app_unity_catalog.png")
    finally:
        if browser is not None:
            browser.close()
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
    assert "Stage tables: main.g2l_stages" in text, text[:2000]
    assert f"Glue entities\n\n{progress['glue_entities']}" in text, text[:2000]
    assert f"Validated\n\n{progress['validated']}" in text, text[:2000]
    assert all(path in text for path in flagged) and progress["sync_commit"][:12] in text
    assert "Traceback" not in text and "Error" not in text.split("Needs a human now")[0]
    assert any(s.startswith("SELECT * FROM `main`.`g2l_stages`.`converted_code`") for s in ws.statements)
