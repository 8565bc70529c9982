"""Stage ``migration_progress``: where every registered project stands, one row per project.

Read from the stage tables (every project's rows at once), so a project that never ran does not keep
the others from being reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import polars as pl

from g2l_core.stages.drift import critical_drift, open_drift
from g2l_core.stages.status import CONVERTED, FAILED, FLAGGED, PENDING, VALIDATED, file_status
from g2l_core.stages.tables import (CONVERTED_CODE, SCHEMA_DRIFT, SOURCE_ENTITIES, UC_DDL, VALIDATION_RESULTS,
                                    project_rows, read_stage)

SOURCES = (SOURCE_ENTITIES, CONVERTED_CODE, UC_DDL, VALIDATION_RESULTS, SCHEMA_DRIFT)
PROGRESS_SCHEMA = {
    "project": pl.String, "glue_entities": pl.Int64, "converted": pl.Int64, "validated": pl.Int64,
    "flagged": pl.Int64, "failed": pl.Int64, "pending": pl.Int64, "databricks_native": pl.Int64,
    "conflicts": pl.Int64, "open_drift": pl.Int64, "critical_drift": pl.Int64,
    "last_sync": pl.Datetime("us", "UTC"), "glue_commit": pl.String, "sync_commit": pl.String,
    "progress_pct": pl.Float64,
}


def read_sources(stages: Path) -> dict[str, pl.DataFrame | None]:
    """Every project's rows of the stage tables progress is computed from."""
    return {name: read_stage(stages, name) for name in SOURCES}


def project_progress(project: str, tables: Mapping[str, pl.DataFrame | None],
                     last_sync: datetime | None = None) -> dict:
    """One project's row. Glue entities take the status of the file they live in; entities g2l does not
    migrate on their own (e.g. tables only referenced from code) stay pending. Progress is the share of
    Glue entities that are validated: converted, not flagged, and passed every check."""
    entities = project_rows(tables.get(SOURCE_ENTITIES), project)
    code = project_rows(tables.get(CONVERTED_CODE), project)
    drift = project_rows(tables.get(SCHEMA_DRIFT), project)
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
        "last_sync": last_sync,
        "glue_commit": code["glue_commit"][0] if code is not None and code.height else None,
        "sync_commit": code["sync_commit"][0] if code is not None and code.height else None,
        "progress_pct": round(100.0 * counts[VALIDATED] / glue_count, 1) if glue_count else 0.0,
    }


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
