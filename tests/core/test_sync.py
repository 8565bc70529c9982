"""The sync plan, table-driven on contents (no I/O): one row per rule."""

import pytest

from g2l_core.merge import merge_file, split_regions
from g2l_core.sync import FileState, plan_sync

BASE = "import x\n\ndef job():\n    step(1)\n    step(2)\n    step(3)\n    step(4)\n"
GLUE = BASE.replace("step(1)", "step_v2(1)")
DBX = BASE.replace("step(4)", "step(4, tuned=True)")
BOTH = GLUE.replace("step(4)", "step(4, tuned=True)")
CLASH = BASE.replace("step(1)", "step(1, tuned=True)")
REGION = "# g2l: protect begin alerts\nnotify()\n# g2l: protect end\n"


@pytest.mark.parametrize("name, base, ours, theirs, native, action, conflict, written", [
    ("new Glue file", None, None, GLUE, (), "added", None, GLUE),
    ("untouched file takes the Glue change", BASE, BASE, GLUE, (), "updated", None, GLUE),
    ("Glue unchanged keeps the base branch", BASE, DBX, BASE, (), "unchanged", None, None),
    ("both changed apart: merged", BASE, DBX, GLUE, (), "merged", None, BOTH),
    ("both changed the same line: conflict", BASE, CLASH, GLUE, (), "conflict", "overlap", None),
    ("same change on both sides", BASE, GLUE, GLUE, (), "unchanged", None, None),
    ("main already has the path", None, DBX, GLUE, (), "conflict", "exists", None),
    ("main already has the same text", None, GLUE, GLUE, (), "unchanged", None, None),
    ("deleted on main, Glue unchanged", BASE, None, BASE, (), "unchanged", None, None),
    ("deleted on main, Glue changed", BASE, None, GLUE, (), "conflict", "deleted", None),
    ("native glob", BASE, BASE, GLUE, ("jobs/",), "conflict", "native", None),
    ("native marker", BASE, "# g2l: native\n" + BASE, GLUE, (), "conflict", "native", None),
    ("native path never created", None, None, GLUE, ("jobs/*.py",), "conflict", "native", None),
    ("Glue source deleted", BASE, DBX, None, (), "orphaned", None, None),
    ("region kept, Glue merged around it", BASE, BASE.replace("def job", REGION + "def job"), GLUE, (),
     "protected", None, GLUE.replace("def job", REGION + "def job")),
])
def test_plan(name, base, ours, theirs, native, action, conflict, written):
    plan = plan_sync([FileState("jobs/a.py", base, ours, theirs)], native)
    [outcome] = plan.outcomes
    assert (outcome.action, outcome.conflict) == (action, conflict), name
    assert plan.writes.get("jobs/a.py") == written, name
    assert outcome.settled == (action not in ("conflict", "orphaned")), name


def test_nothing_to_report_for_a_file_gone_on_both_sides():
    assert plan_sync([FileState("jobs/a.py", BASE, None, None)]).outcomes == []


@pytest.mark.parametrize("name, old_ours, new_ours, action, conflict", [
    ("untouched: moved", BASE, None, "renamed", None),
    ("edited on main: stays", DBX, None, "conflict", "renamed"),
    ("new path taken on main", BASE, "mine\n", "conflict", "exists"),
    ("moved by hand on main with edits: merged there", None, DBX, "merged", None),
    ("deleted on main", None, None, "conflict", "deleted"),
])
def test_rename(name, old_ours, new_ours, action, conflict):
    plan = plan_sync([FileState("jobs/a.py", BASE, old_ours, None),
                      FileState("jobs/b.py", None, new_ours, GLUE, renamed_from="jobs/a.py")])
    [outcome] = plan.outcomes
    assert (outcome.action, outcome.conflict) == (action, conflict), name
    moved = action == "renamed"
    assert plan.deletes == (["jobs/a.py"] if moved else [])
    assert ("jobs/b.py" in plan.writes) == (action in ("renamed", "merged"))


@pytest.mark.parametrize("name, ours, theirs, merged", [
    ("region after a blank line stays after it, not in the docstring",
     '"""Doc."""\n\nimport x\n\n' + REGION + "run(1)\n", '"""Doc."""\n\nimport x\n\nrun(2)\n',
     '"""Doc."""\n\nimport x\n\n' + REGION + "run(2)\n"),
    ("region at the top of the file", REGION + "a\nb\n", "a\nB\n", REGION + "a\nB\n"),
    ("region at the end without a newline", "a\nb\n" + REGION.rstrip("\n"), "A\nb\n", "A\nb\n" + REGION.rstrip("\n")),
    ("unterminated region protects to the end", "a\nb\n# g2l: protect begin x\nc\n", "A\nb\n",
     "A\nb\n# g2l: protect begin x\nc\n"),
    ("two regions in one gap keep their order", "a\n" + REGION + REGION.replace("alerts", "two") + "b\nc\n",
     "a\nb\nC\n", "a\n" + REGION + REGION.replace("alerts", "two") + "b\nC\n"),
])
def test_regions_are_placed_by_the_merge(name, ours, theirs, merged):
    base = "".join(split_regions(ours)[0])
    assert merge_file(base, ours, theirs).text == merged, name


def test_region_whose_neighbours_changed_has_no_place():
    ours = "a\nb\n" + REGION + "c\nd\n"
    result = merge_file("a\nb\nc\nd\n", ours, "a\nB\nC\nd\n")
    assert (result.text, result.problem) == (None, "region_anchor")
    assert result.hunks[0].ours == REGION


def test_conflict_hunks_hold_both_sides_and_no_markers_escape():
    result = merge_file("a\nb\nc\n", "a\nours\nc\n", "a\ntheirs\nc\n")
    assert result.text is None and [(h.ours, h.base, h.theirs) for h in result.hunks] == [("ours\n", "b\n", "theirs\n")]
    # a file that itself holds git's usual marker lines merges as plain text
    text = "x\n<<<<<<< HEAD\ny\n=======\nz\n"
    assert merge_file(text, text + "w\n", "v\n" + text).text == "v\n" + text + "w\n"
