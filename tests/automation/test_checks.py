"""sync_adds_no_new_conflicts on crafted converted_code frames, in real runs with the Delta IO manager."""

import dagster as dg
import polars as pl

from g2l_core.stages.conversion import conflict_keys
from g2l_dagster.checks import NEW_CONFLICTS_CHECK, new_conflicts_result, sync_adds_no_new_conflicts
from g2l_dagster.io_manager import stage_io_manager
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths

COLUMNS = {"project": pl.String, "source_path": pl.String, "status": pl.String, "sync_action": pl.String,
           "conflict": pl.String, "detail": pl.String}


def frame(project: str, conflicts: dict[str, str | None]) -> pl.DataFrame:
    rows = [{"project": project, "source_path": path, "status": "converted",
             "sync_action": "conflict" if kind else "updated", "conflict": kind,
             "detail": f"{path} edited on Databricks" if kind else ""} for path, kind in conflicts.items()]
    return pl.DataFrame(rows, schema=COLUMNS)


def test_conflict_keys_name_path_and_kind():
    df = frame("p", {"jobs/a.py": "modified", "jobs/b.py": None, "jobs/c.py": "native"})
    assert conflict_keys(df) == ["jobs/a.py: modified", "jobs/c.py: native"]


def test_passes_when_conflicts_are_unchanged_or_resolved():
    df = frame("p", {"jobs/a.py": "modified", "jobs/b.py": None})
    same = new_conflicts_result(df, ["jobs/a.py: modified"])
    assert same.passed and same.severity == dg.AssetCheckSeverity.WARN
    fewer = new_conflicts_result(frame("p", {"jobs/a.py": None}), ["jobs/a.py: modified"])
    assert fewer.passed and fewer.metadata["resolved_since_previous"].value == 1


def test_fails_with_warning_on_a_new_conflict():
    df = frame("p", {"jobs/a.py": "modified", "jobs/b.py": "source_removed"})
    result = new_conflicts_result(df, ["jobs/a.py: modified"])
    assert not result.passed and result.severity == dg.AssetCheckSeverity.WARN
    assert result.metadata["new_conflicts"].value == 1
    assert "jobs/b.py" in result.metadata["new_conflicts_table"].value
    assert "jobs/a.py" not in result.metadata["new_conflicts_table"].value
    # A different kind of conflict on the same file is new too.
    assert not new_conflicts_result(frame("p", {"jobs/a.py": "deleted"}), ["jobs/a.py: modified"]).passed


def test_first_sync_reports_every_conflict_as_new_and_no_conflict_passes():
    assert not new_conflicts_result(frame("p", {"jobs/a.py": "native"}), None).passed
    assert new_conflicts_result(frame("p", {"jobs/a.py": None}), None).passed


def test_compares_with_the_previous_sync_of_the_same_project(tmp_path):
    """Real runs: the check compares converted_code with the project's rows before this sync wrote them."""
    crafted: dict[str, pl.DataFrame] = {}

    @dg.asset(name="converted_code", partitions_def=glue_project, metadata={"partition_expr": "project"})
    def converted_code(context: dg.AssetExecutionContext) -> pl.DataFrame:
        return crafted[context.partition_key]

    resources = {"io_manager": stage_io_manager(tmp_path), "paths": G2lPaths(home=str(tmp_path))}

    def sync(instance, project, conflicts) -> dg.AssetCheckEvaluation:
        crafted[project] = frame(project, conflicts)
        result = dg.materialize([converted_code, sync_adds_no_new_conflicts], partition_key=project,
                                instance=instance, resources=resources)
        [evaluation] = result.get_asset_check_evaluations()
        assert evaluation.check_name == NEW_CONFLICTS_CHECK and evaluation.partition == project
        return evaluation

    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["p", "q"])
        assert not sync(instance, "p", {"jobs/a.py": "modified", "jobs/b.py": None}).passed
        assert sync(instance, "p", {"jobs/a.py": "modified", "jobs/b.py": None}).passed
        # Another project's history does not count for p, and p's does not count for q.
        assert not sync(instance, "q", {"jobs/a.py": "modified"}).passed
        new = sync(instance, "p", {"jobs/a.py": "modified", "jobs/b.py": "modified"})
        assert not new.passed and new.metadata["new_conflicts"].value == 1
        assert sync(instance, "p", {"jobs/a.py": None, "jobs/b.py": "modified"}).passed
