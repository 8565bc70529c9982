"""glue_commit_sensor against real git repositories: one run per moved branch, none otherwise."""

from __future__ import annotations

import json
import shutil

import dagster as dg
import pytest

from g2l_core.config import ConfigError
from g2l_dagster.jobs import g2l_pipeline
from g2l_dagster.resources import G2lPaths, GitResource
from g2l_dagster.sensors import env_int, glue_commit_sensor, read_cursor
from tests.automation.conftest import write_projects
from tests.conftest import REPO_ROOT, git, make_git_repo


def evaluate(instance, registry, home, cursor=None):
    # Entered and exited: a context left open resets dagster's current-instance state whenever it is
    # garbage collected, which breaks whichever test is running at that moment.
    with dg.build_sensor_context(
        instance=instance, cursor=cursor,
        resources={"paths": G2lPaths(home=str(home), projects_file=str(registry)),
                   "git": GitResource(ls_remote_timeout_s=10)},
    ) as ctx:
        return glue_commit_sensor(ctx)


def head(repo) -> str:
    return git(repo, "rev-parse", "HEAD")


def test_first_tick_requests_one_run_per_project_and_adds_partitions(tmp_path, glue_remotes):
    registry, repos = glue_remotes("alpha", "beta")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha"])
        result = evaluate(instance, registry, tmp_path)
        assert [(r.partition_key, r.run_key) for r in result.run_requests] == [
            ("alpha", f"alpha:{head(repos['alpha'])}"), ("beta", f"beta:{head(repos['beta'])}")]
        assert result.run_requests[1].tags["g2l/glue_commit"] == head(repos["beta"])
        assert result.run_requests[1].tags["g2l/project"] == "beta"
        [add] = result.dynamic_partitions_requests
        assert add.partition_keys == ["beta"]
        assert json.loads(result.cursor) == {n: head(p) for n, p in repos.items()}


def test_new_commit_requests_exactly_one_run_for_that_partition(tmp_path, glue_remotes):
    registry, repos = glue_remotes("alpha", "beta")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha", "beta"])
        first = evaluate(instance, registry, tmp_path)
        new_sha = make_git_repo(repos["beta"], {"jobs/job.py": "# beta v2\n"}, message="change")
        second = evaluate(instance, registry, tmp_path, cursor=first.cursor)
        [run] = second.run_requests
        assert run.partition_key == "beta" and run.run_key == f"beta:{new_sha}"
        assert second.dynamic_partitions_requests == []
        assert json.loads(second.cursor)["beta"] == new_sha
        assert json.loads(second.cursor)["alpha"] == head(repos["alpha"])


def test_same_commit_requests_nothing(tmp_path, glue_remotes):
    registry, _ = glue_remotes("alpha")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha"])
        first = evaluate(instance, registry, tmp_path)
        again = evaluate(instance, registry, tmp_path, cursor=first.cursor)
        assert again.run_requests == []
        assert "no Glue branch moved (1 remotes checked)" in again.skip_reason.skip_message
        assert again.cursor == first.cursor


def test_broken_remote_is_logged_and_the_others_still_checked(tmp_path, glue_remotes, capfd):
    registry, repos = glue_remotes("alpha", "beta", "gamma")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha", "beta", "gamma"])
        first = evaluate(instance, registry, tmp_path)
        shutil.rmtree(repos["beta"])
        gamma_sha = make_git_repo(repos["gamma"], {"jobs/job.py": "# gamma v2\n"}, message="change")
        capfd.readouterr()
        second = evaluate(instance, registry, tmp_path, cursor=first.cursor)
        assert [r.run_key for r in second.run_requests] == [f"gamma:{gamma_sha}"]
        logged = capfd.readouterr().err
        assert f"WARNING - beta: Glue remote skipped: git ls-remote {repos['beta']} failed" in logged
        # The broken project's last known head stays in the cursor, so it does not re-run when it comes back.
        assert json.loads(second.cursor)["beta"] == json.loads(first.cursor)["beta"]


def test_missing_branch_is_a_misconfiguration_not_a_crash(tmp_path, capfd):
    ok = tmp_path / "remotes" / "ok"
    odd = tmp_path / "remotes" / "odd"
    make_git_repo(ok, {"a.py": "x = 1\n"})
    make_git_repo(odd, {"a.py": "x = 1\n"})
    git(odd, "branch", "-m", "main", "trunk")
    registry = write_projects(tmp_path / "projects.yaml", {"ok": {"glue_url": str(ok)}, "odd": {"glue_url": str(odd)}})
    with dg.instance_for_test() as instance:
        result = evaluate(instance, registry, tmp_path)
        assert [r.partition_key for r in result.run_requests] == ["ok"]
        assert "odd" not in json.loads(result.cursor)
        assert f"WARNING - odd: Glue remote skipped: branch 'main' not found on remote {odd}" in capfd.readouterr().err


def test_cursor_round_trips_and_bad_cursor_starts_afresh(tmp_path, glue_remotes):
    registry, repos = glue_remotes("alpha")
    with dg.instance_for_test() as instance:
        first = evaluate(instance, registry, tmp_path)
        assert read_cursor(first.cursor) == {"alpha": head(repos["alpha"])}
        assert read_cursor(json.dumps(read_cursor(first.cursor), sort_keys=True)) == read_cursor(first.cursor)
        assert read_cursor("not json") == {} and read_cursor("[1, 2]") == {} and read_cursor(None) == {}
        restarted = evaluate(instance, registry, tmp_path, cursor="not json")
        assert [r.run_key for r in restarted.run_requests] == [f"alpha:{head(repos['alpha'])}"]


def test_commit_already_materialized_is_not_run_again_after_a_cursor_reset(tmp_path, glue_remotes):
    registry, repos = glue_remotes("alpha")
    sha = head(repos["alpha"])
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha"])
        instance.report_runless_asset_event(dg.AssetMaterialization(
            asset_key="glue_repo", partition="alpha", metadata={"glue_commit": dg.MetadataValue.text(sha)}))
        result = evaluate(instance, registry, tmp_path)
        assert result.run_requests == []
        assert json.loads(result.cursor) == {"alpha": sha}


def test_unseeded_sample_remote_is_seeded_and_run(tmp_path):
    """The bundled sample's remote does not exist until first use; the sensor seeds it like the pipeline does."""
    seed = tmp_path / "seed"
    (seed / "jobs").mkdir(parents=True)
    (seed / "jobs" / "job.py").write_text("print('glue')\n")
    url = tmp_path / "remotes" / "sample" / "glue.git"
    registry = write_projects(tmp_path / "projects.yaml", {"sample": {"glue_url": str(url), "seed": str(seed)}})
    with dg.instance_for_test() as instance:
        result = evaluate(instance, registry, tmp_path)
        sha = git(url, "rev-parse", "main")
        assert [r.run_key for r in result.run_requests] == [f"sample:{sha}"]


def test_run_request_resolves_against_the_job_with_the_partition_tag(tmp_path, glue_remotes):
    """The request is valid for g2l_pipeline once the partition is added, and carries dagster/partition,
    the tag the run queue limits to one run per project."""
    registry, _ = glue_remotes("alpha")
    with dg.instance_for_test() as instance:
        result = evaluate(instance, registry, tmp_path)
        stubs = [_stub(k) for k in _stage_keys()] + [dg.asset(key="migration_progress")(lambda: None)]
        job = dg.Definitions(assets=stubs, jobs=[g2l_pipeline]).resolve_job_def("g2l_pipeline")
        [run] = result.run_requests
        resolved = run.with_resolved_tags_and_config(job, result.dynamic_partitions_requests, instance)
        assert resolved.tags["dagster/partition"] == "alpha"
        assert resolved.tags["g2l/project"] == "alpha"


def _stage_keys():
    from g2l_dagster.jobs import STAGES

    return STAGES


def _stub(key):
    """Stand-ins for the stage assets so this test needs only the job definition, not the converter stack."""
    from g2l_dagster.partitions import glue_project

    @dg.asset(key=key, partitions_def=glue_project)
    def _a():
        return None

    return _a


def test_registry_error_skips_without_checking_any_remote(tmp_path):
    registry = tmp_path / "projects.yaml"
    registry.write_text("projects: [1]\n")
    with dg.instance_for_test() as instance:
        result = evaluate(instance, registry, tmp_path)
        assert "projects.yaml: projects[0]: expected a mapping" in result.skip_message


def test_interval_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv("G2L_COMMIT_SENSOR_INTERVAL_S", "")
    assert env_int("G2L_COMMIT_SENSOR_INTERVAL_S", 60) == 60
    monkeypatch.setenv("G2L_COMMIT_SENSOR_INTERVAL_S", "15")
    assert env_int("G2L_COMMIT_SENSOR_INTERVAL_S", 60) == 15
    for bad in ("soon", "0"):
        monkeypatch.setenv("G2L_COMMIT_SENSOR_INTERVAL_S", bad)
        with pytest.raises(ConfigError, match=f"G2L_COMMIT_SENSOR_INTERVAL_S={bad!r}"):
            env_int("G2L_COMMIT_SENSOR_INTERVAL_S", 60)


def test_sensor_targets_the_pipeline_with_the_configured_interval():
    assert glue_commit_sensor.job_name == "g2l_pipeline"
    assert glue_commit_sensor.minimum_interval_seconds == env_int("G2L_COMMIT_SENSOR_INTERVAL_S", 60)
    assert REPO_ROOT.is_dir()
