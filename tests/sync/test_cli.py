"""``g2l sync PROJECT [--dry-run]`` on the bundled sample, in a fresh home: plan, apply, history. The sample is
configured for Databricks here, so the sync also writes the bundle: its jobs and the dashboard App."""

import polars as pl

from tests.dagster.conftest import write_registry
from tests.dagster.test_cli import g2l
from tests.sync.conftest import run_git


def test_dry_run_then_apply_then_nothing_to_do(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False,
                              databricks="https://dbc.example")
    home = tmp_path / "home"
    args = ("--home", str(home), "--projects-file", str(registry))
    remote = tmp_path / "remotes/risk_engine/databricks.git"

    dry = g2l("sync", "risk_engine", "--dry-run", *args)
    assert dry.returncode == 0, dry.stderr[-3000:]
    assert "g2l sync risk_engine (dry run): Glue (first sync).." in dry.stdout
    assert "  added      jobs/compute_var.py" in dry.stdout
    for bundled in ("databricks.yml", "resources/compute_var.job.yml", "resources/g2l_dashboard.app.yml",
                    "apps/g2l_dashboard/app.yaml"):
        assert f"  added      {bundled}\n" in dry.stdout, bundled
    assert "jobs/liquidity_stress.py" not in dry.stdout  # the sample's native job is never planned
    assert dry.stdout.rstrip().endswith("dry run: nothing written")
    assert run_git(remote, "branch", "--list", "g2l/sync").stdout == ""

    applied = g2l("sync", "risk_engine", *args)
    assert applied.returncode == 0, applied.stderr[-3000:]
    planned = [line for line in dry.stdout.splitlines() if line.startswith("  ")]
    assert [line for line in applied.stdout.splitlines() if line.startswith("  ")] == planned
    assert "pushed" in applied.stdout
    for path in ("jobs/compute_var.py", "resources/compute_var.job.yml", "apps/g2l_dashboard/app.yaml"):
        assert run_git(remote, "show", f"g2l/sync:{path}").returncode == 0, path

    again = g2l("sync", "risk_engine", *args)
    assert "sync branch already up to date" in again.stdout, again.stdout

    # a Glue change to a job definition only: the bundle's publish makes the sync's commit, and it says so
    glue = tmp_path / "glue-clone"
    run_git(tmp_path, "clone", "-q", str(tmp_path / "remotes/risk_engine/glue.git"), str(glue))
    infra = glue / "infra/glue_jobs.yaml"
    infra.write_text(infra.read_text().replace("NumberOfWorkers: 4", "NumberOfWorkers: 6", 1))
    run_git(glue, "commit", "-qam", "more workers")
    run_git(glue, "push", "-q", "origin", "HEAD")
    jobs_only = g2l("sync", "risk_engine", *args)
    assert jobs_only.stdout.rstrip().endswith("pushed"), jobs_only.stdout

    history = pl.read_delta(str(home / "stages/sync_history")).sort("started")
    assert history["dry_run"].to_list() == [True, False, False, False]
    assert history["sync_commit"][0] is None and history["sync_commit"][1] == history["sync_commit"][2]
    assert history["sync_commit"][3] not in (None, history["sync_commit"][2])
    assert history["sync_commit"][3] == run_git(remote, "rev-parse", "g2l/sync").stdout.strip()
    added = int(history["added"][0])
    assert added > 10 and history["added"].to_list()[:3] == [added] * 3 and history["conflict"].to_list() == [0] * 4
    assert f"{added} added; dry run: nothing written" in dry.stdout


def test_unknown_project_and_sync_branch_on_base_are_one_line_errors(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False)
    bad = g2l("sync", "nope", "--home", str(tmp_path / "home"), "--projects-file", str(registry))
    assert bad.returncode == 2 and bad.stderr.strip() == "error: project 'nope' is not in the registry (known: risk_engine)"
    registry.write_text(registry.read_text().replace("native:", "sync_branch: main, native:"))
    same = g2l("sync", "risk_engine", "--home", str(tmp_path / "home"), "--projects-file", str(registry))
    assert same.returncode == 2 and "Traceback" not in same.stderr
    assert "target.sync_branch: 'main' is the base branch" in same.stderr  # the registry refuses it first
