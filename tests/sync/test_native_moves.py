"""Databricks-native files are never written, renamed or deleted, whichever way a Glue change reaches them:
a new Glue file on a native path, a Glue rename onto or away from a native file, a deleted Glue source."""

from __future__ import annotations

import pytest

from tests.sync.conftest import actions, run_git, sync
from tests.sync.test_scenarios import glue_rename, glue_repo

OWNED = "# g2l: native\nowned_by = 'databricks'\n"


def test_new_glue_file_on_a_native_glob_is_a_conflict_and_not_written(target):
    published = sync(target, {"jobs/a.py": "a\n", "notebooks/report.py": "glue()\n"}, native=("notebooks/",))
    assert actions(published) == {"jobs/a.py": ("added", None), "notebooks/report.py": ("conflict", "native")}
    assert "notebooks/report.py" not in target.files("g2l/sync")


@pytest.mark.parametrize("native_side", ["old", "new"])
def test_glue_rename_never_moves_or_overwrites_a_native_file(tmp_path, target, native_side):
    first = glue_repo(tmp_path, {"jobs/a.py": "a = 1\n"})
    sync(target, {"jobs/a.py": "a = 1\n"}, glue_dir=tmp_path / "glue", glue_commit=first)
    assert target.merge_sync().returncode == 0
    native = {"old": {"jobs/a.py": OWNED}, "new": {"jobs/orders.py": OWNED}}[native_side]
    target.commit(native)
    main_before = target.files("main")
    second = glue_rename(tmp_path, "jobs/a.py", "jobs/orders.py")
    published = sync(target, {"jobs/orders.py": "a = 1\n"}, glue_dir=tmp_path / "glue", glue_commit=second)
    assert actions(published) == {"jobs/a.py": ("conflict", "native")}
    files = target.files("g2l/sync")
    assert {p: files.get(p) for p in ("jobs/a.py", "jobs/orders.py")} == {
        p: main_before.get(p) for p in ("jobs/a.py", "jobs/orders.py")}
    assert target.merge_sync().returncode == 0


def test_deleted_glue_source_of_a_native_file_leaves_it_in_place(tmp_path, target):
    sync(target, {"jobs/a.py": "a = 1\n", "jobs/b.py": "b = 1\n"})
    assert target.merge_sync().returncode == 0
    target.commit({"jobs/b.py": OWNED})
    published = sync(target, {"jobs/a.py": "a = 1\n"})
    assert actions(published)["jobs/b.py"] == ("orphaned", None)
    assert target.read("g2l/sync", "jobs/b.py") == OWNED
    assert run_git(target.remote, "diff", "--quiet", "main", "g2l/sync", "--", "jobs/b.py", check=False).returncode == 0
