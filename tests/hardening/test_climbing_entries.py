"""Glue tree entries whose path climbs out of its folder (``jobs/../x.py``, ``ddl/../../x.sql``,
``data/../x.csv``, ``src/./x.py``): git writes such trees with ``git mktree``, so a hostile repository can carry
them. Every stage skips and reports them, the project still runs, and nothing is written outside a root."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from g2l_core import gitrepo
from g2l_core.config import UNSAFE, GlueSource
from tests.conftest import REPO_ROOT
from tests.dagster.conftest import SAMPLE, VALIDATION

JOB = """import sys
from awsglue.context import GlueContext
from pyspark.context import SparkContext
glue = GlueContext(SparkContext.getOrCreate())
open("/tmp/g2l-climbed-{marker}", "w").write("ran")
"""
CLIMBING = {
    "jobs/../escape_job.py": JOB,
    "jobs/sub/../../../escape_far.py": JOB,
    "src/./dotted.py": JOB,
    "ddl/../../escape.sql": "CREATE TABLE risk_raw.escaped (a int);\n",
    "data/../escape.csv": "a\n1\n",
    "jobs/.git/hooks.py": JOB,
}


def git(repo: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo,
                          input=stdin, capture_output=True, text=True, check=True).stdout.strip()


def put(repo: Path, tree: str | None, parts: list[str], blob: str) -> str:
    """``tree`` with the blob at ``parts`` added, any segment names allowed (``..`` included)."""
    lines = git(repo, "ls-tree", tree).splitlines() if tree else []
    name = parts[0]
    others = [line for line in lines if line.split("\t", 1)[1] != name]
    if len(parts) == 1:
        entry = f"100644 blob {blob}\t{name}"
    else:
        sub = next((line.split()[2] for line in lines if line.split("\t", 1)[1] == name and " tree " in line), None)
        entry = f"040000 tree {put(repo, sub, parts[1:], blob)}\t{name}"
    return git(repo, "mktree", stdin="\n".join([*others, entry]) + "\n")


def hostile_remote(root: Path, marker: str) -> Path:
    """A bare Glue remote: the sample, then one commit adding the climbing entries."""
    work = root / "glue-work"
    shutil.copytree(SAMPLE / "glue", work)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "sample")
    tree = git(work, "rev-parse", "HEAD^{tree}")
    for path, text in CLIMBING.items():
        blob = git(work, "hash-object", "-w", "--stdin", stdin=text.replace("{marker}", marker))
        tree = put(work, tree, path.split("/"), blob)
    git(work, "update-ref", "refs/heads/main", git(work, "commit-tree", tree, "-p", "HEAD", "-m", "climb"))
    remote = root / "remotes" / "glue.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(remote)], check=True, capture_output=True)
    return remote


@pytest.mark.parametrize("path", sorted(CLIMBING))
def test_climbing_paths_are_unsafe_whatever_the_settings(path):
    assert gitrepo.unsafe_path(path)
    assert GlueSource(url="g", paths=("jobs/", "src/", ""), ddl_paths=("ddl/", "")).role(path) == UNSAFE


@pytest.mark.parametrize("path", ["jobs/a.py", "jobs/..hidden.py", "jobs/.gitignore", "a..b/c.py", "data/x.csv"])
def test_ordinary_paths_are_safe(path):
    assert not gitrepo.unsafe_path(path)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("climb")
    marker = root.name
    remote = hostile_remote(root, marker)
    registry = root / "projects.yaml"
    registry.write_text(f"""projects:
  - name: climb
    glue: {{url: {remote}, paths: [jobs/, src/], ddl_paths: [ddl/], job_config: jobs/job_config.json}}
    target: {{url: {root}/remotes/databricks.git, seed: {SAMPLE}/databricks, native: [jobs/liquidity_stress.py, monitoring/]}}
    path_map: {{"s3://risk-data-lake/": {root}/remotes/lake/}}
""" + VALIDATION)
    home = root / "home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "run", "--home", str(home), "--projects-file",
                           str(registry)], cwd=root, env=env, capture_output=True, text=True, timeout=1200)
    yield root, home, proc, marker
    for leftover in Path("/tmp").glob(f"g2l-climbed-{marker}"):
        leftover.unlink()


def test_the_project_runs_and_every_climbing_entry_is_reported(hostile_run):
    root, home, proc, _ = hostile_run
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for path in CLIMBING:
        assert f"tree entry {path!r} has a '..', '.', '.git' or empty path segment" in proc.stdout, proc.stdout
    files = pl.read_delta(str(home / "stages" / "glue_repo")).filter(pl.col("role") == UNSAFE)
    assert sorted(files["path"]) == sorted(CLIMBING)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        [event] = instance.fetch_materializations(dg.AssetKey("source_entities"), limit=1).records
        skipped = event.asset_materialization.metadata["skipped_entries"].value
    assert all(repr(path) in skipped for path in CLIMBING)


def test_no_stage_reads_or_writes_by_a_climbing_path(hostile_run):
    root, home, proc, marker = hostile_run
    entities = pl.read_delta(str(home / "stages" / "source_entities"))
    assert not entities.filter(pl.col("file_path").is_in(list(CLIMBING))).height
    converted = pl.read_delta(str(home / "stages" / "converted_code"))
    assert converted.height and not converted.filter(pl.col("source_path").is_in(list(CLIMBING))).height
    ddl = pl.read_delta(str(home / "stages" / "uc_ddl"))
    assert ddl.height and not ddl.filter(pl.col("source_file").is_in(list(CLIMBING))).height
    assert not [name for name in ddl["target_full_name"] if name and name.endswith(".escaped")]
    target = home / "workspace" / "climb" / "target"
    published = gitrepo.git(target, "ls-tree", "-r", "--name-only", "refs/remotes/origin/g2l/sync").splitlines()
    assert "jobs/compute_var.py" in published and not [p for p in published if gitrepo.unsafe_path(p)]
    assert not Path(f"/tmp/g2l-climbed-{marker}").exists()  # no climbing job was run by validation
    escaped = [*root.parent.rglob("escape*"), *Path(tempfile.gettempdir()).glob("escape*")]
    assert [p for p in escaped if "glue-work" not in p.parts] == []
