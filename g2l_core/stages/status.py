"""Status of a Glue file, decided once for the per-file table, the inventory, progress and the summary.

In ``converted_code`` a code file is ``failed`` (could not be converted), ``conflict`` (converted, but the
sync left the target file alone: edited on Databricks, removed, unowned), ``native`` (its target path is
Databricks-native), ``flagged`` (constructs left for review), ``converted`` (converted this run) or
``unchanged`` (same Glue blob and settings as the last sync, not converted again).

For progress a file's migration status is ``failed``, ``flagged``, ``converted`` or ``validated``: a
converted file whose validation found no critical failure is validated (warnings such as a table not
defined by the DDL do not hold it back), one with a critical validation failure counts as failed (it
needs a human). A DDL file takes its worst statement; a converted statement that
was applied, or has nothing to apply, counts as validated.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from g2l_core.stages.tables import CONVERTED_CODE, UC_DDL, VALIDATION_RESULTS, project_rows

FAILED, FLAGGED, CONVERTED, VALIDATED, PENDING = "failed", "flagged", "converted", "validated", "pending"
CONFLICT, NATIVE, UNCHANGED = "conflict", "native", "unchanged"
FILE_STATUSES = (FAILED, CONFLICT, NATIVE, FLAGGED, CONVERTED, UNCHANGED)  # the order a human looks at them
NATIVE_CONFLICT = "native"  # the sync's conflict kind for a Databricks-native target path


def code_file_status(*, failed: bool, conflict: str | None, flagged: int, converted_this_run: bool) -> str:
    """Status of one code file in ``converted_code`` (see the module docstring)."""
    if failed:
        return FAILED
    if conflict is not None:
        return NATIVE if conflict == NATIVE_CONFLICT else CONFLICT
    if flagged:
        return FLAGGED
    return CONVERTED if converted_this_run else UNCHANGED


def needs_a_human(status: str, residue: int) -> bool:
    """A file someone has to look at: not converted, held back by a conflict, flagged, or left with residue."""
    return status in (FAILED, CONFLICT, NATIVE, FLAGGED) or residue > 0


def _migration_status(status: str, flagged: int) -> str:
    """A ``converted_code`` status as a migration status (conflicts keep what the conversion produced)."""
    if status == FAILED:
        return FAILED
    return FLAGGED if status == FLAGGED or flagged else CONVERTED
RANK = {FAILED: 0, FLAGGED: 1, CONVERTED: 2, VALIDATED: 3}
APPLIED_KINDS = ("managed", "external", "view", "schema")


def file_status(project: str, tables: Mapping[str, pl.DataFrame | None]) -> dict[str, str]:
    """Status per Glue file of ``project`` from the stage tables (read for every project or for this one)."""
    status: dict[str, str] = {}
    code = project_rows(tables.get(CONVERTED_CODE), project)
    validation = project_rows(tables.get(VALIDATION_RESULTS), project)
    passed: dict[str, bool] = {}
    critical: set[str] = set()
    if validation is not None:
        counted = pl.col("passed") | (pl.col("severity") != "critical") if "severity" in validation.columns else pl.col("passed")
        passed = dict(validation.group_by("source_path").agg(counted.all()).iter_rows())
        if "severity" in validation.columns:
            critical = set(validation.filter(~pl.col("passed") & (pl.col("severity") == "critical"))["source_path"])
    if code is not None:
        flagged = code["flagged"] if "flagged" in code.columns else [0] * code.height
        for path, st, n in zip(code["source_path"], code["status"], flagged):
            st = _migration_status(st, n or 0)
            if st != FAILED and path in critical:
                st = FAILED
            status[path] = VALIDATED if st == CONVERTED and passed.get(path) else st
    ddl = project_rows(tables.get(UC_DDL), project)
    if ddl is not None:
        for row in ddl.iter_rows(named=True):
            st = row["status"] if row["status"] in (FLAGGED, CONVERTED) else FAILED
            if st == CONVERTED and (row["applied"] or row["table_kind"] not in APPLIED_KINDS):
                st = VALIDATED
            prev = status.get(row["source_file"])
            if prev is None or RANK[st] < RANK.get(prev, RANK[FAILED]):
                status[row["source_file"]] = st
    return status


def conflicted_files(converted_code: pl.DataFrame | None) -> list[str]:
    """Glue paths the last sync left alone because of a conflict."""
    if converted_code is None:
        return []
    return converted_code.filter(pl.col("conflict").is_not_null())["source_path"].to_list()
