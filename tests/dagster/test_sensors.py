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
