"""``databricks_jobs`` on a Glue repository whose jobs are a Python CDK app: the sample's CloudFormation
template replaced by a CDK app (``cdk.json`` at the root naming ``infra/app.py``) gives the same bundle."""

import shutil
from pathlib import Path

import yaml

from g2l_core.config import parse_registry
from g2l_core.gitrepo import ensure_seeded_remote
from tests.conftest import REPO_ROOT
from tests.jobs.conftest import on_branch, sync_project

SAMPLE = REPO_ROOT / "examples" / "risk_engine"
CDK_APP = Path(__file__).parent / "fixtures" / "cdk_risk"


def _project(tmp_path, glue_seed: Path, job_definitions: str):
    remotes = tmp_path / "remotes"
    ensure_seeded_remote(str(remotes / "glue.git"), str(glue_seed))
    ensure_seeded_remote(str(remotes / "databricks.git"), str(SAMPLE / "databricks"))
    [project] = parse_registry(f"""
projects:
  - name: risk_engine
    glue: {{url: {remotes}/glue.git, paths: [jobs/, src/], ddl_paths: [ddl/], job_definitions: {job_definitions}}}
    target: {{url: {remotes}/databricks.git}}
""")
    return project


def _bundle(tmp_path, glue_seed, job_definitions):
    result, target_dir = sync_project(_project(tmp_path, glue_seed, job_definitions), tmp_path)
    text = on_branch(target_dir, "g2l/sync", "resources/risk_nightly.job.yml")
    return result, yaml.safe_load(text)["resources"]["jobs"]["risk_nightly"]


def test_cdk_app_gives_the_bundle_the_cloudformation_template_gives(tmp_path):
    seed = tmp_path / "glue_cdk"
    shutil.copytree(SAMPLE / "glue", seed)
    shutil.rmtree(seed / "infra")
    shutil.copytree(CDK_APP, seed, dirs_exist_ok=True)
    result, job = _bundle(tmp_path / "cdk", seed, "[cdk.json]")
    (row,) = result.rows.to_dicts()
    assert (row["job"], row["status"], row["schedule"]) == ("risk-nightly", "generated", "0 30 22 ? * MON-FRI")
    assert not [p for p in result.problems if "cdk" in p.source or "infra" in p.source]
    _, expected = _bundle(tmp_path / "cfn", SAMPLE / "glue", "[infra/*.yaml]")
    assert job == expected
    deps = {t["task_key"]: [d["task_key"] for d in t.get("depends_on", [])] for t in job["tasks"]}
    assert deps["daily_risk_report"] == ["check_credit_limits", "compute_var"]
