import dagster as dg

from g2l_dagster.resources import G2lPaths
from g2l_dagster.sensors import projects_sensor
from tests.dagster.conftest import write_registry


def evaluate(instance, registry, home):
    # Entered and exited: see tests/automation/test_commit_sensor.py.
    with dg.build_sensor_context(instance=instance, resources={"paths": G2lPaths(home=str(home), projects_file=str(registry))}) as ctx:
        return projects_sensor(ctx)


def test_projects_sensor_adds_and_removes_partitions(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", names=("a", "b"))
    with dg.instance_for_test() as instance:
        result = evaluate(instance, registry, tmp_path)
        [add] = result.dynamic_partitions_requests
        assert isinstance(add, dg.AddDynamicPartitionsRequest) and add.partition_keys == ["a", "b"]
        instance.add_dynamic_partitions("glue_project", ["a", "b", "old"])
        write_registry(registry, tmp_path / "remotes", names=("b", "c"))
        result = evaluate(instance, registry, tmp_path)
        kinds = {type(r).__name__: r.partition_keys for r in result.dynamic_partitions_requests}
        assert kinds == {"AddDynamicPartitionsRequest": ["c"], "DeleteDynamicPartitionsRequest": ["a", "old"]}


def test_projects_sensor_skips_when_in_step_or_registry_broken(tmp_path):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", names=("a",))
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["a"])
        assert "already match" in evaluate(instance, registry, tmp_path).skip_message
        registry.write_text("projects: [1]\n")
        skip = evaluate(instance, registry, tmp_path)
        assert "projects.yaml: projects[0]: expected a mapping" in skip.skip_message
        assert instance.get_dynamic_partitions("glue_project") == ["a"]


def test_progress_is_requested_after_runs_that_did_not_recompute_it():
    from g2l_dagster.sensors import progress_request

    def run(job: str) -> dg.DagsterRun:
        return dg.DagsterRun(job_name=job, run_id="0123456789abcdef")

    assert isinstance(progress_request(run("g2l_pipeline"), succeeded=True), dg.SkipReason)
    assert isinstance(progress_request(run("g2l_progress"), succeeded=False), dg.SkipReason)
    failed = progress_request(run("g2l_pipeline"), succeeded=False)  # its own progress step was skipped
    adhoc = progress_request(run("__ASSET_JOB"), succeeded=True)  # materialized from the asset graph
    assert isinstance(failed, dg.RunRequest) and isinstance(adhoc, dg.RunRequest)
    assert failed.run_key == "progress-after:0123456789abcdef"
