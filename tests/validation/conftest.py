"""A real git copy of the bundled sample Glue project (binary reference data included) and its project."""

import shutil
import subprocess
from pathlib import Path

import pytest

from g2l_core.config import parse_registry
from tests.conftest import REPO_ROOT

SAMPLE_GLUE = REPO_ROOT / "examples" / "risk_engine" / "glue"


def commit_tree(repo: Path, message: str = "sample") -> str:
    run = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()  # noqa: E731
    if not (repo / ".git").exists():
        run("init", "-q", "-b", "main")
    run("add", "-A")
    run("-c", "user.email=tests@example.com", "-c", "user.name=g2l tests", "commit", "-q", "-m", message)
    return run("rev-parse", "HEAD")


def sample_copy(dest: Path) -> Path:
    shutil.copytree(SAMPLE_GLUE, dest)
    return dest


def project_for(repo: Path, validation: str | None = None):
    """The sample's project entry pointing at ``repo``, with a ``validation`` section."""
    validation = validation or (
        '{reference_data: data/, lake_roots: {"s3://risk-data-lake/": "", "s3://risk-landing/": landing/}, '
        "params: {business_date: 2024-03-28}, timeout_seconds: 120}")
    [p] = parse_registry(f"""
projects:
  - name: risk_engine
    glue: {{url: {repo}, paths: [jobs/, src/], ddl_paths: [ddl/], job_config: jobs/job_config.json}}
    target: {{url: {repo.parent}/target.git}}
    path_map: {{"s3://risk-data-lake/": {repo.parent}/lake/, "s3://risk-landing/": {repo.parent}/landing/}}
    validation: {validation}
""")
    return p


@pytest.fixture(scope="session")
def sample_validation(tmp_path_factory):
    """Runtime validation of the untouched sample, run once for the assertions that read it."""
    from g2l_core.validation.runtime import validate_runtime

    repo = sample_copy(tmp_path_factory.mktemp("sample") / "glue")
    commit = commit_tree(repo)
    return validate_runtime(project_for(repo), repo, commit)
