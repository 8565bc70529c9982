"""The ``g2l ddl`` command and the bundled risk_engine sample DDL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from g2l_core.ddl import DdlOptions, apply_tables, convert_path, read_table_schema
from g2l_core.ddl.cli import main
from g2l_core.drift import detect_drift

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "risk_engine" / "glue" / "ddl"


def test_cli_writes_files_and_report(tmp_path, capsys):
    src = tmp_path / "ddl"
    src.mkdir()
    (src / "a.sql").write_text("CREATE DATABASE raw; CREATE TABLE raw.t (a int) STORED AS PARQUET; CREATE TABLE raw.x (;")
    out = tmp_path / "out"
    assert main(["ddl", str(src), str(out), "--catalog", "dev", "--schema-map", "raw=bronze"]) == 0
    assert (out / "bronze" / "t.sql").read_text().count("CREATE TABLE IF NOT EXISTS dev.bronze.t") == 1
    assert (out / "bronze" / "_schema.sql").exists()
    report = json.loads((out / "g2l_ddl_report.json").read_text())
    assert report["counts"] == {"converted": 2, "flagged": 0, "skipped": 0, "error": 1}
    assert "a.sql: statement 3" in capsys.readouterr().out


@pytest.mark.parametrize("argv, needle", [
    (["ddl", "{src}", "{out}", "--catalog", "dev", "--schema-map", "raw"], "--schema-map 'raw': expected DB=SCHEMA"),
    (["ddl", "{src}", "{out}", "--catalog", "dev", "--schema-map", "=bronze"], "--schema-map '=bronze': expected DB=SCHEMA"),
    (["ddl", "{tmp}/nope", "{out}", "--catalog", "dev"], "SRC"),
    (["ddl", "{src}", "{out}", "--catalog", "a.b"], "--catalog"),
])
def test_cli_bad_arguments_exit_2(tmp_path, capsys, argv, needle):
    src = tmp_path / "x.sql"
    src.write_text("CREATE TABLE t (a int)")
    args = [a.format(src=src, out=tmp_path / "o", tmp=tmp_path) for a in argv]
    assert main(args) == 2
    assert needle in capsys.readouterr().err


def test_cli_missing_catalog_exits_2(tmp_path):
    with pytest.raises(SystemExit) as e:
        main(["ddl", str(tmp_path), str(tmp_path / "o")])
    assert e.value.code == 2


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="sample project not present")
def test_sample_project_converts_and_applies_without_drift(spark, tmp_path):
    results = convert_path(EXAMPLE, DdlOptions(catalog="main"))
    assert [r for r in results if r.status == "error"] == []
    assert sum(r.is_table for r in results) >= 5
    outcomes = apply_tables(spark, results, tmp_path)
    assert [o for o in outcomes if o.action == "failed"] == []
    names = [r.target_full_name for r in results if r.is_table]
    drift = detect_drift(project="risk_engine", glue_tables=results,
                         uc_schemas={n: read_table_schema(spark, n) for n in names},
                         code_columns=None, previous=None, now=__import__("datetime").datetime.now())
    assert set(drift["drift_type"]) == {"IN_SYNC"}, drift.to_dicts()
