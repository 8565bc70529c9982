"""A corrupt ``.g2l/manifest.json`` on the base branch (truncated, wrong types from a hand edit or a bad merge)
stops the sync with one message naming the file and commit, never a traceback, and writes nothing."""

import json

import pytest

from g2l_core.publish import SyncError
from tests.dagster.conftest import write_registry
from tests.dagster.test_cli import g2l
from tests.sync.conftest import run_git, sync

SHA = "0123456789abcdef0123456789abcdef01234567"
ENTRY = {"source": "jobs/a.py", "source_blob": SHA, "base_blob": SHA, "kind": "code", "fingerprint": "fp"}


@pytest.mark.parametrize("text, problem", [
    ('{"files": {"jobs/a.py": {', "not valid JSON (line 1: Expecting property name enclosed in double quotes)"),
    ("", "not valid JSON (line 1: Expecting value)"),
    ("\xff\xfe\x00", "not valid JSON"),
    ("[1, 2]", "expected a JSON object, got list"),
    ("[" * 100_000, "not valid JSON"),
    (json.dumps({"files": ["jobs/a.py"]}), "files: expected an object (path -> entry), got list"),
    (json.dumps({"files": {"jobs/a.py": "a"}}), "files['jobs/a.py']: expected an object, got str"),
    (json.dumps({"files": {"jobs/a.py": {**ENTRY, "base_blob": 7}}}), "files['jobs/a.py'].base_blob: expected a string, got int"),
    (json.dumps({"generated_commit": 12, "files": {}}), "generated_commit: expected a string, got int"),
    (json.dumps({"generated_commit": "main", "files": {}}), "generated_commit: 'main' is not a commit sha"),
    (json.dumps({"files": {}, "conflicts": {}}), "conflicts: expected a list, got dict"),
])
def test_a_corrupt_manifest_is_one_clear_error(target, text, problem):
    sync(target, {"jobs/a.py": "a = 1\n"})
    assert target.merge_sync().returncode == 0
    target.commit({".g2l/manifest.json": text}, "hand edit")
    before = target.head("g2l/sync")
    with pytest.raises(SyncError) as err:
        sync(target, {"jobs/a.py": "a = 2\n"})
    message = str(err.value)
    assert message.startswith(".g2l/manifest.json at commit ") and problem in message, message
    assert message.endswith("restore the file from an earlier commit or delete it")
    assert target.head("g2l/sync") == before


def test_g2l_sync_reports_it_in_one_line(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False)
    args = ("--home", str(tmp_path / "home"), "--projects-file", str(registry))
    first = g2l("sync", "risk_engine", *args)
    assert first.returncode == 0, first.stderr[-3000:]
    dev = tmp_path / "dev"
    run_git(tmp_path, "clone", "-q", str(tmp_path / "remotes/risk_engine/databricks.git"), str(dev))
    run_git(dev, "merge", "-q", "--no-edit", "origin/g2l/sync")
    (dev / ".g2l/manifest.json").write_text('{"files": {"jobs/compute_var.py": {"base_blob"')
    run_git(dev, "commit", "-qam", "truncated")
    run_git(dev, "push", "-q", "origin", "HEAD:main")
    again = g2l("sync", "risk_engine", *args)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert again.stderr.startswith("error: .g2l/manifest.json at commit "), again.stderr
    assert "not valid JSON (line 1" in again.stderr
