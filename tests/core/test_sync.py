"""The protection rules of the target repository, table-driven on contents (no I/O)."""

import pytest

from g2l_core.sync import GeneratedFile, content_sha, insert_regions, plan_sync, split_regions

NEW = "import x\n\ndef job():\n    run()\n"
OLD = "import x\n\ndef job():\n    old()\n"
REGION = "# g2l: protect begin alerts\nnotify()\n# g2l: protect end\n"


def entry(text, kind="code"):
    return {"source": "jobs/a.py", "source_blob": "b0", "kind": kind, "fingerprint": "f", "output_sha": content_sha(split_regions(text)[0])}


def gen(content=NEW, path="jobs/a.py"):
    return GeneratedFile(path, path, "b1", content, "code", "f")


@pytest.mark.parametrize("name, current, manifest, native, action, conflict, written", [
    ("new file is created", None, {}, (), "created", None, NEW),
    ("untouched g2l file is updated", OLD, {"jobs/a.py": entry(OLD)}, (), "updated", None, NEW),
    ("same output is unchanged", NEW, {"jobs/a.py": entry(NEW)}, (), "unchanged", None, None),
    ("edited on Databricks is a conflict", OLD + "extra()\n", {"jobs/a.py": entry(OLD)}, (), "conflict", "modified", None),
    ("file g2l never wrote is a conflict", OLD, {}, (), "conflict", "unowned", None),
    ("native path is never written", None, {}, ("jobs/a.py",), "conflict", "native", None),
    ("native folder glob", OLD, {"jobs/a.py": entry(OLD)}, ("jobs/",), "conflict", "native", None),
    ("deleted on Databricks is not recreated", None, {"jobs/a.py": entry(OLD)}, (), "conflict", "deleted", None),
])
def test_plan_decisions(name, current, manifest, native, action, conflict, written):
    plan = plan_sync([gen()], {"jobs/a.py": current}, manifest, native, kind="code")
    [outcome] = plan.outcomes
    assert (outcome.action, outcome.conflict) == (action, conflict), name
    assert plan.writes.get("jobs/a.py") == written
    if conflict:
        assert plan.manifest.get("jobs/a.py") == manifest.get("jobs/a.py")  # conflicts leave the record alone


def test_protected_region_survives_reconversion():
    current = "import x\n" + REGION + "\ndef job():\n    old()\n"
    plan = plan_sync([gen()], {"jobs/a.py": current}, {"jobs/a.py": entry(current)}, kind="code")
    assert plan.outcomes[0].action == "updated"
    assert plan.writes["jobs/a.py"] == "import x\n" + REGION + "\ndef job():\n    run()\n"
    # the manifest hash ignores the region, so a later edit inside it is not a conflict
    edited = plan.writes["jobs/a.py"].replace("notify()", "notify(channel='risk')")
    again = plan_sync([gen()], {"jobs/a.py": edited}, plan.manifest, kind="code")
    assert again.outcomes[0].action == "unchanged" and "jobs/a.py" not in again.writes


def test_region_whose_anchor_disappears_is_a_conflict():
    current = "import y\n" + REGION + "def job():\n    old()\n"
    plan = plan_sync([gen()], {"jobs/a.py": current}, {"jobs/a.py": entry(current)}, kind="code")
    assert (plan.outcomes[0].action, plan.outcomes[0].conflict) == ("conflict", "region_anchor")
    assert plan.writes == {}


def test_removed_source_deletes_only_untouched_output():
    manifest = {"jobs/a.py": entry(OLD), "jobs/b.py": entry(OLD) | {"source": "jobs/b.py"}, "uc/t.sql": entry(OLD, "ddl")}
    current = {"jobs/a.py": OLD, "jobs/b.py": OLD + "# tuned on Databricks\n", "uc/t.sql": OLD}
    plan = plan_sync([], current, manifest, kind="code")
    actions = {o.path: (o.action, o.conflict) for o in plan.outcomes}
    assert actions == {"jobs/a.py": ("removed", None), "jobs/b.py": ("conflict", "source_removed")}
    assert plan.deletes == ["jobs/a.py"]
    assert "uc/t.sql" in plan.manifest  # other kinds are not touched


def test_split_and_insert_round_trip():
    text = "a\n" + REGION + "b\n"
    stripped, regions = split_regions(text)
    assert stripped == "a\nb\n"
    assert insert_regions(stripped, regions) == (text, [])
