"""README line 1 is `g2l run`: run it for real in a fresh home and check its summary and exit code."""

import os
import subprocess
import sys

import polars as pl

from tests.conftest import REPO_ROOT
from tests.dagster.conftest import write_registry
from tests.databricks_fake import FakeWorkspace


def g2l(*args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "g2l_dagster.cli", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def test_run_prints_a_summary_and_is_safe_to_repeat(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes")
    home = tmp_path / "home"
    env = {"G2L_PROJECTS": str(registry), "DAGSTER_HOME": str(home)}
    first = g2l("run", "--home", str(home), env=env)
    assert first.returncode == 0, first.stderr[-3000:]
    out = first.stdout
    assert "risk_engine: run" in out and "succeeded" in out
    for line in ("inventory:", "conversion:", "uc_ddl:", "validation:", "drift:", "outputs:"):
        assert line in out, out
    assert (home / "storage").is_dir()  # runs are recorded in the persistent Dagster home
    progress = pl.read_delta(str(home / "stages" / "migration_progress"))
    assert progress["project"].to_list() == ["risk_engine"]
    validated, total = int(progress["validated"][0]), int(progress["glue_entities"][0])
    assert 0 < validated <= total
    assert f"migration_progress: {validated}/{total} Glue entities validated" in out, out
    second = g2l("run", "--home", str(home), env=env)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "0 sync conflicts" in second.stdout


def test_bad_arguments_and_registry_exit_2(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes")
    unknown = g2l("run", "nope", "--home", str(tmp_path / "h"), env={"G2L_PROJECTS": str(registry)})
    assert unknown.returncode == 2 and "project(s) not in the registry: nope" in unknown.stderr
    registry.write_text("projects:\n  - name: x\n    glue: {url: a}\n")
    broken = g2l("projects", env={"G2L_PROJECTS": str(registry)})
    assert broken.returncode == 2
    assert f"{registry}: projects[0] (x).target: is required" in broken.stderr


def test_run_against_a_databricks_workspace(tmp_path):
    """The same command for a project with `databricks` settings: DDL and drift go to the workspace (the
    loopback fake of its Statement Execution API with an in-memory Unity Catalog)."""
    with FakeWorkspace(token="tok") as ws:
        registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False, databricks=ws.url)
        home = tmp_path / "home"
        env = {"G2L_PROJECTS": str(registry), "DAGSTER_HOME": str(home), "G2L_TEST_DATABRICKS_TOKEN": "tok"}
        done = g2l("run", "--home", str(home), env=env)
        assert done.returncode == 0, done.stderr[-3000:]
        assert f"Unity Catalog on {ws.url}" in done.stdout and "drift:       0 open" in done.stdout, done.stdout
        assert ws.table("main.risk_raw.trades") is not None
    assert not (home / "warehouse" / "main").exists()


def test_a_failed_step_shows_its_cause_and_where_the_trace_is(tmp_path):
    registry = tmp_path / "projects.yaml"
    registry.write_text(f"projects:\n  - name: lost\n    glue: {{url: {tmp_path / 'missing.git'}}}\n"
                        f"    target: {{url: {tmp_path / 'also-missing.git'}}}\n")
    home = tmp_path / "home"
    done = g2l("run", "--home", str(home), env={"G2L_PROJECTS": str(registry), "DAGSTER_HOME": str(home)})
    assert done.returncode == 1
    assert "lost: run" in done.stdout and "FAILED" in done.stdout
    assert "outputs:" not in done.stdout  # nothing was written
    [cause] = [line for line in done.stderr.splitlines() if line.startswith("  step glue_repo failed: ")]
    assert "GitError" in cause and "missing.git" in cause, done.stderr
    assert "Error occurred while executing" not in cause
    [log] = [line.split(": ", 1)[1] for line in done.stderr.splitlines() if line.startswith("  stack traces: ")]
    assert "Traceback" in open(log).read() or "File " in open(log).read()
