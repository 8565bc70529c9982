"""Stage ``schema_drift``: where the Glue side's schemas and the Unity Catalog tables disagree, with history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import polars as pl

from g2l_core.config import Project
from g2l_core.drift import CRITICAL, INFO, WARNING, detect_drift
from g2l_core.home import Home
from g2l_core.stages.repository import DDL, glue_commit, glue_files
from g2l_core.stages.tables import SCHEMA_DRIFT, UC_DDL, read_stage

if TYPE_CHECKING:
    from g2l_core.stages.catalog import Catalog

SEVERITY_ORDER = {CRITICAL: 0, WARNING: 1, INFO: 2}


@dataclass
class DriftStage:
    drift: pl.DataFrame  # g2l_core.drift.SCHEMA, open and resolved
    glue_commit: str
    tables_compared: int
    compared_with: str


def detect(project: Project, home: Home, files: pl.DataFrame, catalog: Catalog, now: datetime) -> DriftStage:
    """Compare the Glue DDL at the ``glue_repo`` commit with the tables as they are now in ``catalog``; drift
    that disappeared since the last run is kept, marked resolved."""
    from g2l_core.migrate_ddl import convert_ddl_files  # sqlglot: loaded by the step, not its importers

    glue_tables = convert_ddl_files(project, home.glue_clone(project.name), glue_files(files, DDL))
    tables = [t for t in glue_tables if t.is_table]
    commit = glue_commit(files)
    df = detect_drift(
        project=project.name, glue_tables=tables,
        uc_schemas=catalog.read_schemas([t.target_full_name for t in tables]), code_columns=None,
        previous=read_stage(home.stages, SCHEMA_DRIFT, project.name), now=now,
        apply_errors=failed_applies(read_stage(home.stages, UC_DDL, project.name), commit),
    )
    return DriftStage(df, commit, len(tables), catalog.describe())


def failed_applies(uc_ddl: pl.DataFrame | None, commit: str) -> dict[str, str]:
    """Lower-cased target name -> why ``uc_ddl`` did not create the table at ``commit``: its apply error, or
    the note of a statement it skipped (a CTAS or view reading a table no DDL source defines). An outcome of
    an older commit says nothing of the DDL compared now."""
    if uc_ddl is None or "apply_error" not in uc_ddl.columns:
        return {}
    skipped = pl.col("apply_action") == "skipped" if "apply_action" in uc_ddl.columns else pl.lit(False)
    failed = uc_ddl.filter((pl.col("apply_error").is_not_null() | skipped.fill_null(False))
                           & (pl.col("glue_commit") == commit))
    notes = failed["apply_notes"].to_list() if "apply_notes" in failed.columns else [None] * failed.height
    return {name.lower(): error or "; ".join(note or []) or "skipped"
            for name, error, note in zip(failed["target_full_name"].to_list(), failed["apply_error"].to_list(), notes)}


def open_drift(drift: pl.DataFrame) -> pl.DataFrame:
    """Unresolved drift, critical first."""
    order = pl.col("severity").replace_strict(SEVERITY_ORDER, default=len(SEVERITY_ORDER), return_dtype=pl.Int64)
    return drift.filter(~pl.col("resolved")).sort(order, maintain_order=True)


def critical_drift(drift: pl.DataFrame) -> pl.DataFrame:
    return drift.filter(~pl.col("resolved") & (pl.col("severity") == CRITICAL))


def critical_summary(drift: pl.DataFrame) -> str:
    """The check's cause, first: each table (and column) with open critical drift."""
    critical = critical_drift(drift)
    if not critical.height:
        return "no open critical drift"
    return "; ".join(f"{r['table']}{'.' + r['column'] if r['column'] else ''}: {r['drift_type']} ({r['details'] or ''})"
                     for r in critical.iter_rows(named=True))
