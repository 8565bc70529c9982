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
    assert (result.description or "").startswith("jobs/j1.py: 2 Glue API uses" if not passed else "no unflagged")


@pytest.mark.parametrize("rows, passed", [
    ([{"status": "converted", "warnings": []}, {"status": "flagged", "warnings": ["ALTER TABLE: fold it in"]}], True),
    ([{"status": "error", "warnings": ["ddl/a.sql statement 2 (line 9): unexpected token"]}], True),
    ([{"status": "converted", "warnings": []}, {"status": "error", "warnings": []}], False),
    ([], True),  # no DDL is normal: nothing to convert is not a failure
])
def test_ddl_check(rows, passed):
    rows = [r | {"source_file": "ddl/a.sql", "statement_index": i + 1} for i, r in enumerate(rows)]
    result = ddl_check_result(frame(DDL_SCHEMA, rows))
    assert result.passed is passed
    if not passed:  # the cause first: which statement of which file
        assert result.description.startswith("1 statement neither converted nor explained: ddl/a.sql statement 2")


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
    if not passed:  # the cause first: table and column
        assert result.description.startswith("main.raw.t.venue: MISSING_COLUMN")


def test_validation_check_names_file_check_and_cause_whole():
    from g2l_core.stages.validation import RESULT_SCHEMA
    from g2l_dagster.assets.validation import validation_check_result

    long = "failed with exit code 1 after 2.0s; " + "x" * 400 + '\nstderr tail:\nFile "jobs/a.py", line 3'
    rows = [{"source_path": "jobs/a.py", "check": "runs", "passed": False, "severity": "critical", "message": long},
            {"source_path": "jobs/b.py", "check": "tables_defined", "passed": False, "severity": "warning", "message": "m"}]
    result = validation_check_result(frame(RESULT_SCHEMA, rows))
    assert not result.passed
    assert result.description == "jobs/a.py runs: " + long.splitlines()[0]
    assert 'File "jobs/a.py", line 3' in result.metadata["critical"].value  # kept whole, not cut at 200
