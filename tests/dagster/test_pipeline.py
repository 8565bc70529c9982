"""The whole path, for real: seeded git remotes, libcst, sqlglot, a pysail session, Delta tables."""

import polars as pl
import pytest

import dagster as dg
from g2l_core import gitrepo
from g2l_core.config import ConfigError
from g2l_dagster.definitions import build_definitions
from tests.conftest import git

STAGES = ["glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
          "validation_results", "schema_drift"]


def run_pipeline(home, registry, instance, partition="risk_engine"):
    defs = build_definitions(home, projects_file=str(registry))
    job = defs.resolve_job_def("g2l_pipeline")
    return job.execute_in_process(partition_key=partition, instance=instance, raise_on_error=False)


def stage(home, asset, project="risk_engine"):
    return pl.read_delta(str(home / "stages" / asset)).filter(pl.col("project") == project)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One full materialization shared by the assertions below (it is the expensive part)."""
    from tests.dagster.conftest import write_registry

    root = tmp_path_factory.mktemp("pipeline")
    home = root / "home"
    home.mkdir()
    registry = write_registry(root / "projects.yaml", root / "remotes", names=("risk_engine", "second"))
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine", "second"])
        defs = build_definitions(home, projects_file=str(registry))
        assets = [a for a in defs.assets]
        result = dg.materialize(assets, partition_key="risk_engine", instance=instance,
                                resources=defs.resources, raise_on_error=False)
        yield home, registry, instance, result


def test_all_stages_materialize_with_rows(first_run):
    home, _, _, result = first_run
    failures = [e.message for e in result.all_events if e.is_failure]
    assert result.success, failures
    for asset in STAGES:
        assert stage(home, asset).height > 0, asset
    files = stage(home, "glue_repo")
    assert files.filter(pl.col("role") == "code").height >= 10
    entities = stage(home, "source_entities")
    jobs = entities.filter((pl.col("entity_type") == "job") & (pl.col("source_type") == "glue"))
    assert jobs.height >= 6
    code = stage(home, "converted_code")
    assert set(code["status"]) <= {"converted", "flagged"}
    assert code.filter(pl.col("status") == "flagged")["source_path"].to_list() == \
        code.filter(pl.col("flagged") > 0)["source_path"].to_list()
    assert code["needs_human"].to_list() == (code["status"] == "flagged").to_list()
    assert code.filter(pl.col("flagged") > 0)["review_notes"].str.starts_with("line ").all()
    assert code["diff"].str.contains(r"^git diff \S+ \S+ -- ").all()
    assert code.filter(pl.col("residue") > 0).height == 0
    ddl = stage(home, "uc_ddl")
    tables = ddl.filter(pl.col("table_kind").is_in(["managed", "external"]))
    assert tables.height >= 10 and tables["applied"].all()
    assert (home / "warehouse" / "main" / "risk_raw" / "trades" / "_delta_log").is_dir()
    validation = stage(home, "validation_results")
    assert validation.filter(~pl.col("passed") & (pl.col("severity") == "critical")).height == 0
    runs = validation.filter(pl.col("check") == "runs")
    assert runs.height == 7 and runs["passed"].all()  # every converted job ran on the reference data
    compared = validation.filter(pl.col("check").str.starts_with("output:") & pl.col("message").str.contains("matches"))
    assert compared.height >= 6
    drift = stage(home, "schema_drift")
    assert drift.filter(~pl.col("resolved") & (pl.col("severity") == "critical")).height == 0


def test_converted_code_is_on_the_sync_branch_and_native_files_untouched(first_run):
    home, registry, _, _ = first_run
    target_remote = registry.parent / "remotes" / "risk_engine" / "databricks.git"
    sync_head = gitrepo.remote_head(str(target_remote), "g2l/sync")
    files = set(git(target_remote, "ls-tree", "-r", "--name-only", sync_head).splitlines())
    assert {"jobs/compute_var.py", "uc_ddl/risk_raw/trades.sql", ".g2l/manifest.json"} <= files
    native = git(target_remote, "show", f"{sync_head}:jobs/liquidity_stress.py")
    main_native = git(target_remote, "show", "main:jobs/liquidity_stress.py")
    assert native == main_native
    converted = git(target_remote, "show", f"{sync_head}:jobs/compute_var.py")
    assert "awsglue" not in converted and "GlueContext" not in converted
    history = stage(home, "sync_history")
    assert history["sync_commit"].to_list()[-1] == sync_head and not history["dry_run"].to_list()[-1]
    assert history["added"].to_list()[-1] == len(files - {".g2l/manifest.json"}) - len(
        git(target_remote, "ls-tree", "-r", "--name-only", "main").splitlines())


def test_rematerializing_replaces_rows_and_other_partitions_stay(first_run):
    home, registry, instance, _ = first_run
    before = {a: stage(home, a).height for a in STAGES}
    code_before = stage(home, "converted_code")
    assert run_pipeline(home, registry, instance, "second").success
    remote = registry.parent / "remotes" / "risk_engine" / "databricks.git"
    head_before = git(remote, "rev-parse", "g2l/sync")
    assert run_pipeline(home, registry, instance, "risk_engine").success
    after = {a: stage(home, a).height for a in STAGES}
    assert after == before
    assert stage(home, "source_entities", "second").height == before["source_entities"]
    # the second run of an unchanged commit converts nothing again and commits nothing new: the sync branch
    # still stands for the same plan against main (not merged yet, so its files are still "added")
    code = stage(home, "converted_code")
    assert git(remote, "rev-parse", "g2l/sync") == head_before
    assert code.select("source_path", "sync_action").sort("source_path").equals(
        code_before.select("source_path", "sync_action").sort("source_path"))
    assert set(code["sync_action"]) == {"added"}
    assert set(code["status"]) <= {"unchanged", "flagged"} and "unchanged" in set(code["status"])


def test_broken_registry_fails_the_run_with_the_key_named(first_run, tmp_path):
    home, _, instance, _ = first_run
    bad = tmp_path / "bad.yaml"
    bad.write_text("projects:\n  - name: risk_engine\n    glue: {branch: main}\n    target: {url: x}\n")
    result = run_pipeline(home, bad, instance)
    assert not result.success
    messages = []
    for event in result.all_events:
        error = event.event_specific_data.error if event.is_step_failure else None
        while error is not None:
            messages.append(error.message)
            error = error.cause
    messages = " ".join(messages)
    assert "bad.yaml: projects[0] (risk_engine).glue.url: is required" in messages
    with pytest.raises(ConfigError):
        build_definitions(home, projects_file=str(bad)).resources["paths"].registry()
