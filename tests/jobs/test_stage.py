"""``databricks_jobs`` on real git repositories: the sample's bundle runs the converted scripts, a native job
in ``resources/`` survives every sync, and a Glue change to a definition reaches the bundle on the next sync."""

import posixpath
import shutil
import subprocess

import pytest
import yaml
from databricks.bundles.jobs import Job

from g2l_core.config import parse_registry
from g2l_core.gitrepo import ensure_seeded_remote, git
from tests.conftest import REPO_ROOT
from tests.jobs.conftest import on_branch, sync_project

SAMPLE = REPO_ROOT / "examples" / "risk_engine"
NATIVE_JOB = """resources:
  jobs:
    liquidity_stress:
      name: liquidity-stress
      tasks:
        - task_key: stress
          spark_python_task: {python_file: ../jobs/liquidity_stress.py}
"""


@pytest.fixture
def sample(tmp_path):
    target_seed = tmp_path / "target_seed"
    shutil.copytree(SAMPLE / "databricks", target_seed)
    (target_seed / "resources").mkdir()
    (target_seed / "resources" / "liquidity_stress.job.yml").write_text(NATIVE_JOB)
    remotes = tmp_path / "remotes"
    ensure_seeded_remote(str(remotes / "glue.git"), str(SAMPLE / "glue"))
    ensure_seeded_remote(str(remotes / "databricks.git"), str(target_seed))
    [project] = parse_registry(f"""
projects:
  - name: risk_engine
    glue: {{url: {remotes}/glue.git, paths: [jobs/, src/], ddl_paths: [ddl/], job_definitions: [infra/*.yaml]}}
    target: {{url: {remotes}/databricks.git, native: [jobs/liquidity_stress.py, monitoring/]}}
""")
    return project, tmp_path


def _merge_sync_branch(tmp_path, edit=None) -> None:
    """The reviewer merges the sync branch into main (with ``edit``, then changes main like a Databricks user)."""
    work = tmp_path / "target_work"
    if not work.exists():
        git(None, "clone", "-q", str(tmp_path / "remotes" / "databricks.git"), str(work))
    run = lambda *a: subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *a],  # noqa: E731
                                    cwd=work, check=True, capture_output=True)
    run("fetch", "-q", "origin")
    run("checkout", "-q", "main")
    run("reset", "-q", "--hard", "origin/main")
    run("merge", "-q", "--no-edit", "origin/g2l/sync")
    if edit:
        edit(work)
        run("commit", "-qam", "tune the job on Databricks")
    run("push", "-q", "origin", "main")


def _glue_commit(tmp_path, edit) -> None:
    work = tmp_path / "glue_work"
    if not work.exists():
        git(None, "clone", "-q", str(tmp_path / "remotes" / "glue.git"), str(work))
    edit(work)
    run = lambda *a: subprocess.run(["git", *a], cwd=work, check=True, capture_output=True)  # noqa: E731
    run("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "change the job definitions")
    run("push", "-q", "origin", "main")


def test_sample_bundle_names_every_converted_script_and_each_exists(sample):
    project, tmp_path = sample
    result, target_dir = sync_project(project, tmp_path)
    (row,) = result.rows.to_dicts()
    assert (row["job"], row["status"], row["sync_action"], row["schedule"]) == (
        "risk-nightly", "generated", "added", "0 30 22 ? * MON-FRI")
    on_sync = lambda path: on_branch(target_dir, "g2l/sync", path)  # noqa: E731
    job = yaml.safe_load(on_sync("resources/risk_nightly.job.yml"))["resources"]["jobs"]["risk_nightly"]
    Job.from_dict(job)
    files = {t["spark_python_task"]["python_file"] for t in job["tasks"]}
    scripts = {p.relative_to(SAMPLE / "glue").as_posix() for p in (SAMPLE / "glue" / "jobs").glob("*.py")}
    assert files == {f"../{s}" for s in scripts}
    for f in files:
        assert on_sync(posixpath.normpath(posixpath.join("resources", f))) is not None
    deps = {t["task_key"]: [d["task_key"] for d in t.get("depends_on", [])] for t in job["tasks"]}
    assert deps["compute_exposures"] == ["ingest_counterparties", "ingest_trades", "load_market_data"]
    assert deps["daily_risk_report"] == ["check_credit_limits", "compute_var"]
    config = yaml.safe_load(on_sync("databricks.yml"))
    assert config["bundle"]["name"] == "risk_engine"
    # risk_common.zip (--extra-py-files) is the sample's converted src/risk_common, built as a wheel
    assert {lib["whl"] for t in job["tasks"] for lib in t["libraries"]} == {"../.g2l/wheels/risk_common/dist/*.whl"}
    assert config["artifacts"]["risk_common"]["path"] == ".g2l/wheels/risk_common"
    assert 'include = ["risk_common", "risk_common.*"]' in on_sync(".g2l/wheels/risk_common/pyproject.toml")
    assert on_sync("resources/liquidity_stress.job.yml") == NATIVE_JOB
    assert result.published.head == git(target_dir, "rev-parse", "refs/remotes/origin/g2l/sync")


def test_glue_change_flows_to_the_bundle_and_native_and_edited_jobs_are_kept(sample):
    project, tmp_path = sample
    _, target_dir = sync_project(project, tmp_path)
    _merge_sync_branch(tmp_path)

    def change(work):
        path = work / "infra/glue_jobs.yaml"
        text = path.read_text().replace("cron(30 22 ? * MON-FRI *)", "cron(0 23 ? * MON-FRI *)")
        path.write_text(text.replace('"--confidence_levels": "0.95,0.99"',
                                     '"--confidence_levels": "0.95,0.99"\n        "--horizon_days": "10"'))
    _glue_commit(tmp_path, change)
    result, target_dir = sync_project(project, tmp_path)
    (row,) = result.rows.to_dicts()
    assert (row["schedule"], row["sync_action"]) == ("0 0 23 ? * MON-FRI", "updated")
    text = on_branch(target_dir, "g2l/sync", "resources/risk_nightly.job.yml")
    assert "- --horizon_days\n          - '10'" in text
    assert on_branch(target_dir, "g2l/sync", "resources/liquidity_stress.job.yml") == NATIVE_JOB

    def tune(work):
        path = work / "resources/risk_nightly.job.yml"
        path.write_text(path.read_text().replace("max_retries: 1", "max_retries: 3"))
    _merge_sync_branch(tmp_path, tune)
    _glue_commit(tmp_path, lambda work: (work / "infra/glue_jobs.yaml").write_text(
        (work / "infra/glue_jobs.yaml").read_text().replace("cron(0 23 ", "cron(15 23 ")))
    result, target_dir = sync_project(project, tmp_path)
    (row,) = result.rows.to_dicts()
    text = on_branch(target_dir, "g2l/sync", "resources/risk_nightly.job.yml")
    assert (row["sync_action"], row["conflict"]) == ("merged", None)
    assert "max_retries: 3" in text and "quartz_cron_expression: 0 15 23 ? * MON-FRI" in text
    assert on_branch(target_dir, "main", "resources/liquidity_stress.job.yml") == NATIVE_JOB
