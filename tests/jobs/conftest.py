from pathlib import Path

import pytest

from g2l_core.gitrepo import ensure_clone, list_tree, read_text
from g2l_core.jobs import project_definitions
from g2l_core.migrate_code import migrate_code
from g2l_core.notebook import is_code_source
from g2l_core.stages.jobs import migrate_jobs

FIXTURES = Path(__file__).parent / "fixtures"
REPO_FILES = ["glue/jobs/ingest_claims.py", "glue/jobs/enrich_claims.py", "glue/jobs/publish_claims.py",
              "glue/jobs/alert.py", "tests/jobs/alert.py", "README.md"]
PARAMETERS = {"ArtifactBucket": "claims-artifacts", "artifact_bucket": "claims-artifacts"}


def fixture_text(*names: str) -> dict[str, str]:
    return {name: (FIXTURES / name).read_text() for name in names}


@pytest.fixture
def claims_files():
    return fixture_text


def sync_project(project, tmp_path):
    """Convert the project's code and publish its bundle as the pipeline does: code first, then jobs."""
    glue_dir, target_dir = tmp_path / "glue", tmp_path / "target"
    commit = ensure_clone(project.glue.url, "main", glue_dir)
    ensure_clone(project.target.url, "main", target_dir)
    tree = {f.path: f.blob for f in list_tree(glue_dir, commit)}
    code = {p: b for p, b in tree.items() if is_code_source(p) and p.startswith(tuple(project.glue.paths))}
    migration = migrate_code(project, glue_dir, code, target_dir, commit, project_definitions(project, glue_dir, tree))
    converted = {p: p for p in code if p in migration.reused or migration.results[p].code is not None}
    return migrate_jobs(project, glue_dir, tree, target_dir, commit, converted), target_dir


def on_branch(target_dir, branch, path):
    """g2l's clone is never checked out: files are read from the pushed branch."""
    return read_text(target_dir, f"refs/remotes/origin/{branch}", path)
