"""The stage tables: their names (also the Dagster asset keys) and the one reader of what they hold."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from deltalake import DeltaTable

GLUE_REPO = "glue_repo"
SOURCE_ENTITIES = "source_entities"
CONVERTED_CODE = "converted_code"
CONVERSION_DECISIONS = "conversion_decisions"
DATABRICKS_JOBS = "databricks_jobs"
UC_DDL = "uc_ddl"
VALIDATION_RESULTS = "validation_results"
SCHEMA_DRIFT = "schema_drift"
MIGRATION_PROGRESS = "migration_progress"

PARTITION_KEY = "g2l_partition"  # commit metadata: the project whose rows a write replaced


def read_stage(stages: Path, table: str, project: str | None = None) -> pl.DataFrame | None:
    """Rows of one stage table (one project's, or every project's), or None when there are none yet."""
    folder = stages / table
    if not (folder / "_delta_log").is_dir():
        return None
    rows = pl.read_delta(str(folder))
    if project is None:
        return rows
    rows = rows.filter(pl.col("project") == project)
    return rows if rows.height else None


def project_rows(df: pl.DataFrame | None, project: str) -> pl.DataFrame | None:
    """``project``'s rows of a table read for every project, or None when it has none."""
    if df is None:
        return None
    rows = df.filter(pl.col("project") == project)
    return rows if rows.height else None


def rows_before_last_write(stages: Path, table: str, project: str) -> pl.DataFrame | None:
    """``project``'s rows as they were before the latest write that replaced them (Delta time travel), or
    None when that write was the first. This is "the previous run" for checks that compare runs."""
    folder = stages / table
    if not (folder / "_delta_log").is_dir():
        return None
    writes = [c["version"] for c in DeltaTable(str(folder)).history()
              if project in str(c.get(PARTITION_KEY, "")).split(",")]
    if not writes or max(writes) == 0:
        return None
    rows = pl.read_delta(str(folder), version=max(writes) - 1).filter(pl.col("project") == project)
    return rows if rows.height else None
