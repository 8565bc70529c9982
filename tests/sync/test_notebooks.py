"""Converted notebooks under the sync rules: a g2l-owned file, merged line by line with edits on the base
branch, never written when that merge breaks its JSON, native by ``# g2l: native`` in its first cell."""

from __future__ import annotations

import json

from g2l_core.sync import FileState, plan_sync
from tests.sync.conftest import actions, sync


def notebook(*sources: str) -> str:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": s.splitlines(keepends=True)} for s in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


CELLS = [f"step{i} = {i}\nprint(step{i})" for i in range(1, 8)]


def with_cell(i: int, text: str) -> str:
    cells = list(CELLS)
    cells[i] = text
    return notebook(*cells)


def test_edits_in_other_cells_merge_and_the_notebook_stays_valid(target):
    sync(target, {"jobs/orders.ipynb": notebook(*CELLS)})
    assert target.merge_sync().returncode == 0
    target.commit({"jobs/orders.ipynb": with_cell(6, "step7 = 70\nprint(step7)")})
    glue = with_cell(0, "step1 = 10\nprint(step1)")
    assert actions(sync(target, {"jobs/orders.ipynb": glue})) == {"jobs/orders.ipynb": ("merged", None)}
    merged = json.loads(target.read("g2l/sync", "jobs/orders.ipynb"))
    assert ["".join(c["source"]) for c in merged["cells"]] == [
        "step1 = 10\nprint(step1)", *CELLS[1:6], "step7 = 70\nprint(step7)"]


def test_a_line_merge_that_breaks_the_json_is_a_conflict_and_nothing_is_written():
    base = notebook(*CELLS)
    ours = base.replace(' "nbformat": 4,\n', ' "nbformat": 4\n')  # a hand edit on main left a stray comma
    theirs = with_cell(0, "step1 = 10\nprint(step1)")
    plan = plan_sync([FileState("jobs/orders.ipynb", base, ours, theirs, "jobs/orders.ipynb")])
    [outcome] = plan.outcomes
    assert (outcome.action, outcome.conflict) == ("conflict", "overlap") and "no longer valid JSON" in outcome.detail
    assert plan.writes == {}
    same = plan_sync([FileState("jobs/orders.py", "a\nb\nc\n", "a\nb\nC\n", "A\nb\nc\n", "jobs/orders.py")])
    assert [o.action for o in same.outcomes] == ["merged"]  # a .py file merges as it always did


def test_native_marker_in_the_first_cell_keeps_the_notebook_off_limits(target):
    native = notebook("# g2l: native\nspark.range(1).show()")
    target.commit({"jobs/orders.ipynb": native})
    assert actions(sync(target, {"jobs/orders.ipynb": notebook(*CELLS)})) == {"jobs/orders.ipynb": ("conflict", "native")}
    assert target.read("g2l/sync", "jobs/orders.ipynb") == native
