"""Headless runs of ``g2l_pipeline`` against the persistent Dagster home, with a short human summary.

Runs are recorded in the same instance ``dagster dev`` uses, so they show up in the UI afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dagster as dg
import polars as pl

from g2l_core.stages.conversion import automation_pct
from g2l_core.stages.tables import read_stage
from g2l_dagster.definitions import build_definitions
from g2l_dagster.partitions import glue_project

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def run_pipeline(home: Path, projects: list[str], projects_file: str = "", engine: str | None = None) -> int:
    home.mkdir(parents=True, exist_ok=True)
    defs = build_definitions(home, projects_file=projects_file, engine=engine)
    job = defs.resolve_job_def("g2l_pipeline")
    failed = []
    with dg.DagsterInstance.get() as instance:
        existing = set(instance.get_dynamic_partitions(glue_project.name))
        missing = [p for p in projects if p not in existing]
        if missing:
            instance.add_dynamic_partitions(glue_project.name, missing)
        for name in projects:
            print(f"g2l: running g2l_pipeline for {name} ...", flush=True)
            result = job.execute_in_process(partition_key=name, instance=instance, raise_on_error=False,
                                            run_config=QUIET, tags={"g2l/trigger": "cli"})
            project = defs.resources["paths"].project(name)
            tables_in = (f"Unity Catalog on {project.databricks.host}" if project.databricks is not None
                         else f"warehouse {home / 'warehouse'}")
            print(summary(home, name, result.run_id, result.success, project.target.sync_branch, tables_in))
            if not result.success:
                failed.append(name)
                for event in result.all_events:
                    if event.is_failure and event.step_key:
                        print(f"  step {event.step_key} failed: {event.message}", file=sys.stderr)
        progress = refresh_progress(defs, instance)
        if progress is None:
            failed.append("migration_progress")
            print("g2l: migration_progress failed; see the run in the Dagster UI", file=sys.stderr)
        else:
            print(progress_line(progress))
    return 1 if failed else 0


def refresh_progress(defs: dg.Definitions, instance: dg.DagsterInstance) -> pl.DataFrame | None:
    """Recompute ``migration_progress`` (what the daemon's eager automation does under ``dagster dev``)."""
    result = defs.resolve_job_def("g2l_progress").execute_in_process(
        instance=instance, raise_on_error=False, run_config=QUIET, tags={"g2l/trigger": "cli"})
    return result.output_for_node("migration_progress") if result.success else None


def progress_line(progress: pl.DataFrame) -> str:
    total = int(progress["glue_entities"].sum()) if progress.height else 0
    validated = int(progress["validated"].sum()) if progress.height else 0
    pct = 100.0 * validated / total if total else 0.0
    return (f"g2l: migration_progress: {validated}/{total} Glue entities validated ({pct:.0f}%) across "
            f"{progress.height} registered project{'' if progress.height == 1 else 's'}")


def summary(home: Path, project: str, run_id: str, success: bool, branch: str = "the sync branch",
            tables_in: str | None = None) -> str:
    stages = home / "stages"

    def rows(asset: str) -> pl.DataFrame:
        found = read_stage(stages, asset, project)
        return pl.DataFrame() if found is None else found

    entities, code, ddl = rows("source_entities"), rows("converted_code"), rows("uc_ddl")
    validation, drift, decisions = rows("validation_results"), rows("schema_drift"), rows("conversion_decisions")
    lines = [f"{project}: run {run_id[:8]} {'succeeded' if success else 'FAILED'}"]
    if entities.height:
        by_type = entities.filter(pl.col("source_type") == "glue").group_by("entity_type").len().sort("entity_type")
        lines.append("  inventory:   " + ", ".join(f"{n} {_plural(t, n)}" for t, n in by_type.iter_rows())
                     + f" (Glue); {entities.filter(pl.col('source_type') == 'databricks').height} Databricks entities")
    if code.height:
        counts = dict(code.group_by("status").len().iter_rows())
        conflicts = int(code["conflict"].is_not_null().sum())
        flagged = decisions.filter(pl.col("action") == "flagged").height if decisions.height else 0
        pct = automation_pct(decisions.to_dicts())
        lines.append(f"  conversion:  {code.height} files ({', '.join(f'{n} {s}' for s, n in sorted(counts.items()))}); "
                     f"{decisions.height} Glue call sites, {pct:.0f}% automated, {flagged} flagged for review; "
                     f"{conflicts} sync conflicts")
    if ddl.height:
        tables = ddl.filter(pl.col("table_kind").is_in(["managed", "external", "view"]))
        schemas = ddl.filter(pl.col("table_kind") == "schema")
        lines.append(f"  uc_ddl:      {tables.height} tables/views and {schemas.height} schemas; "
                     f"{int(ddl['applied'].sum())} statements applied, {int((ddl['status'] == 'error').sum())} errors")
    if validation.height:
        runs = validation.filter(pl.col("check") == "runs")
        matched = validation.filter(pl.col("check").str.starts_with("output:") & pl.col("passed")
                                    & pl.col("message").str.starts_with("matches"))
        ran = f"; {int(runs['passed'].sum())}/{runs.height} jobs ran on reference data, {matched.height} outputs " \
              "match Glue's" if runs.height else ""
        lines.append(f"  validation:  {int(validation['passed'].sum())}/{validation.height} checks passed{ran}")
    if drift.height or ddl.height:
        open_drift = drift.filter(~pl.col("resolved")) if drift.height else drift
        critical = open_drift.filter(pl.col("severity") == "critical").height if open_drift.height else 0
        lines.append(f"  drift:       {open_drift.height} open ({critical} critical)")
    lines.append(f"  outputs:     converted code and DDL on {branch} of {home / 'workspace' / project / 'target'},")
    lines.append(f"               {tables_in or 'warehouse ' + str(home / 'warehouse')}, stage tables {stages}")
    return "\n".join(lines)


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
