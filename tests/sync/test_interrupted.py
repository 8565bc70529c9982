"""A sync killed with SIGKILL at any step leaves both repositories as they were; the next run recovers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.sync.conftest import REPO_ROOT, actions, run_git, sync

GLUE = {f"jobs/job_{i}.py": f"run({i})\n\nlog = True\nend = {i}\n" for i in range(20)}
NEXT = {p: t.replace("run(", "run_v2(") for p, t in GLUE.items()} | {"jobs/new.py": "new = 1\n"}

# kill at the first git command of each step (the push point runs git's push, then dies before the
# local bookkeeping: the remote already holds the complete new sync branch)
STEPS = ["hash-object", "read-tree", "update-index", "write-tree", "commit-tree", "push", "after-push"]

SCRIPT = """
import json, os, signal, sys
from pathlib import Path
from g2l_core import gitrepo
from tests.sync.conftest import Target, sync

step, remote, dev, clone, glue = sys.argv[1], *map(Path, sys.argv[2:5]), json.loads(sys.argv[5])
real = gitrepo.git
def git(cwd, *args, **kw):
    if step == "after-push" and args[:1] == ("update-ref",):
        os.kill(os.getpid(), signal.SIGKILL)
    if args[:1] == (step,) or (step == "push" and args[:1] == ("push",)):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(cwd, *args, **kw)
gitrepo.git = git
sync(Target(remote, dev, clone), glue)
"""


@pytest.mark.parametrize("step", STEPS)
def test_kill_9_at_any_step(target, step):
    sync(target, GLUE)
    assert target.merge_sync().returncode == 0
    target.commit({"jobs/job_3.py": GLUE["jobs/job_3.py"] + "tuned = True\n"})
    first = sync(target, GLUE)
    before = {ref: target.head(ref) for ref in ("main", "g2l/sync")}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, step, str(target.remote), str(target.dev), str(target.clone),
                           json.dumps(NEXT)], capture_output=True, text=True, cwd=REPO_ROOT,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert proc.returncode == -9, proc.stderr
    after = {ref: target.head(ref) for ref in before}
    if step == "after-push":
        assert after["main"] == before["main"] and after["g2l/sync"] != before["g2l/sync"]
    else:
        assert after == before  # nothing visible changed on the remote
    assert first.commit == before["g2l/sync"]
    recovered = sync(target, NEXT)  # no manual step
    assert recovered.plan.counts()["conflict"] == 0
    assert actions(recovered)["jobs/job_3.py"] == ("merged", None)
    assert target.read("g2l/sync", "jobs/job_3.py") == NEXT["jobs/job_3.py"] + "tuned = True\n"
    assert not list((target.clone / ".git").glob("g2l-index-*"))
    assert run_git(target.clone, "status", "--porcelain").returncode == 0
    assert target.merge_sync().returncode == 0
