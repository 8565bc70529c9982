"""``migration_progress``: the leadership view across projects, one row per registered project.

It reads the stage tables the IO manager stored (every project's rows at once) instead of loading each
partition as an input: the stage assets are partitioned per project, this one is not, and reading the
Delta folders keeps a project that never ran from blocking the others. ``deps`` keep the lineage.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import polars as pl

from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths

GROUP = "g2l_reporting"
OWNERS = ["team:data-platform"]
SOURCES = ["source_entities", "converted_code", "uc_ddl", "validation_results", "schema_drift"]

PROGRESS_SCHEMA = {
    "project": pl.String, "glue_entities": pl.Int64, "converted": pl.Int64, "validated": pl.Int64,
    "flagged": pl.Int64, "failed": pl.Int64, "pending": pl.Int64, "databricks_native": pl.Int64,
    "conflicts": pl.Int64, "open_drift": pl.Int64, "critical_drift": pl.Int64,
    "last_sync": pl.Datetime("us", "UTC"), "glue_commit": pl.String, "sync_commit": pl.String,
    "progress_pct": pl.Float64,
}
APPLIED_KINDS = ("managed", "external", "view", "schema")
FILE_STATUS_RANK = {"failed": 0, "flagged": 1, "converted": 2, "validated": 3}


def read_stage(stages: Path, asset: str) -> pl.DataFrame | None:
    """Every project's rows of one stage table, or None when the stage never ran."""
    table = stages / asset
    if not (table / "_delta_log").is_dir():
        return None
    return pl.read_delta(str(table))


def file_status(project: str, tables: Mapping[str, pl.DataFrame | None]) -> dict[str, str]:
    """Migration status per Glue file of ``project``: failed < flagged < converted < validated.

    Code files: ``converted_code.status``, raised to ``validated`` when every validation check of the file
    passed. DDL files: the worst statement; a converted statement that was applied (or has nothing to
    apply) counts as validated.
    """
    status: dict[str, str] = {}
    code = _rows(tables.get("converted_code"), project)
    validation = _rows(tables.get("validation_results"), project)
    passed: dict[str, bool] = {}
    if validation is not None:
        passed = dict(validation.group_by("source_path").agg(pl.col("passed").all()).iter_rows())
    if code is not None:
        for path, st in zip(code["source_path"], code["status"]):
            status[path] = "validated" if st == "converted" and passed.get(path) else st
    ddl = _rows(tables.get("uc_ddl"), project)
    if ddl is not None:
        for row in ddl.iter_rows(named=True):
            st = row["status"] if row["status"] in ("flagged", "converted") else "failed"
            if st == "converted" and (row["applied"] or row["table_kind"] not in APPLIED_KINDS):
                st = "validated"
            prev = status.get(row["source_file"])
            if prev is None or FILE_STATUS_RANK[st] < FILE_STATUS_RANK[prev]:
                status[row["source_file"]] = st
    return status


def project_progress(project: str, tables: Mapping[str, pl.DataFrame | None],
                     last_sync: datetime | None = None) -> dict:
    """One project's row. Glue entities take the status of the file they live in; entities g2l does not
    migrate on their own (e.g. tables only referenced from code) stay pending. Progress is the share of
    Glue entities that are validated: converted, not flagged, and passed every check."""
    entities = _rows(tables.get("source_entities"), project)
    code = _rows(tables.get("converted_code"), project)
    drift = _rows(tables.get("schema_drift"), project)
    statuses = file_status(project, tables)
    counts = dict.fromkeys(("converted", "validated", "flagged", "failed", "pending"), 0)
    glue_count = native = 0
    if entities is not None:
        glue = entities.filter(pl.col("source_type") == "glue")
        glue_count = glue.height
        for path in glue["file_path"]:
            st = statuses.get(path, "pending") if path is not None else "pending"
            counts[st if st in counts else "pending"] += 1
        native = entities.filter((pl.col("source_type") == "databricks") & pl.col("is_databricks_native").fill_null(False)).height
    open_drift = drift.filter(~pl.col("resolved")) if drift is not None else None
    return {
        "project": project,
        "glue_entities": glue_count,
        # Converted counts every entity with generated output, whether or not it was validated or flagged.
        "converted": counts["converted"] + counts["validated"] + counts["flagged"],
        "validated": counts["validated"],
        "flagged": counts["flagged"],
        "failed": counts["failed"],
        "pending": counts["pending"],
        "databricks_native": native,
        "conflicts": int(code["conflict"].is_not_null().sum()) if code is not None else 0,
        "open_drift": open_drift.height if open_drift is not None else 0,
        "critical_drift": open_drift.filter(pl.col("severity") == "critical").height if open_drift is not None else 0,
        "last_sync": last_sync,
        "glue_commit": code["glue_commit"][0] if code is not None and code.height else None,
        "sync_commit": code["sync_commit"][0] if code is not None and code.height else None,
        "progress_pct": round(100.0 * counts["validated"] / glue_count, 1) if glue_count else 0.0,
    }


def progress_frame(projects: Sequence[str], tables: Mapping[str, pl.DataFrame | None],
                   last_sync: Mapping[str, datetime] | None = None) -> pl.DataFrame:
    last_sync = last_sync or {}
    rows = [project_progress(p, tables, last_sync.get(p)) for p in projects]
    return pl.DataFrame(rows, schema=PROGRESS_SCHEMA)


def _rows(df: pl.DataFrame | None, project: str) -> pl.DataFrame | None:
    if df is None:
        return None
    rows = df.filter(pl.col("project") == project)
    return rows if rows.height else None


def last_sync_times(instance: dg.DagsterInstance, projects: Sequence[str]) -> dict[str, datetime]:
    """When ``converted_code`` (the sync to the target repo) was last materialized, per project."""
    out = {}
    for name in projects:
        records = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=dg.AssetKey("converted_code"), asset_partitions=[name]), limit=1,
        ).records
        if records:
            out[name] = datetime.fromtimestamp(records[0].timestamp, tz=timezone.utc)
    return out


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    kinds={"polars", "deltalake"},
    deps=SOURCES,
    automation_condition=dg.AutomationCondition.eager().without(~dg.AutomationCondition.any_deps_missing()),
    description="Where every project stands: Glue entities converted, validated and flagged, Databricks-native "
                "entities, open conflicts and drift, the last sync and its Glue commit, overall progress %.",
)
def migration_progress(context: dg.AssetExecutionContext, paths: G2lPaths) -> dg.Output[pl.DataFrame]:
    """Recomputed from the stage tables whenever a stage of any project materializes (eager, without
    waiting for projects that never ran)."""
    projects = [p.name for p in paths.registry()]
    tables = {name: read_stage(paths.layout.stages, name) for name in SOURCES}
    df = progress_frame(projects, tables, last_sync_times(context.instance, projects))
    total = int(df["glue_entities"].sum()) if df.height else 0
    overall = round(100.0 * int(df["validated"].sum()) / total, 1) if total else 0.0
    view = df.with_columns(pl.col("last_sync").dt.strftime("%Y-%m-%d %H:%M UTC"),
                           pl.col("glue_commit").str.slice(0, 10))
    return dg.Output(df, metadata=table_metadata(
        df, None,
        projects=df.height,
        overall_progress_pct=dg.MetadataValue.float(overall),
        progress=md_table(view.to_dicts(), ["project", "glue_entities", "converted", "validated", "flagged",
                                            "databricks_native", "conflicts", "open_drift", "last_sync",
                                            "glue_commit", "progress_pct"], empty="no projects registered"),
        needs_a_human=md_table(
            view.filter((pl.col("flagged") > 0) | (pl.col("conflicts") > 0) | (pl.col("critical_drift") > 0)
                        | (pl.col("failed") > 0)).to_dicts(),
            ["project", "flagged", "failed", "conflicts", "critical_drift"], empty="nothing needs review"),
    ))
