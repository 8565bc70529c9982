"""Issue 9: each realistic repository shape through `g2l run` in a fresh Dagster home, to a green run.

Each shape runs once per module; the tests then read its exit code, summary, stage tables and remotes.
A shape that regresses fails here with the run's summary, which names the cause."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest
import yaml

from g2l_core.convert import glue_residue
from tests.conftest import REPO_ROOT, git
from tests.realistic.builders import Project, build, write_registry


@dataclass
class Run:
    project: Project
    home: Path
    done: subprocess.CompletedProcess

    @property
    def output(self) -> str:
        return self.done.stdout + self.done.stderr

    def stage(self, asset: str) -> pl.DataFrame:
        return pl.read_delta(str(self.home / "stages" / asset))


def g2l_run(root: Path, project: Project) -> Run:
    registry = write_registry(root / "projects.yaml", [project])
    home = root / "home"
    env = {**os.environ, "G2L_PROJECTS": str(registry), "DAGSTER_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "run", "--home", str(home)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=600, env=env)
    return Run(project, home, done)


_RUNS: dict[str, Run] = {}


@pytest.fixture(scope="module")
def shape_run(tmp_path_factory):
    def get(shape: str) -> Run:
        if shape not in _RUNS:
            root = tmp_path_factory.mktemp(shape)
            _RUNS[shape] = g2l_run(root, build(shape, root))
        return _RUNS[shape]

    yield get
    _RUNS.clear()


def branch_files(remote: Path, branch: str) -> dict[str, str]:
    """Text of every .py file on ``branch`` of a bare remote."""
    names = git(remote, "ls-tree", "-r", "--name-only", branch).splitlines()
    return {n: git(remote, "show", f"{branch}:{n}") for n in names if n.endswith(".py")}


def assert_green(run: Run) -> None:
    shape = run.project.name
    assert run.done.returncode == 0, f"exit {run.done.returncode}\n{run.done.stdout[-3000:]}\n{run.done.stderr[-3000:]}"
    assert f"{shape}: run" in run.done.stdout and "succeeded" in run.done.stdout, run.done.stdout


@pytest.mark.parametrize("shape", [
    "packaged_library",
    "studio_datalake",
    "samples_repo",
    "empty_target",
    "cli_input_library",
    "mixed_scala_hql",
    "airflow_platform",
])
def test_shape_runs_green(shape_run, shape):
    assert_green(shape_run(shape))


def test_packaged_library_publishes_no_residue(shape_run):
    run = shape_run("packaged_library")
    published = branch_files(run.project.target_url, "g2l/sync")
    assert published, run.output[-3000:]
    residue = {path: found for path, text in published.items()
               if not path.endswith("g2l_helpers.py") and (found := glue_residue(text))}
    assert residue == {}


def test_packaged_library_stays_importable(shape_run, tmp_path):
    run = shape_run("packaged_library")
    tree = tmp_path / "tree"
    git(tmp_path, "clone", "-q", "-b", "g2l/sync", str(run.project.target_url), str(tree))
    code = ("import etl_toolkit.context, etl_toolkit.io.readers, etl_toolkit.io.writers, "
            "etl_toolkit.transforms.mapping")
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(tree / "src")})
    assert done.returncode == 0, done.stderr[-2000:]


def test_studio_datalake_creates_every_athena_table(shape_run):
    ddl = shape_run("studio_datalake").stage("uc_ddl")
    tables = ddl.filter(pl.col("target_full_name").is_not_null() & (pl.col("source_file") != "cloudformation/datalake-stack.yaml"))
    assert sorted(tables["target_full_name"].to_list()) == [
        "main.fitband.accelerometer_landing", "main.fitband.customer_landing", "main.fitband.daily_steps",
        "main.fitband.machine_learning_curated"]
    assert set(tables["apply_action"].to_list()) <= {"created", "unchanged"}, tables.select("target_full_name", "apply_error")


def test_a_template_holding_jobs_and_catalog_is_read_for_both(shape_run):
    """One CloudFormation template named by ddl_paths and job_definitions gives its database to uc_ddl and
    its jobs to the bundle (each file used to have one role, and the template's DDL was dropped)."""
    run = shape_run("studio_datalake")
    from_template = run.stage("uc_ddl").filter(pl.col("source_file") == "cloudformation/datalake-stack.yaml")
    assert "main.fitband" in from_template["target_full_name"].to_list(), from_template
    tasks = " ".join(run.stage("databricks_jobs")["tasks"].to_list())
    assert "customer_landing_to_trusted" in tasks and "accelerometer_landing_to_trusted" in tasks, tasks


def test_studio_datalake_summary_counts_apply_failures(shape_run):
    run = shape_run("studio_datalake")
    failed = run.stage("uc_ddl").filter(pl.col("apply_action") == "failed").height
    line = next((x for x in run.done.stdout.splitlines() if x.strip().startswith("uc_ddl:")), "")
    assert not failed or f"{failed} failed" in line, line


def test_studio_datalake_skips_queries_with_a_reason(shape_run):
    """SELECT, MSCK REPAIR, ALTER TABLE ADD PARTITION and DROP in the Athena script are reported, not converted."""
    ddl = shape_run("studio_datalake").stage("uc_ddl")
    skipped = ddl.filter(pl.col("target_full_name").is_null())
    assert skipped.height == 4
    reasons = " ".join(w for ws in skipped["warnings"].to_list() for w in ws)
    for word in ("MSCK REPAIR", "ADD PARTITION", "SELECT", "DROP"):
        assert word in reasons, reasons


def test_samples_repo_leaves_tests_alone(shape_run):
    converted = shape_run("samples_repo").stage("converted_code")["source_path"].to_list()
    assert converted, "nothing converted"
    assert [p for p in converted if "/tests/" in f"/{p}" or p.rsplit("/", 1)[-1] == "conftest.py"] == []


def test_samples_repo_inventory_honours_paths(shape_run):
    entities = shape_run("samples_repo").stage("source_entities")
    files = sorted(set(entities["file_path"].to_list()))
    assert files and all(f.startswith(("examples/", "utilities/")) for f in files), files
    assert [f for f in files if "/tests/" in f"/{f}"] == []


def test_empty_target_gets_a_base_branch(shape_run):
    run = shape_run("empty_target")
    remote = run.project.target_url
    assert git(remote, "rev-list", "--count", "main") == "1", run.output[-3000:]
    assert "README" in git(remote, "ls-tree", "--name-only", "main")
    assert git(remote, "rev-parse", "--verify", "g2l/sync")


def test_a_failed_step_names_its_cause(tmp_path):
    project = build("empty_target", tmp_path)
    missing = tmp_path / "remotes" / "no-such-repo.git"
    run = g2l_run(tmp_path, Project(project.name, missing, project.target_url, project.paths, project.ddl_paths))
    assert run.done.returncode != 0
    lines = run.output.splitlines()
    at = [i for i, line in enumerate(lines) if "step glue_repo failed" in line]
    assert at, run.output[-3000:]
    cause = "\n".join(lines[at[0]:at[0] + 4])  # the failure line and the first lines of its cause
    assert "GitError" in cause and str(missing) in cause, cause


def test_cli_input_library_reads_create_job_requests_and_its_workflow(shape_run):
    """create-job request files and a get-workflow export: one scheduled job, load then aggregate, the wheel
    built from the converted package; the package reads tables through schema_map at run time."""
    run = shape_run("cli_input_library")
    [job] = run.stage("databricks_jobs").to_dicts()
    assert (job["job"], job["tasks"], job["schedule"]) == ("claims-nightly", "claims-load, claims-aggregate",
                                                           "0 30 2 * * ?")
    published = branch_files(run.project.target_url, "g2l/sync")
    assert "spark.read.table(g2l_helpers.uc_table_name(database, table))" in published["src/claimsetl/io.py"]
    bundle = git(run.project.target_url, "show", "g2l/sync:resources/claims_nightly.job.yml")
    assert "whl: ../.g2l/wheels/claimsetl/dist/*.whl" in bundle and "package: pyyaml==6.0.1" in bundle


def test_mixed_scala_hql_reports_scala_and_reads_athena_hql(shape_run):
    """The Scala job is inventoried and not converted (a warning; a jar task to build, its workflow job paused); the .hql views are
    Athena's (Trino functions converted, every statement applied); comments do not hide MSCK/ADD PARTITION."""
    run = shape_run("mixed_scala_hql")
    scala = "jobs/scala/src/main/scala/com/acme/clickstream/DedupeClicks.scala"
    code = {r["source_path"]: r for r in run.stage("converted_code").to_dicts()}
    assert code[scala]["status"] == "failed" and code[scala]["error"].startswith("Scala Glue script")
    assert f"warning: {scala}: Scala Glue script" in run.done.stdout
    entity = run.stage("source_entities").filter(pl.col("file_path") == scala).to_dicts()
    assert [(e["entity_type"], e["name"]) for e in entity] == [("job", "GlueApp")]
    [job] = run.stage("databricks_jobs").to_dicts()
    assert job["status"] == "incomplete" and "Scala Glue job: port " + scala in job["notes"]
    resource = git(run.project.target_url, "show", "g2l/sync:resources/clickstream_nightly.job.yml")
    assert "pause_status: PAUSED" in resource and "main_class_name: com.acme.clickstream.GlueApp" in resource
    ddl = run.stage("uc_ddl")
    assert ddl.filter(pl.col("apply_action") == "failed").height == 0, ddl.select("target_full_name", "apply_error")
    view = git(run.project.target_url, "show", "g2l/sync:uc_ddl/clickstream_reporting/v_weekly_pageviews.sql")
    assert "DATE_PARSE" not in view and "'yyyy-MM-dd'" in view
    reasons = " ".join(w for ws in ddl.filter(pl.col("target_full_name").is_null())["warnings"].to_list() for w in ws)
    assert "MSCK REPAIR TABLE is not needed" in reasons and "ADD PARTITION is not needed" in reasons


def test_airflow_platform_orders_its_jobs_as_the_dag(shape_run):
    """22 template jobs whose only order is an Airflow DAG: one scheduled Databricks job with the DAG's
    dependencies, the Airflow template argument reported, and the base class's JDBC read converted."""
    run = shape_run("airflow_platform")
    [job] = run.stage("databricks_jobs").to_dicts()
    assert (job["job"], job["schedule"], len(job["tasks"].split(", "))) == ("analytics_daily", "0 0 3 * * ?", 22)
    bundle = yaml.safe_load(git(run.project.target_url, "show", "g2l/sync:resources/analytics_daily.job.yml"))
    tasks = {t["task_key"]: t for t in bundle["resources"]["jobs"]["analytics_daily"]["tasks"]}
    assert [d["task_key"] for d in tasks["analytics-revenue-mart"]["depends_on"]] == [
        "analytics-extract-invoices", "analytics-extract-payments", "analytics-extract-refunds", "analytics-sales-daily"]
    assert "script_args --run_date: '{{ ds }}' is an Airflow template" in run.done.stdout
    code = run.stage("converted_code")
    assert code.filter(pl.col("status") != "converted").height == 0, code.select("source_path", "status", "review_notes")
