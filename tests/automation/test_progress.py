"""migration_progress computed from crafted stage tables stored as real Delta folders."""

import json
from datetime import datetime, timezone

import dagster as dg
import polars as pl

from g2l_core.stages.progress import SOURCES, progress_frame
from g2l_core.stages.tables import read_stage
from g2l_core.sync import OUTCOMES
from g2l_dagster.assets.progress import migration_progress
from g2l_dagster.io_manager import stage_io_manager
from g2l_dagster.resources import G2lPaths
from tests.automation.conftest import write_projects


def crafted_stages(stages):
    """Project p: every status once; project q is registered but never ran."""
    entities = [("glue", "jobs/a.py", False)] * 3 + [("glue", "jobs/b.py", False)] * 2 + [
        ("glue", "jobs/c.py", False), ("glue", "ddl/t.sql", False), ("glue", None, False), ("glue", "jobs/d.py", False),
        ("databricks", "jobs/native.py", True), ("databricks", "monitoring/x.py", True), ("databricks", "jobs/a.py", False)]
    tables = {
        "source_entities": pl.DataFrame(
            [{"project": "p", "source_type": s, "file_path": f, "is_databricks_native": n} for s, f, n in entities]),
        "converted_code": pl.DataFrame({
            "project": ["p"] * 4, "source_path": ["jobs/a.py", "jobs/b.py", "jobs/c.py", "jobs/d.py"],
            "status": ["converted", "flagged", "failed", "converted"],
            "conflict": [None, "modified", None, None], "glue_commit": ["abc123"] * 4, "sync_commit": ["def456"] * 4}),
        "validation_results": pl.DataFrame({
            "project": ["p"] * 4, "source_path": ["jobs/a.py", "jobs/a.py", "jobs/d.py", "jobs/d.py"],
            "passed": [True, True, True, False]}),
        "uc_ddl": pl.DataFrame({
            "project": ["p", "p"], "source_file": ["ddl/t.sql", "ddl/t.sql"], "status": ["converted", "converted"],
            "applied": [True, True], "table_kind": ["schema", "managed"]}),
        "schema_drift": pl.DataFrame({
            "project": ["p"] * 3, "resolved": [False, False, True], "severity": ["critical", "warning", "critical"]}),
    }
    for name, df in tables.items():
        df.write_delta(str(stages / name))
    return {name: read_stage(stages, name) for name in SOURCES}


EXPECTED_P = {"project": "p", "glue_entities": 9, "converted": 7, "validated": 4, "flagged": 2, "failed": 1,
              "pending": 1, "databricks_native": 2, "conflicts": 1, "open_drift": 2, "critical_drift": 1,
              "glue_commit": "abc123", "sync_commit": "def456", "progress_pct": 44.4}


def test_progress_per_project_from_stage_tables(tmp_path):
    tables = crafted_stages(tmp_path)
    synced = datetime(2026, 3, 2, 9, 5, tzinfo=timezone.utc)
    df = progress_frame(["p", "q"], tables, {"p": synced})
    p, q = df.to_dicts()
    assert {k: p[k] for k in EXPECTED_P} == EXPECTED_P
    assert p["last_sync"] == synced
    assert q["glue_entities"] == 0 and q["progress_pct"] == 0.0 and q["last_sync"] is None and q["glue_commit"] is None


def test_ddl_file_takes_its_worst_statement(tmp_path):
    tables = crafted_stages(tmp_path)
    tables["uc_ddl"] = pl.DataFrame({
        "project": ["p", "p"], "source_file": ["ddl/t.sql", "ddl/t.sql"], "status": ["converted", "flagged"],
        "applied": [True, False], "table_kind": ["managed", "managed"]})
    [p] = progress_frame(["p"], tables).to_dicts()
    assert (p["validated"], p["flagged"]) == (3, 3)


def test_stages_that_never_ran_give_an_empty_row(tmp_path):
    [row] = progress_frame(["p"], {name: read_stage(tmp_path, name) for name in SOURCES}).to_dicts()
    assert row["glue_entities"] == 0 and row["conflicts"] == 0 and row["open_drift"] == 0


def test_asset_stores_a_delta_table_with_a_markdown_summary(tmp_path):
    home = tmp_path / "home"
    crafted_stages(home / "stages")
    registry = write_projects(tmp_path / "projects.yaml", {"p": {"glue_url": str(tmp_path / "p")},
                                                           "q": {"glue_url": str(tmp_path / "q")}})
    resources = {"paths": G2lPaths(home=str(home), projects_file=str(registry)),
                 "io_manager": stage_io_manager(home)}
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["p", "q"])
        instance.report_runless_asset_event(dg.AssetMaterialization(asset_key="converted_code", partition="p"))
        result = dg.materialize([migration_progress], instance=instance, resources=resources)
        [mat] = result.asset_materializations_for_node("migration_progress")
        assert "| p | 9 | 7 | 4 | 44.4 | 20" in mat.metadata["progress"].value  # last_sync: this year
        assert "| q | 0 | 0 | 0 | 0.0 |  |" in mat.metadata["progress"].value
        assert max(len(line.split("|")) for line in mat.metadata["progress"].value.splitlines()) <= 8  # fits
        assert "| p | 2 | 1 | 1 | 1 |" in mat.metadata["needs_a_human"].value
        assert mat.metadata["overall_progress_pct"].value == 44.4
        stored = pl.read_delta(str(home / "stages" / "migration_progress")).sort("project")
        assert stored["project"].to_list() == ["p", "q"]
        assert stored.row(0, named=True)["last_sync"] is not None
        assert {k: stored.row(0, named=True)[k] for k in EXPECTED_P} == EXPECTED_P


def test_progress_is_its_own_reporting_group_downstream_of_the_stages():
    spec = migration_progress.specs_by_key[dg.AssetKey("migration_progress")]
    assert spec.group_name == "g2l_reporting" and spec.partitions_def is None
    assert {d.asset_key.path[0] for d in spec.deps} == set(SOURCES)
    assert "deltalake" in spec.kinds


def test_every_job_that_writes_a_stage_ends_with_progress():
    from g2l_dagster.definitions import build_definitions

    defs = build_definitions()
    for name in ("g2l_pipeline", "g2l_catch_up", "g2l_drift_check", "g2l_progress"):
        job = defs.resolve_job_def(name)
        assert dg.AssetKey("migration_progress") in job.asset_layer.selected_asset_keys, name
        assert job.executor_def.name == "in_process", name


def test_a_critical_validation_failure_needs_a_human(tmp_path):
    tables = crafted_stages(tmp_path)
    tables["validation_results"] = pl.DataFrame({
        "project": ["p"] * 3, "source_path": ["jobs/a.py", "jobs/d.py", "jobs/d.py"],
        "passed": [True, True, False], "severity": ["info", "info", "critical"]})
    [p] = progress_frame(["p"], tables).to_dicts()
    assert p["failed"] == 1 + 1  # jobs/c.py did not convert; jobs/d.py ran and failed a critical check


def sync_rows(stages):
    """Project p synced twice, then made a dry run; q never synced."""
    from g2l_core.sync_history import SCHEMA, append

    def row(sync_id, day, glue_from, glue_to, dry_run, conflicts=(), **counts):
        when = datetime(2026, 3, day, 9, 0, tzinfo=timezone.utc)
        return {"sync_id": sync_id, "project": "p", "glue_commit_from": glue_from, "glue_commit_to": glue_to,
                "base_commit": "b" * 40, "sync_commit": None if dry_run else "s" * 40,
                **{name: counts.get(name, 0) for name in SCHEMA if name in OUTCOMES},
                "conflicts": json.dumps([{"path": p, "conflict": "overlap", "detail": ""} for p in conflicts]),
                "started": when, "finished": when, "dry_run": dry_run}

    rows = [row("a1" * 16, 2, None, "1" * 40, False, added=12),
            row("b2" * 16, 9, "1" * 40, "2" * 40, False, ["jobs/a.py"], merged=2, conflict=1, unchanged=9),
            row("c3" * 16, 10, "2" * 40, "3" * 40, True, ["jobs/a.py"], updated=1, conflict=1, unchanged=10)]
    for r in rows:
        append(stages, r)
    return rows


def test_last_sync_fields_come_from_the_latest_real_sync(tmp_path):
    tables = crafted_stages(tmp_path)
    sync_rows(tmp_path)
    tables["sync_history"] = read_stage(tmp_path, "sync_history")
    fallback = datetime(2026, 1, 1, tzinfo=timezone.utc)
    p, q = progress_frame(["p", "q"], tables, {"p": fallback, "q": fallback}).to_dicts()
    assert p["last_sync"] == datetime(2026, 3, 9, 9, 0, tzinfo=timezone.utc)  # the dry run of the 10th is not a sync
    assert (p["last_sync_id"], p["last_sync_glue_range"], p["last_sync_conflicts"]) == (
        "b2" * 16, "1111111111..2222222222", 1)
    assert q["last_sync"] == fallback and q["last_sync_id"] is None and q["last_sync_conflicts"] is None


def test_asset_shows_the_latest_syncs(tmp_path):
    home = tmp_path / "home"
    crafted_stages(home / "stages")
    sync_rows(home / "stages")
    registry = write_projects(tmp_path / "projects.yaml", {"p": {"glue_url": str(tmp_path / "p")}})
    resources = {"paths": G2lPaths(home=str(home), projects_file=str(registry)), "io_manager": stage_io_manager(home)}
    with dg.instance_for_test() as instance:
        result = dg.materialize([migration_progress], instance=instance, resources=resources)
    [mat] = result.asset_materializations_for_node("migration_progress")
    table = mat.metadata["latest_syncs"].value.splitlines()
    assert table[0] == "| project | sync | finished | glue | outcomes | conflicts | dry_run |"
    assert table[2:] == [
        "| p | c3c3c3c3 | 2026-03-10 09:00 | 2222222222..3333333333 | 1 updated, 1 conflict | 1 | True |",
        "| p | b2b2b2b2 | 2026-03-09 09:00 | 1111111111..2222222222 | 2 merged, 1 conflict | 1 | False |",
        "| p | a1a1a1a1 | 2026-03-02 09:00 | (first)..1111111111 | 12 added | 0 | False |"]
    stored = pl.read_delta(str(home / "stages" / "migration_progress")).row(0, named=True)
    assert stored["last_sync_id"] == "b2" * 16 and stored["last_sync_conflicts"] == 1
