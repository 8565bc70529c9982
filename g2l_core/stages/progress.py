"""Stage ``migration_progress``: where every registered project stands, one row per project.

Read from the stage tables (every project's rows at once), so a project that never ran does not keep
the others from being reported.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import polars as pl

from g2l_core.stages.drift import critical_drift, open_drift
from g2l_core.stages.status import CONVERTED, FAILED, FLAGGED, PENDING, VALIDATED, file_status
from g2l_core.stages.tables import (CONVERTED_CODE, SCHEMA_DRIFT, SOURCE_ENTITIES, SYNC_HISTORY, UC_DDL,
                                    VALIDATION_RESULTS, project_rows, read_stage)
from g2l_core.sync import OUTCOMES

SOURCES = (SOURCE_ENTITIES, CONVERTED_CODE, UC_DDL, VALIDATION_RESULTS, SCHEMA_DRIFT, SYNC_HISTORY)
PROGRESS_SCHEMA = {
    "project": pl.String, "glue_entities": pl.Int64, "converted": pl.Int64, "validated": pl.Int64,
    "flagged": pl.Int64, "failed": pl.Int64, "pending": pl.Int64, "databricks_native": pl.Int64,
    "conflicts": pl.Int64, "open_drift": pl.Int64, "critical_drift": pl.Int64,
    "last_sync": pl.Datetime("us", "UTC"), "last_sync_id": pl.String, "last_sync_glue_range": pl.String,
    "last_sync_conflicts": pl.Int64, "glue_commit": pl.String, "sync_commit": pl.String, "progress_pct": pl.Float64,
}


def read_sources(stages: Path) -> dict[str, pl.DataFrame | None]:
    """Every project's rows of the stage tables progress is computed from."""
    return {name: read_stage(stages, name) for name in SOURCES}


def project_progress(project: str, tables: Mapping[str, pl.DataFrame | None],
                     last_sync: datetime | None = None) -> dict:
    """One project's row. Glue entities take the status of the file they live in; entities g2l does not
    migrate on their own (e.g. tables only referenced from code) stay pending. Progress is the share of
    Glue entities that are validated: converted, not flagged, and passed every check. The ``last_sync``
    fields come from the project's latest ``sync_history`` row that is not a dry run (``last_sync`` falls
    back to the given time for a project synced before the history was kept)."""
    entities = project_rows(tables.get(SOURCE_ENTITIES), project)
    code = project_rows(tables.get(CONVERTED_CODE), project)
    drift = project_rows(tables.get(SCHEMA_DRIFT), project)
    synced = last_real_sync(project_rows(tables.get(SYNC_HISTORY), project))
    statuses = file_status(project, tables)
    counts = dict.fromkeys((CONVERTED, VALIDATED, FLAGGED, FAILED, PENDING), 0)
    glue_count = native = 0
    if entities is not None:
        glue = entities.filter(pl.col("source_type") == "glue")
        glue_count = glue.height
        for path in glue["file_path"]:
            st = statuses.get(path, PENDING) if path is not None else PENDING
            counts[st if st in counts else PENDING] += 1
        native = entities.filter((pl.col("source_type") == "databricks")
                                 & pl.col("is_databricks_native").fill_null(False)).height
    return {
        "project": project,
        "glue_entities": glue_count,
        # Converted counts every entity with generated output, whether or not it was validated or flagged.
        "converted": counts[CONVERTED] + counts[VALIDATED] + counts[FLAGGED],
        "validated": counts[VALIDATED],
        "flagged": counts[FLAGGED],
        "failed": counts[FAILED],
        "pending": counts[PENDING],
        "databricks_native": native,
        "conflicts": int(code["conflict"].is_not_null().sum()) if code is not None else 0,
        "open_drift": open_drift(drift).height if drift is not None else 0,
        "critical_drift": critical_drift(drift).height if drift is not None else 0,
        "last_sync": synced["finished"] if synced else last_sync,
        "last_sync_id": synced["sync_id"] if synced else None,
        "last_sync_glue_range": glue_range(synced) if synced else None,
        "last_sync_conflicts": len(json.loads(synced["conflicts"] or "[]")) if synced else None,
        "glue_commit": code["glue_commit"][0] if code is not None and code.height else None,
        "sync_commit": code["sync_commit"][0] if code is not None and code.height else None,
        "progress_pct": round(100.0 * counts[VALIDATED] / glue_count, 1) if glue_count else 0.0,
    }


def last_real_sync(history: pl.DataFrame | None) -> dict | None:
    """The latest ``sync_history`` row that published (not a dry run)."""
    if history is None:
        return None
    real = history.filter(~pl.col("dry_run").fill_null(False)).sort("finished")
    return real.row(-1, named=True) if real.height else None


def glue_range(row: Mapping) -> str:
    return f"{(row['glue_commit_from'] or '(first)')[:10]}..{(row['glue_commit_to'] or '')[:10]}"


def latest_syncs(history: pl.DataFrame | None, limit: int = 10) -> list[dict]:
    """The latest syncs and dry runs across projects, newest first, narrow enough for a metadata table:
    outcome counts as one "3 added, 1 merged" cell."""
    if history is None or not history.height:
        return []
    rows = []
    for r in history.sort("finished", descending=True).head(limit).iter_rows(named=True):
        rows.append({
            "project": r["project"], "sync": r["sync_id"][:8], "finished": r["finished"].strftime("%Y-%m-%d %H:%M"),
            "glue": glue_range(r),
            "outcomes": ", ".join(f"{r[name]} {name}" for name in OUTCOMES if r.get(name) and name != "unchanged")
                        or "nothing to sync",
            "conflicts": len(json.loads(r["conflicts"] or "[]")), "dry_run": bool(r["dry_run"]),
        })
    return rows


def progress_frame(projects: Sequence[str], tables: Mapping[str, pl.DataFrame | None],
                   last_sync: Mapping[str, datetime] | None = None) -> pl.DataFrame:
    last_sync = last_sync or {}
    return pl.DataFrame([project_progress(p, tables, last_sync.get(p)) for p in projects], schema=PROGRESS_SCHEMA)


def overall_pct(progress: pl.DataFrame) -> float:
    """Validated Glue entities across all projects, in percent of all Glue entities."""
    total = int(progress["glue_entities"].sum()) if progress.height else 0
    return round(100.0 * int(progress["validated"].sum()) / total, 1) if total else 0.0


def needs_a_human(progress: pl.DataFrame) -> pl.DataFrame:
    """Projects with something flagged, failed, conflicting or critically drifting."""
    return progress.filter((pl.col("flagged") > 0) | (pl.col("conflicts") > 0) | (pl.col("critical_drift") > 0)
                           | (pl.col("failed") > 0))
