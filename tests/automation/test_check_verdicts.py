"""The verdicts of the in-asset checks, on crafted stage rows (each passes and fails)."""

from datetime import datetime, timezone

import polars as pl
import pytest

from g2l_core.drift import SCHEMA as DRIFT_SCHEMA
from g2l_core.stages.conversion import FILE_SCHEMA
from g2l_core.stages.ddl import DDL_SCHEMA
from g2l_dagster.assets.conversion import residue_check_result
from g2l_dagster.assets.ddl import ddl_check_result
from g2l_dagster.assets.drift import drift_check_result

NOW = datetime(2026, 11, 2, tzinfo=timezone.utc)


def frame(schema, rows):
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema)


@pytest.mark.parametrize("residues, passed", [([0, 0], True), ([0, 2], False), ([], True)])
def test_residue_check(residues, passed):
    rows = [{"source_path": f"jobs/j{i}.py", "residue": n} for i, n in enumerate(residues)]
    result = residue_check_result(frame(FILE_SCHEMA, rows))
    assert result.passed is passed
    assert ("jobs/j1.py" in result.metadata["files_with_residue"].value) is (not passed)


@pytest.mark.parametrize("rows, passed", [
    ([{"status": "converted", "warnings": []}, {"status": "flagged", "warnings": ["ALTER TABLE: fold it in"]}], True),
    ([{"status": "error", "warnings": ["ddl/a.sql statement 2 (line 9): unexpected token"]}], True),
    ([{"status": "converted", "warnings": []}, {"status": "error", "warnings": []}], False),
    ([], False),  # a project whose DDL produced nothing at all is not a pass
])
def test_ddl_check(rows, passed):
    rows = [r | {"source_file": "ddl/a.sql", "statement_index": i + 1} for i, r in enumerate(rows)]
    assert ddl_check_result(frame(DDL_SCHEMA, rows)).passed is passed


@pytest.mark.parametrize("rows, passed", [
    ([{"severity": "warning", "resolved": False}, {"severity": "info", "resolved": True}], True),
    ([{"severity": "critical", "resolved": True}], True),  # resolved history does not fail the check
    ([{"severity": "critical", "resolved": False, "drift_type": "MISSING_COLUMN", "column": "venue"}], False),
])
def test_drift_check(rows, passed):
    rows = [{"table": "main.raw.t", "drift_type": "TYPE_MISMATCH", "detected_at": NOW} | r for r in rows]
    result = drift_check_result(frame(DRIFT_SCHEMA, rows))
    assert result.passed is passed
    assert ("venue" in result.metadata["critical"].value) is (not passed)
