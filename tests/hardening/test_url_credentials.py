"""A password in a git URL (``https://user:pass@host/repo.git``) reaches git and nothing else: not the run
database or the UI's metadata, not the stage tables, logs or clone error messages, not ``.git/config``."""

import os
import shutil
import subprocess
import sys

import polars as pl
import pytest

from g2l_core import gitrepo
from tests.conftest import REPO_ROOT
from tests.dagster.conftest import SAMPLE

SECRETS = ("s3cret-glue-pw", "tok3n-target-pw", "l0st-pw")


@pytest.fixture(scope="module")
def credential_run(tmp_path_factory):
    """``g2l run`` of ``ok`` (both remotes behind credential URLs, redirected to local remotes by git's
    ``insteadOf``) and ``lost`` (a credential URL whose host does not exist)."""
    root = tmp_path_factory.mktemp("creds")
    glue, target = root / "remotes" / "glue.git", root / "remotes" / "databricks.git"
    gitrepo.ensure_seeded_remote(str(glue), str(SAMPLE / "glue"))
    gitrepo.ensure_seeded_remote(str(target), str(SAMPLE / "databricks"))
    config = root / "gitconfig"
    config.write_text(f'[url "{glue}"]\n\tinsteadOf = https://git.example.invalid/risk/glue.git\n'
                      f'[url "{target}"]\n\tinsteadOf = https://git.example.invalid/risk/databricks.git\n')
    registry = root / "projects.yaml"
    registry.write_text(f"""projects:
  - name: ok
    glue: {{url: "https://ana:{SECRETS[0]}@git.example.invalid/risk/glue.git", paths: [jobs/, src/], ddl_paths: [ddl/]}}
    target: {{url: "https://bot:{SECRETS[1]}@git.example.invalid/risk/databricks.git", native: [jobs/liquidity_stress.py, monitoring/]}}
    path_map: {{"s3://risk-data-lake/": {root}/lake/}}
  - name: lost
    glue: {{url: "https://ana:{SECRETS[2]}@nowhere.invalid/glue.git"}}
    target: {{url: "https://bot:{SECRETS[2]}@nowhere.invalid/t.git"}}
    catalog: lost
""")
    home = root / "home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT), "GIT_CONFIG_GLOBAL": str(config)}
    run = subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "run", "--home", str(home), "--projects-file",
                          str(registry)], cwd=root, env=env, capture_output=True, text=True, timeout=1200)
    listing = subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "projects", "--projects-file", str(registry)],
                             cwd=root, env=env, capture_output=True, text=True, timeout=120)
    return home, run, listing


def test_the_run_works_and_says_nothing_secret(credential_run):
    home, run, listing = credential_run
    assert "ok: run " in run.stdout and "succeeded" in run.stdout.split("ok: run ", 1)[1].split("lost: run ")[0], run.stdout
    assert "lost: run " in run.stdout and run.returncode == 1
    assert "https://***@nowhere.invalid/glue.git" in run.stderr + run.stdout, run.stderr
    assert "ok: https://***@git.example.invalid/risk/glue.git (main) -> https://***@git.example.invalid/risk/databricks.git" \
        in listing.stdout
    for text in (run.stdout, run.stderr, listing.stdout, listing.stderr):
        assert not [s for s in SECRETS if s in text]


def test_no_file_of_the_home_holds_a_secret(credential_run):
    """Run and event storage (what the UI shows, ``glue_url`` metadata included), logs, stage tables, both
    clones' ``.git/config``: every byte, and every value of the stage tables (Parquet may compress)."""
    home, _, _ = credential_run
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name == "config" and p.parent.name == ".git" for p in files)
    assert any(p.suffix == ".db" for p in files)
    leaks = [str(p) for p in files for s in SECRETS if s.encode() in p.read_bytes()]
    assert leaks == []
    for table in (home / "stages").iterdir():
        if (table / "_delta_log").is_dir():
            text = pl.read_delta(str(table)).write_json()
            assert not [s for s in SECRETS if s in text], table.name
