"""``converted_code`` with run config ``dry_run: true``, materialized through dagster on the sample's real git
remotes: the plan is reported and recorded, nothing reaches the target repository, nothing downstream runs."""

import dagster as dg
import polars as pl

from g2l_dagster import keys
from g2l_dagster.definitions import build_definitions
from tests.conftest import git
from tests.dagster.conftest import write_registry

DRY_RUN = {"ops": {"conversion": {"config": {"dry_run": True}}}}
SELECTION = ["glue_repo", "conversion", "databricks_jobs", "sync_history"]


def refs(remote) -> str:
    return git(remote, "for-each-ref", "--format=%(refname) %(objectname)")


def materialize(defs, instance, run_config=None):
    assets = [a for a in defs.assets if a.op.name in SELECTION] + list(defs.asset_checks)
    return dg.materialize(assets, partition_key="risk_engine", instance=instance, resources=defs.resources,
                          run_config=run_config or {}, raise_on_error=False)


def materialized(result) -> set[str]:
    return {e.asset_key.path[-1] for e in result.get_asset_materialization_events()}


def plan_of(result) -> dict:
    [observation] = [e.event_specific_data.asset_observation for e in result.all_events
                     if e.event_type == dg.DagsterEventType.ASSET_OBSERVATION]
    assert observation.asset_key == keys.CONVERTED_CODE and observation.partition == "risk_engine"
    return {k: v.value for k, v in observation.metadata.items()}


def test_dry_run_plans_writes_nothing_and_downstream_skips(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False)
    home = tmp_path / "home"
    remote = tmp_path / "remotes/risk_engine/databricks.git"
    defs = build_definitions(home, projects_file=str(registry))
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
        assert dg.materialize([a for a in defs.assets if a.op.name == "glue_repo"], partition_key="risk_engine",
                              instance=instance, resources=defs.resources).success  # seeds the remotes
        before = refs(remote)

        dry = materialize(defs, instance, DRY_RUN)
        assert dry.success
        assert refs(remote) == before and "g2l/sync" not in before  # nothing written to the target
        assert materialized(dry) == {"glue_repo"}
        skipped = {e.step_key for e in dry.all_events if e.event_type == dg.DagsterEventType.STEP_SKIPPED}
        assert {"databricks_jobs", "sync_history"} < skipped
        assert dry.get_asset_check_evaluations() == []  # the checks judge published code only
        assert not (home / "stages/converted_code").exists()
        plan = plan_of(dry)
        assert plan["dry_run"] is True and plan["planned_conflict"] == 0
        assert plan["planned_added"] > 10 and plan["files_to_convert_this_run"] > 5
        assert "| jobs/compute_var.py | added |" in plan["plan"]
        assert "jobs/liquidity_stress.py" not in plan["plan"]  # native: never planned
        history = pl.read_delta(str(home / "stages/sync_history"))
        assert history.select("sync_id", "dry_run", "sync_commit", "added").rows() == [
            (plan["sync_id"], True, None, plan["planned_added"])]

        real = materialize(defs, instance)
        assert real.success
        assert materialized(real) == {"glue_repo", "converted_code", "conversion_decisions", "databricks_jobs",
                                      "sync_history"}
        assert git(remote, "rev-parse", "g2l/sync")
        checks = {e.check_name: (e.passed, e.partition) for e in real.get_asset_check_evaluations()}
        assert checks["no_unflagged_glue_residue"] == (True, "risk_engine")
        code = pl.read_delta(str(home / "stages/converted_code"))
        for path, action in zip(code["source_path"], code["sync_action"]):
            assert f"| {path} | {action} |" in plan["plan"]  # the dry run planned what the run did
        history = pl.read_delta(str(home / "stages/sync_history")).sort("started")
        assert history["dry_run"].to_list() == [True, False]
        assert history["sync_id"][0] == plan["sync_id"]

        head = git(remote, "rev-parse", "g2l/sync")
        again = materialize(defs, instance, DRY_RUN)
        assert again.success and git(remote, "rev-parse", "g2l/sync") == head
        replan = plan_of(again)
        # main has not merged the sync branch: the same files (now with the jobs bundle) are still to be added
        assert replan["planned_added"] == history["added"][1] > plan["planned_added"]
        assert replan["files_to_convert_this_run"] == 0  # the published output is reused
        assert pl.read_delta(str(home / "stages/sync_history"))["dry_run"].to_list().count(True) == 2
