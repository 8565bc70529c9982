"""build_inventory over real git repositories: incremental reuse, annotations, git metadata, counterparts."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pytest

from g2l_core.extract import ENTITY_COLUMNS, RepoSnapshot, build_inventory, entity_id
from g2l_core.extract.rows import COLUMN_NAMES

REPO_ROOT = Path(__file__).resolve().parents[2]

JOB = '''"""Daily positions job."""
import sys
from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

from src.lib import clean

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glue_context = GlueContext(SparkContext())
frame = glue_context.create_dynamic_frame.from_catalog(database="risk_raw", table_name="trades")
clean(frame).toDF().write.saveAsTable("risk_curated.positions")
'''
LIB = '''def clean(frame):
    """Drop empty rows."""
    return frame


def unused(x):
    if x:
        return 1
    return 0
'''
DDL = "CREATE EXTERNAL TABLE risk_raw.trades (id string) LOCATION 's3://lake/raw/trades/';\n"
PY2 = 'import sys\n\nprint "legacy job", sys.argv\n'


def snapshot(source_type: str, repo: Path, **kw) -> RepoSnapshot:
    return RepoSnapshot.from_git(source_type, repo, **kw)


def by_path(frame: pl.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["entity_type"], r["full_path"]): r for r in frame.iter_rows(named=True)}


def test_schema_lists_match():
    assert tuple(ENTITY_COLUMNS) == COLUMN_NAMES


def test_full_build_rows_and_git_metadata(tmp_path, commit):
    repo = tmp_path / "glue"
    c1 = commit(repo, {"jobs/daily.py": JOB, "src/lib.py": LIB, "README.md": "docs"},
                author="Ada Lovelace <ada@example.com>", date="2024-01-02T09:00:00+00:00")
    c2 = commit(repo, {"ddl/raw.sql": DDL}, author="Grace Hopper <grace@example.com>",
                date="2024-02-03T10:00:00+00:00")
    result = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)
    assert (result.parsed_files, result.reused_files, result.errors) == (3, 0, [])
    assert result.frame.schema == pl.Schema(ENTITY_COLUMNS)
    rows = by_path(result.frame)
    assert set(rows) == {
        ("job", "jobs.daily"), ("module", "src.lib"), ("function", "src.lib.clean"), ("function", "src.lib.unused"),
        ("module", "ddl.raw"), ("table", "risk_raw.trades"), ("table", "risk_curated.positions"),
    }
    meta = {k: (r["git_commit"], r["git_author"], r["last_modified"]) for k, r in rows.items()}
    jan = datetime(2024, 1, 2, 9, tzinfo=timezone.utc)
    feb = datetime(2024, 2, 3, 10, tzinfo=timezone.utc)
    assert meta[("job", "jobs.daily")] == (c1, "Ada Lovelace", jan)
    assert meta[("function", "src.lib.unused")] == (c1, "Ada Lovelace", jan)
    assert meta[("table", "risk_raw.trades")] == (c2, "Grace Hopper", feb)
    # DDL-defined table: referenced by the job; code-only table: one row, file of its first reference
    trades = rows[("table", "risk_raw.trades")]
    assert (trades["file_path"], trades["referenced_by"], trades["catalog_refs"], trades["line_start"]) == (
        "ddl/raw.sql", ["jobs.daily"], [{"table": "risk_raw.trades", "direction": "read"}], 1)
    positions = rows[("table", "risk_curated.positions")]
    assert (positions["file_path"], positions["referenced_by"], positions["blob_sha"]) == (
        "jobs/daily.py", ["jobs.daily"], None)
    assert rows[("function", "src.lib.unused")]["complexity"] == 2
    assert {r["migration_status"] for r in rows.values()} == {"pending"}
    assert not any(r["needs_sync"] for r in rows.values())
    assert rows[("job", "jobs.daily")]["entity_id"] == entity_id("risk", "glue", "job", "jobs.daily")

    md = result.metadata_md
    assert "| job | 1 | 1 |" in md["entity_counts"] and "| table | 2 | 2 |" in md["entity_counts"]
    assert "| glue | jobs.daily | 1 |" in md["most_complex_jobs"]
    assert "| create_dynamic_frame.from_catalog | 1 | 1 |" in md["glue_api_usage"]
    assert md["parse_errors"] == "All files parsed."


def test_incremental_rebuild_parses_only_the_changed_file(tmp_path, commit):
    repo = tmp_path / "glue"
    commit(repo, {"jobs/daily.py": JOB, "src/lib.py": LIB, "ddl/raw.sql": DDL},
           author="Ada Lovelace <ada@example.com>", date="2024-01-02T09:00:00+00:00")
    first = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)

    clean_id = entity_id("risk", "glue", "function", "src.lib.clean")
    job_id = entity_id("risk", "glue", "job", "jobs.daily")
    annotated = first.frame.with_columns(
        pl.when(pl.col("entity_id") == clean_id).then(pl.lit(["hot-path"])).otherwise(pl.col("tags")).alias("tags"),
        pl.when(pl.col("entity_id").is_in([clean_id, job_id])).then(pl.lit("owner: risk team"))
        .otherwise(pl.col("notes")).alias("notes"),
    )
    c2 = commit(repo, {"src/lib.py": LIB + "\n\ndef added(y):\n    return y or 0\n"},
                author="Grace Hopper <grace@example.com>", date="2024-03-01T12:00:00+00:00")
    second = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=annotated)

    assert (second.parsed_files, second.reused_files) == (1, 2)
    unchanged = pl.col("file_path") != "src/lib.py"
    key = ["entity_id"]
    assert second.frame.filter(unchanged).sort(key).equals(annotated.filter(unchanged).sort(key))

    rows = by_path(second.frame)
    added = rows[("function", "src.lib.added")]
    assert (added["complexity"], added["git_commit"], added["git_author"], added["needs_sync"]) == (
        2, c2, "Grace Hopper", True)
    clean = rows[("function", "src.lib.clean")]
    assert (clean["tags"], clean["notes"], clean["git_author"], clean["needs_sync"]) == (
        ["hot-path"], "owner: risk team", "Grace Hopper", True)
    assert rows[("job", "jobs.daily")]["notes"] == "owner: risk team"
    assert rows[("job", "jobs.daily")]["needs_sync"] is False

    # a third run with nothing changed parses nothing and clears needs_sync
    third = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=second.frame)
    assert (third.parsed_files, third.reused_files) == (0, 3)
    assert not third.frame["needs_sync"].any()
    assert third.frame.drop("needs_sync").sort(key).equals(second.frame.drop("needs_sync").sort(key))


CONFIG = 'RAW_DB = "risk_raw"\nCURATED = "risk_curated"\n'
CONFIGURED_JOB = '''from awsglue.context import GlueContext
from pyspark.context import SparkContext
from risk_common.config import MISSING, RAW_DB
from risk_common import config

glue_context = GlueContext(SparkContext())
glue_context.create_dynamic_frame.from_catalog(database=RAW_DB, table_name="trades")
glue_context.spark_session.sql(f"INSERT INTO {config.CURATED}.totals SELECT * FROM {RAW_DB}.trades")
glue_context.create_dynamic_frame.from_catalog(database=MISSING, table_name="lost")
'''


def test_rows_stored_before_glue_service_calls_existed_are_parsed_again(tmp_path, commit):
    """A table written by an older g2l has no ``glue_service_calls``: its files are read again once (not marked
    changed), so a boto3 Glue call in a file nobody touched since still shows in the inventory."""
    repo = tmp_path / "glue"
    tool = 'import boto3\n\nboto3.client("glue").start_crawler(Name="c")\n'
    commit(repo, {"jobs/daily.py": JOB, "src/tool.py": tool})
    first = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)
    old = first.frame.drop("glue_service_calls")  # as stored before the column existed
    second = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=old)
    assert (second.parsed_files, second.reused_files) == (2, 0)
    rows = by_path(second.frame)
    assert rows[("module", "src.tool")]["glue_service_calls"] == [{"api": "boto3 glue.start_crawler", "line": 3}]
    assert not second.frame["needs_sync"].any()
    third = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=second.frame)
    assert (third.parsed_files, third.reused_files) == (0, 2)


def test_constants_imported_from_a_config_module_resolve_and_follow_its_changes(tmp_path, commit):
    repo = tmp_path / "glue"
    commit(repo, {"src/risk_common/config.py": CONFIG, "src/risk_common/__init__.py": "", "jobs/load.py": CONFIGURED_JOB})
    first = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)
    job = by_path(first.frame)[("job", "jobs.load")]
    assert job["catalog_refs"] == [{"table": "risk_curated.totals", "direction": "write"},
                                   {"table": "risk_raw.trades", "direction": "read"}]
    assert {k[1] for k in by_path(first.frame) if k[0] == "table"} == {"risk_curated.totals", "risk_raw.trades"}

    commit(repo, {"src/risk_common/config.py": CONFIG.replace('"risk_raw"', '"risk_landing"')},
           date="2024-02-01T00:00:00+00:00")
    second = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=first.frame)
    assert second.parsed_files == 1  # only config.py; the job's references are re-resolved, not re-parsed
    job = by_path(second.frame)[("job", "jobs.load")]
    assert job["catalog_refs"] == [{"table": "risk_curated.totals", "direction": "write"},
                                   {"table": "risk_landing.trades", "direction": "read"}]
    assert ("table", "risk_raw.trades") not in by_path(second.frame)


def test_previous_read_back_from_a_delta_table_is_reused(tmp_path, commit):
    """The asset stores the inventory as Delta; what comes back must drive the incremental run as is."""
    repo = tmp_path / "glue"
    commit(repo, {"jobs/daily.py": JOB, "src/lib.py": LIB, "ddl/raw.sql": DDL})
    first = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)
    table = str(tmp_path / "delta" / "source_entities")
    first.frame.write_delta(table)
    stored = pl.read_delta(table)
    second = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=stored)
    assert (second.parsed_files, second.reused_files) == (0, 3)
    assert second.frame.sort("entity_id").equals(first.frame.sort("entity_id"))


def test_deleted_file_drops_its_rows_and_code_tables(tmp_path, commit):
    repo = tmp_path / "glue"
    commit(repo, {"jobs/daily.py": JOB, "src/lib.py": LIB})
    first = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)
    assert ("table", "risk_curated.positions") in by_path(first.frame)
    commit(repo, {"jobs/daily.py": None}, date="2024-02-01T00:00:00+00:00")
    second = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=first.frame)
    assert {k[1] for k in by_path(second.frame)} == {"src.lib", "src.lib.clean", "src.lib.unused"}
    assert (second.parsed_files, second.reused_files) == (0, 1)


def test_entity_ids_are_stable_across_runs_and_distinct_across_projects(tmp_path, commit):
    repo = tmp_path / "glue"
    commit(repo, {"jobs/daily.py": JOB, "src/lib.py": LIB, "ddl/raw.sql": DDL})
    a = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None).frame
    b = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None, workers=1).frame
    other = build_inventory(project="finance", repos=[snapshot("glue", repo)], previous=None).frame
    assert a.equals(b)
    assert a["entity_id"].n_unique() == a.height
    assert set(a["entity_id"]).isdisjoint(set(other["entity_id"]))


def test_parse_error_row_and_the_run_continues(tmp_path, commit):
    repo = tmp_path / "glue"
    commit(repo, {"jobs/daily.py": JOB, "legacy/old_job.py": PY2, "ddl/raw.sql": DDL})
    result = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None)
    rows = by_path(result.frame)
    old = rows[("module", "legacy.old_job")]
    assert old["parse_error"].startswith("line 3: Missing parentheses in call to 'print'")
    assert ("job", "jobs.daily") in rows and ("table", "risk_raw.trades") in rows
    assert result.errors == [f"glue:legacy/old_job.py: {old['parse_error']}"]
    assert "legacy/old_job.py" in result.metadata_md["parse_errors"]


DBX_JOB = '''# Databricks notebook source
from src.lib import clean

frame = spark.read.table("main.risk_raw.trades")
clean(frame).write.mode("append").saveAsTable("main.risk_curated.positions")
'''
DBX_NATIVE = '''# Databricks notebook source
spark.sql("SELECT * FROM main.risk_curated.positions").display()
'''


def test_counterparts_status_and_native_flags(tmp_path, commit):
    glue = tmp_path / "glue"
    dbx = tmp_path / "databricks"
    commit(glue, {"jobs/daily.py": JOB, "src/lib.py": LIB, "ddl/raw.sql": DDL})
    commit(dbx, {"jobs/daily.py": DBX_JOB, "src/lib.py": LIB, "notebooks/report.py": DBX_NATIVE,
                 "ddl/raw.sql": DDL.replace("risk_raw.trades", "main.risk_raw.trades")})
    result = build_inventory(
        project="risk",
        repos=[snapshot("glue", glue), snapshot("databricks", dbx, native_paths={"notebooks/"})],
        previous=None, status={"jobs/daily.py": "validated", "notebooks/report.py": "failed"},
        conflicts={"src/lib.py"},
    )
    f = result.frame
    glue_rows = {(r["entity_type"], r["full_path"]): r for r in f.filter(pl.col("source_type") == "glue").iter_rows(named=True)}
    dbx_rows = {(r["entity_type"], r["full_path"]): r for r in f.filter(pl.col("source_type") == "databricks").iter_rows(named=True)}

    assert glue_rows[("job", "jobs.daily")]["counterpart_id"] == dbx_rows[("job", "jobs.daily")]["entity_id"]
    assert dbx_rows[("job", "jobs.daily")]["counterpart_id"] == glue_rows[("job", "jobs.daily")]["entity_id"]
    assert glue_rows[("function", "src.lib.clean")]["counterpart_id"] == \
        dbx_rows[("function", "src.lib.clean")]["entity_id"]
    # Unity Catalog three-part names link to the Glue two-part table
    assert dbx_rows[("table", "main.risk_raw.trades")]["counterpart_id"] == \
        glue_rows[("table", "risk_raw.trades")]["entity_id"]
    assert glue_rows[("table", "risk_curated.positions")]["counterpart_id"] == \
        dbx_rows[("table", "main.risk_curated.positions")]["entity_id"]

    report = dbx_rows[("job", "notebooks.report")]
    assert (report["counterpart_id"], report["is_databricks_native"], report["migration_status"]) == (
        None, True, "databricks_native")
    dbx_job = dbx_rows[("job", "jobs.daily")]
    assert (dbx_job["is_databricks_native"], dbx_job["migration_status"]) == (False, "validated")
    assert dbx_rows[("function", "src.lib.clean")]["migration_status"] == "converted"
    assert glue_rows[("job", "jobs.daily")]["migration_status"] == "validated"
    assert glue_rows[("module", "src.lib")]["migration_status"] == "pending"
    assert not any(r["is_databricks_native"] for r in glue_rows.values())
    assert glue_rows[("function", "src.lib.unused")]["has_conflicts"] is True
    assert glue_rows[("job", "jobs.daily")]["has_conflicts"] is False
    assert "| job | 2 | 1 | 3 |" in result.metadata_md["entity_counts"]  # sources sorted: databricks, glue


def test_unknown_source_type_is_a_clear_error(tmp_path, commit):
    repo = tmp_path / "glue"
    commit(repo, {"a.py": "x = 1\n"})
    snap = snapshot("glue", repo)
    snap.source_type = "emr"
    with pytest.raises(ValueError, match="source_type must be one of"):
        build_inventory(project="risk", repos=[snap], previous=None)


def test_process_pool_gives_the_same_rows(tmp_path, commit, monkeypatch):
    """Force the pool on a small repository: rows must not depend on where they were parsed."""
    from g2l_core.extract import parse_files

    repo = tmp_path / "glue"
    commit(repo, {**{f"jobs/job_{i}.py": JOB.replace("positions", f"positions_{i}") for i in range(6)},
                  "src/lib.py": LIB, "legacy/old.py": PY2, "ddl/raw.sql": DDL})
    inline = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None, workers=1).frame
    monkeypatch.setattr(parse_files, "POOL_MIN_BYTES", 0)
    pooled = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None, workers=2).frame
    assert pooled.equals(inline)


def test_worker_parse_skips_node_validation_only_while_it_runs():
    """Pool workers switch off libcst's per-node validation for parser output and switch it back on after."""
    import libcst

    from g2l_core.extract.parse_files import _parser_output_unvalidated

    def build_invalid():
        return libcst.Name("not a name")

    with pytest.raises(libcst.CSTValidationError):
        build_invalid()
    with _parser_output_unvalidated():
        assert build_invalid().value == "not a name"
    with pytest.raises(libcst.CSTValidationError):
        build_invalid()


RISK_ENGINE = REPO_ROOT / "examples" / "risk_engine" / "glue"


@pytest.mark.skipif(not (RISK_ENGINE / "jobs").is_dir(), reason="examples/risk_engine/glue not written yet")
def test_risk_engine_sample_inventory(tmp_path, commit):
    repo = tmp_path / "risk_engine"
    shutil.copytree(RISK_ENGINE, repo, ignore=shutil.ignore_patterns("__pycache__", "data"))
    commit(repo, {})
    result = build_inventory(project="risk_engine", repos=[snapshot("glue", repo)], previous=None)
    jobs = set(result.frame.filter(pl.col("entity_type") == "job")["full_path"])
    expected = {f"jobs.{p.stem}" for p in (RISK_ENGINE / "jobs").glob("*.py")}
    assert expected and jobs == expected
    ddl_tables = result.frame.filter((pl.col("entity_type") == "table") & pl.col("blob_sha").is_not_null())
    assert ddl_tables.height > 0
    # database names come from risk_common/config.py constants: resolved across modules
    referenced = ddl_tables.filter(pl.col("referenced_by").list.len() > 0)
    assert referenced.height > 0
    assert result.errors == []


DBX_SAMPLE = REPO_ROOT / "examples" / "risk_engine" / "databricks"


@pytest.mark.skipif(not (DBX_SAMPLE / "jobs").is_dir() or not (RISK_ENGINE / "jobs").is_dir(),
                    reason="examples/risk_engine not written yet")
def test_risk_engine_databricks_side_is_native(tmp_path, commit):
    glue, dbx = tmp_path / "glue", tmp_path / "databricks"
    shutil.copytree(RISK_ENGINE, glue, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copytree(DBX_SAMPLE, dbx, ignore=shutil.ignore_patterns("__pycache__"))
    commit(glue, {})
    commit(dbx, {})
    result = build_inventory(project="risk_engine", repos=[snapshot("glue", glue), snapshot("databricks", dbx)],
                             previous=None)
    dbx_files = result.frame.filter((pl.col("source_type") == "databricks")
                                    & pl.col("entity_type").is_in(["job", "module"]))
    assert dbx_files.height == len([p for p in DBX_SAMPLE.rglob("*.py") if "__pycache__" not in p.parts])
    assert dbx_files["is_databricks_native"].all()
    assert set(dbx_files["migration_status"]) == {"databricks_native"}


def test_metadata_lists_the_ten_most_complex_jobs_in_order(tmp_path, commit):
    repo = tmp_path / "glue"
    branches = lambda n: "".join(f"if x == {i}:\n    y = {i}\n" for i in range(n))  # noqa: E731
    commit(repo, {f"jobs/job_{n:02d}.py": f"x = 0\n{branches(n)}\nif __name__ == '__main__':\n    pass\n"
                  for n in range(12)})
    md = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None).metadata_md["most_complex_jobs"]
    listed = [line.split(" | ")[1] for line in md.splitlines()[2:]]
    assert listed == [f"jobs.job_{n:02d}" for n in range(11, 1, -1)]
    assert "| glue | jobs.job_11 | 13 |" in md  # 11 ifs + the __main__ guard + 1


def test_a_script_a_job_definition_runs_is_a_job_whatever_its_code(tmp_path, commit):
    """A job script that gets its GlueContext from a shared library builds none itself; its job
    definition still makes it a job (and only the files definitions name)."""
    script = "from lib.context import JobContext\n\nctx = JobContext()\nctx.finish()\n"
    repo = tmp_path / "glue"
    commit(repo, {"jobs/ingest.py": script, "jobs/helper.py": script, "src/lib.py": LIB})
    plain = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=None).frame
    assert ("module", "jobs.ingest") in by_path(plain)
    tied = build_inventory(project="risk", repos=[snapshot("glue", repo)], previous=plain,
                           job_scripts={"jobs/ingest.py"}).frame
    kinds = {k[1]: k[0] for k in by_path(tied) if k[1] in ("jobs.ingest", "jobs.helper", "src.lib")}
    assert kinds == {"jobs.ingest": "job", "jobs.helper": "module", "src.lib": "module"}
