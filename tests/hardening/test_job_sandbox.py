"""Runtime validation runs code from a Glue repository: it sees no credentials, writes nothing outside its
folders, and leaves no process or scratch folder behind."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from g2l_core.engine import start_sail
from g2l_core.job_runner import job_environment, run_job, scratch_dir
from g2l_core.reference_data import extract_reference_data, inside
from g2l_core.validation.runtime import validate_runtime
from tests.conftest import REPO_ROOT
from tests.validation.conftest import commit_tree, project_for, sample_copy

SECRETS = {"DATABRICKS_TOKEN": "dapi-g2l-own", "G2L_TEST_DATABRICKS_TOKEN": "dapi-other-project",
           "AWS_SECRET_ACCESS_KEY": "aws-secret", "PAYMENTS_DB_PASSWORD": "hunter2"}
GONE_WITHIN_S = 60


def test_job_environment_passes_only_what_jobs_need(tmp_path):
    environ = {"PATH": "/usr/bin", "JAVA_HOME": "/opt/java", "HOME": "/root", "G2L_JOB_ENV": "RISK_REGION, FX_FEED",
               "RISK_REGION": "eu", "FX_FEED": "ecb", **SECRETS}
    env = job_environment(environ, tmp_path, {"SPARK_REMOTE": "sc://localhost:1"})
    assert env == {"PATH": "/usr/bin", "JAVA_HOME": "/opt/java", "RISK_REGION": "eu", "FX_FEED": "ecb",
                   "HOME": str(tmp_path), "TMPDIR": str(tmp_path), "SPARK_REMOTE": "sc://localhost:1"}


@pytest.fixture(scope="module")
def sail():
    server, url = start_sail()
    yield url
    server.stop()


def plan_for(tmp_path: Path, script: str) -> tuple[dict, Path]:
    code = tmp_path / "code"
    code.mkdir()
    (code / "job.py").write_text(script)
    (tmp_path / "ddl.pickle").write_bytes(b"\x80\x04]\x94.")  # pickle of []
    plan = {"job": "job.py", "script": str(code / "job.py"), "argv": [], "cwd": str(code), "sys_path": [],
            "tables": {}, "lake": [], "ddl": str(tmp_path / "ddl.pickle"), "warehouse": str(tmp_path / "wh"),
            "record": str(tmp_path / "record.json")}
    return plan, tmp_path / "job.plan.json"


def test_a_job_sees_no_credentials(tmp_path, monkeypatch, sail):
    for k, v in SECRETS.items():
        monkeypatch.setenv(k, v)
    plan, path = plan_for(tmp_path, "import json, os\nopen('env.json', 'w').write(json.dumps(dict(os.environ)))\n")
    run = run_job(plan, path, sail, timeout=120)
    assert run.ok, run.stderr_tail
    seen = json.loads((tmp_path / "code" / "env.json").read_text())
    assert not set(SECRETS) & set(seen)
    assert not any(v in json.dumps(seen) for v in SECRETS.values())
    assert seen["HOME"] != os.environ.get("HOME") and Path(seen["HOME"]).is_relative_to(tmp_path)
    assert seen["PATH"] == os.environ["PATH"]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:  # a zombie is gone too: it only waits for its reaper
        return f.read().split(") ", 1)[1].startswith("Z")


def wait_gone(pids, timeout=GONE_WITHIN_S) -> list[int]:
    deadline = time.monotonic() + timeout
    while (alive := [p for p in pids if not gone(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


SPAWNS = """import os, subprocess, time
child = subprocess.Popen(["sleep", "300"])
open("pids", "w").write(f"{os.getpid()} {child.pid}")
time.sleep(300)
"""


def test_a_timed_out_job_takes_its_children_with_it(tmp_path, sail):
    plan, path = plan_for(tmp_path, SPAWNS)
    run = run_job(plan, path, sail, timeout=8)
    assert run.returncode is None
    pids = [int(p) for p in (tmp_path / "code" / "pids").read_text().split()]
    assert wait_gone(pids, timeout=10) == []


PARENT = """import sys
from pathlib import Path
from g2l_core.job_runner import run_job
plan = {"job": "job.py", "script": sys.argv[1] + "/code/job.py", "argv": [], "cwd": sys.argv[1] + "/code",
        "sys_path": [], "tables": {}, "lake": [], "ddl": sys.argv[1] + "/ddl.pickle", "warehouse": sys.argv[1] + "/wh",
        "record": sys.argv[1] + "/record.json"}
run_job(plan, Path(sys.argv[1]) / "job.plan.json", sys.argv[2], timeout=600)
"""


def test_no_job_outlives_a_killed_parent(tmp_path, sail):
    plan_for(tmp_path, SPAWNS)
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path), sail], cwd=REPO_ROOT,
                              env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    pid_file = tmp_path / "code" / "pids"
    deadline = time.monotonic() + 120
    while not (pid_file.is_file() and len(pid_file.read_text().split()) == 2):
        assert parent.poll() is None and time.monotonic() < deadline, "the job never started"
        time.sleep(0.2)
    pids = [int(p) for p in pid_file.read_text().split()]
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    assert wait_gone(pids) == [], f"job processes {pids} outlived their parent"


def test_scratch_folders_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    left = tmp_path / f"g2l-validate-{dead_pid}-abc"
    (left / "runs").mkdir(parents=True)
    live = tmp_path / f"g2l-validate-{os.getppid()}-def"
    live.mkdir()
    foreign = tmp_path / "g2l-validate-unknown"
    foreign.mkdir()
    new = scratch_dir(tmp_path)
    assert new.name.startswith(f"g2l-validate-{os.getpid()}-") and new.is_dir()
    assert not left.exists() and live.is_dir() and foreign.is_dir()


@pytest.mark.parametrize("relative,expected", [
    ("raw/trades/part-0.csv", "raw/trades/part-0.csv"), ("a/./b", "a/b"), ("../escape.txt", None),
    ("raw/../../escape.txt", None), ("/etc/passwd", None), ("", None), (".", None), ("raw\\..\\..\\x", None)])
def test_inside(tmp_path, relative, expected):
    got = inside(tmp_path, relative)
    assert got == (tmp_path.resolve() / expected if expected else None)


def git(repo: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, text=True,
                          check=True).stdout.strip()


def with_climbing_entry(repo: Path) -> str:
    """A commit whose ``data/`` tree has an entry named ``..`` holding ``escape.txt`` (git accepts such a tree
    from ``mktree``; a hostile repository can carry it)."""
    blob = git(repo, "hash-object", "-w", "--stdin", stdin="pwned\n")
    evil = git(repo, "mktree", stdin=f"100644 blob {blob}\tescape.txt\n")
    data = git(repo, "mktree", stdin=git(repo, "ls-tree", "HEAD:data") + f"\n040000 tree {evil}\t..\n")
    root = "\n".join(line if not line.endswith("\tdata") else f"040000 tree {data}\tdata"
                     for line in git(repo, "ls-tree", "HEAD").splitlines())
    tree = git(repo, "mktree", stdin=root + "\n")
    commit = git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit-tree", tree, "-p", "HEAD",
                 "-m", "climb")
    git(repo, "update-ref", "refs/heads/main", commit)
    return commit


def test_reference_entries_that_climb_out_are_skipped_and_reported(tmp_path):
    repo = sample_copy(tmp_path / "glue")
    commit_tree(repo)
    commit = with_climbing_entry(repo)
    dest = tmp_path / "scratch" / "reference"
    skipped: list[str] = []
    count = extract_reference_data(repo, commit, "data/", dest, skipped)
    assert skipped == ["data/../escape.txt"] and count > 0
    assert not (tmp_path / "scratch" / "escape.txt").exists() and not list(tmp_path.rglob("escape.txt"))

    project = project_for(repo, '{reference_data: data/, lake_roots: {"s3://risk-data-lake/": "", '
                                '"s3://risk-landing/": landing/}, params: {business_date: 2024-03-28}, '
                                "timeout_seconds: 120, jobs: [jobs/compute_var.py]}")
    result = validate_runtime(project, repo, commit)
    problems = [(p, c.check, c.severity) for p, c in result.problems]
    assert ("data/../escape.txt", "reference_entry", "warning") in problems
    [job] = result.jobs
    assert job.checks and all(c.passed for c in job.checks if c.severity == "critical"), job
    assert not list(tmp_path.rglob("escape.txt"))
