"""Whole files: bad input, the bundled sample project, the CLI, receiver resolution traps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from g2l_core.convert import ConvertOptions, automation_pct, convert_files, convert_source, glue_residue
from g2l_core.convert.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "risk_engine" / "glue"

GLUE_JOB = """\
import sys
from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "day"])
glueContext = GlueContext(SparkContext.getOrCreate())
dyf = glueContext.create_dynamic_frame.from_catalog(database="raw", table_name="trades", transformation_ctx="t")
glueContext.write_dynamic_frame.from_catalog(frame=dyf, database="cur", table_name="trades")
"""


def test_python2_file_reports_line_and_others_still_convert():
    results = convert_files({"old.py": 'x = 1\nprint "hello"\n', "job.py": GLUE_JOB}, ConvertOptions(), workers=1)
    by_path = {r.path: r for r in results}
    assert by_path["old.py"].code is None and by_path["old.py"].error.startswith("old.py:2:")
    assert by_path["job.py"].error is None and "spark.read.table" in by_path["job.py"].code


def test_bad_encoding_reports_position():
    result = convert_source(b"x = 1\ny = '\xff'\n", "latin.py", ConvertOptions())
    assert result.code is None and result.error.startswith("latin.py:2:")


def test_parallel_matches_serial():
    files = {f"jobs/j{i}.py": GLUE_JOB.replace("trades", f"t{i}") for i in range(6)}
    serial = convert_files(files, ConvertOptions(), workers=1)
    parallel = convert_files(files, ConvertOptions(), workers=2)
    assert [(r.path, r.code, r.decisions) for r in serial] == [(r.path, r.code, r.decisions) for r in parallel]


def test_bookmarks_from_job_config_flag_the_read():
    plain = convert_source(GLUE_JOB, "jobs/ingest.py", ConvertOptions())
    marked = convert_source(GLUE_JOB, "jobs/ingest.py", ConvertOptions(bookmarks={"ingest": True}))
    assert not [d for d in plain.decisions if d.rule == "Bookmarks"]
    (bookmark,) = [d for d in marked.decisions if d.rule == "Bookmarks"]
    assert (bookmark.line, bookmark.action) == (8, "flagged") and "watermark" in bookmark.message
    assert "# g2l: review: job bookmarks" in marked.code
    assert automation_pct(marked.decisions) < automation_pct(plain.decisions) == 100.0


def test_widgets_parameters():
    result = convert_source(GLUE_JOB, "job.py", ConvertOptions(params="widgets"))
    assert 'g2l_helpers.job_arguments(sys.argv, ["day"], widgets=True)' in result.code


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        # PySpark's own DataFrame.toDF renames columns and must survive
        ("df = spark.table('x')\nout = df.toDF('a', 'b')\n", "df.toDF('a', 'b')"),
        # DataFrame.filter/union/join on a DataFrame are PySpark, not Glue
        ("df = spark.table('x')\nout = df.filter('a > 1').union(df).join(df, 'a')\n",
         "df.filter('a > 1').union(df).join(df, 'a')"),
    ],
)
def test_pyspark_methods_on_dataframes_are_left_alone(code, kept):
    header = "from awsglue.context import GlueContext\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
    result = convert_source(header + code, "x.py", ConvertOptions())
    assert kept in result.code
    assert [d.rule for d in result.decisions] == ["AnsiModeOff"]  # the session's setting, nothing else


def test_parameter_passed_a_glue_context_is_followed():
    code = """\
from awsglue.context import GlueContext
from pyspark.context import SparkContext


def load(ctx, name):
    return ctx.create_dynamic_frame.from_catalog(database="db", table_name=name).toDF()


glueContext = GlueContext(SparkContext.getOrCreate())
frame = load(glueContext, "t")
"""
    result = convert_source(code, "x.py", ConvertOptions())
    assert 'return ctx.read.table(f"main.db.`{name}`")\n' in result.code
    assert 'frame = load(spark, "t")' in result.code
    assert glue_residue(result.code) == []


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not written yet")
def test_sample_project_has_no_unflagged_residue():
    files = {str(p.relative_to(SAMPLE)): p.read_bytes() for p in sorted(SAMPLE.rglob("*.py"))}
    assert files
    for result in convert_files(files, ConvertOptions(schema_map={"risk_raw": "raw"}), workers=1):
        assert result.error is None, result.error
        compile(result.code, result.path, "exec")
        assert glue_residue(result.code) == [], result.path


def test_cli_converts_tree_writes_helpers_and_report(tmp_path, capsys):
    src = tmp_path / "src"
    (src / "jobs").mkdir(parents=True)
    (src / "jobs" / "job.py").write_text(GLUE_JOB)
    (src / "legacy.py").write_text('print "py2"\n')
    out = tmp_path / "out"
    code = main(["convert", str(src), str(out), "--catalog", "prod", "--schema-map", "raw=bronze"])
    assert code == 1  # legacy.py was skipped (documented exit status)
    converted = (out / "jobs" / "job.py").read_text()
    assert 'spark.read.table("prod.bronze.trades")' in converted
    assert (out / "jobs" / "g2l_helpers.py").exists()  # job_arguments is used there
    assert not (out / "legacy.py").exists()
    report = json.loads((out / "g2l_report.json").read_text())
    assert report["summary"]["files"] == 2 and report["summary"]["errors"] == 1
    assert report["errors"][0]["error"].startswith("legacy.py:1:")
    assert {d["api"] for d in report["decisions"]} >= {"getResolvedOptions", "GlueContext.create_dynamic_frame.from_catalog"}
    assert not [p for p in out.rglob("*.tmp")]
    assert "converted 1/2 files" in capsys.readouterr().out


def test_cli_ddl_declares_the_stream_tables_jobs_read(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "job.py").write_text(
        "from awsglue.context import GlueContext\n"
        "clicks = glueContext.create_data_frame.from_catalog(database='web', table_name='clicks')\n")
    (tmp_path / "ddl" / "catalog").mkdir(parents=True)
    (tmp_path / "ddl" / "catalog" / "web.json").write_text(json.dumps({"Table": {
        "Name": "clicks", "DatabaseName": "web", "StorageDescriptor": {
            "Columns": [{"Name": "page", "Type": "string"}],
            "Parameters": {"typeOfData": "kinesis", "streamName": "clicks", "region": "eu-west-1"}}}}))
    (tmp_path / "ddl" / "notes.txt").write_text("not DDL")
    assert main(["convert", str(tmp_path / "src"), str(tmp_path / "out"), "--ddl", str(tmp_path / "ddl"),
                 "--workers", "1"]) == 0
    converted = (tmp_path / "out" / "job.py").read_text()
    assert '.option("streamName", "clicks")\n        .option("region", "eu-west-1")' in converted
    assert '"`page` string"' in converted and "g2l: review" not in converted


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ddl", "/no/such/ddl"], "--ddl '/no/such/ddl': no such file or folder"),
        (["--schema-map", "x"], "--schema-map 'x': expected DB=SCHEMA"),
        (["--path-map", "s3://a"], "--path-map 's3://a': expected PREFIX=TARGET"),
        (["--workers", "0"], "--workers 0: expected a positive number"),
    ],
)
def test_cli_bad_arguments_exit_2(tmp_path, capsys, args, message):
    (tmp_path / "a.py").write_text("x = 1\n")
    assert main(["convert", str(tmp_path / "a.py"), str(tmp_path / "out"), *args]) == 2
    assert message in capsys.readouterr().out


def test_cli_as_subprocess(tmp_path):
    (tmp_path / "job.py").write_text(GLUE_JOB)
    proc = subprocess.run([sys.executable, "-m", "g2l_core.convert.cli", "convert", str(tmp_path / "job.py"),
                           str(tmp_path / "out"), "--workers", "2"], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "job.py").exists()


def test_output_does_not_depend_on_hash_seed(tmp_path):
    """Regression: nodes were tracked by id(); a freed node's id reused by a later statement dropped it."""
    sample = Path(__file__).resolve().parents[2] / "examples" / "risk_engine" / "glue"
    script = (
        "import json, pathlib, sys\n"
        "from g2l_core.convert import ConvertOptions, convert_files\n"
        f"root = pathlib.Path({str(sample)!r})\n"
        "files = {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob('*.py')}\n"
        "options = ConvertOptions(bookmarks={'jobs/ingest_trades.py': True})\n"
        "print(json.dumps({r.path: r.code for r in convert_files(files, options, workers=1)}))\n"
    )
    outputs = []
    for seed in ("1", "2", "3", "5", "6"):
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert proc.returncode == 0, proc.stderr
        outputs.append(json.loads(proc.stdout))
    assert all(out == outputs[0] for out in outputs[1:])
    assert "cleaned = g2l_helpers.drop_null_fields(booked)" in outputs[0]["jobs/ingest_trades.py"]
