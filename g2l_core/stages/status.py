"""Migration status of a Glue file, decided once for the inventory, the progress view and the summary.

A code file is ``failed`` (not converted), ``flagged`` (converted with constructs left for review) or
``converted``, and ``validated`` when every validation check of it passed. A DDL file takes its worst
statement; a converted statement that was applied, or has nothing to apply, counts as validated.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from g2l_core.stages.tables import CONVERTED_CODE, UC_DDL, VALIDATION_RESULTS, project_rows

FAILED, FLAGGED, CONVERTED, VALIDATED, PENDING = "failed", "flagged", "converted", "validated", "pending"
RANK = {FAILED: 0, FLAGGED: 1, CONVERTED: 2, VALIDATED: 3}
APPLIED_KINDS = ("managed", "external", "view", "schema")


def file_status(project: str, tables: Mapping[str, pl.DataFrame | None]) -> dict[str, str]:
    """Status per Glue file of ``project`` from the stage tables (read for every project or for this one)."""
    status: dict[str, str] = {}
    code = project_rows(tables.get(CONVERTED_CODE), project)
    validation = project_rows(tables.get(VALIDATION_RESULTS), project)
    passed: dict[str, bool] = {}
    if validation is not None:
        passed = dict(validation.group_by("source_path").agg(pl.col("passed").all()).iter_rows())
    if code is not None:
        for path, st in zip(code["source_path"], code["status"]):
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
