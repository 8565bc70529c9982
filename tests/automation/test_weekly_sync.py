"""weekly_catch_up: one g2l_catch_up run per registered project, keyed by the scheduled time."""

from __future__ import annotations

import importlib
from datetime import datetime, timezone

import dagster as dg
import pytest

from g2l_core.config import ConfigError
from g2l_dagster import schedules
from g2l_dagster.resources import G2lPaths
from g2l_dagster.schedules import weekly_catch_up
from tests.automation.conftest import write_projects

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def evaluate(instance, registry, home, when=MONDAY):
    # Entered and exited: see tests/automation/test_commit_sensor.py.
    with dg.build_schedule_context(instance=instance, scheduled_execution_time=when,
                                   resources={"paths": G2lPaths(home=str(home), projects_file=str(registry))}) as ctx:
        return weekly_catch_up(ctx)


def registry_of(tmp_path, *names):
    return write_projects(tmp_path / "projects.yaml", {n: {"glue_url": str(tmp_path / n)} for n in names})


def test_one_request_per_registered_project(tmp_path):
    registry = registry_of(tmp_path, "alpha", "beta", "gamma")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha", "beta", "gamma"])
        requests = evaluate(instance, registry, tmp_path)
        assert [r.partition_key for r in requests] == ["alpha", "beta", "gamma"]
        assert [r.run_key for r in requests] == [f"{n}:{MONDAY.isoformat()}" for n in ("alpha", "beta", "gamma")]
        assert all(r.tags["g2l/trigger"] == "weekly_catch_up" for r in requests)
        next_week = evaluate(instance, registry, tmp_path, MONDAY.replace(day=9))
        assert {r.run_key for r in next_week}.isdisjoint({r.run_key for r in requests})


def test_projects_without_a_partition_yet_wait_for_projects_sensor(tmp_path):
    registry = registry_of(tmp_path, "alpha", "fresh")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["alpha"])
        assert [r.partition_key for r in evaluate(instance, registry, tmp_path)] == ["alpha"]


def test_invalid_registry_skips(tmp_path):
    registry = tmp_path / "projects.yaml"
    registry.write_text("projects: {a: 1}\n")
    with dg.instance_for_test() as instance:
        skip = evaluate(instance, registry, tmp_path)
        assert isinstance(skip, dg.SkipReason)
        assert "projects.yaml: projects: expected a list" in skip.skip_message


def test_schedule_defaults_monday_nine_utc():
    assert weekly_catch_up.cron_schedule == "0 9 * * 1"
    assert weekly_catch_up.execution_timezone == "UTC"
    assert weekly_catch_up.job_name == "g2l_catch_up"


def test_cron_and_timezone_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("G2L_SYNC_CRON", "30 6 * * 2")
    monkeypatch.setenv("G2L_SYNC_TIMEZONE", "Europe/Zurich")
    try:
        reloaded = importlib.reload(schedules).weekly_catch_up
        assert reloaded.cron_schedule == "30 6 * * 2"
        assert reloaded.execution_timezone == "Europe/Zurich"
        monkeypatch.setenv("G2L_SYNC_CRON", "every monday")
        with pytest.raises(ConfigError, match="G2L_SYNC_CRON='every monday'"):
            importlib.reload(schedules)
        monkeypatch.setenv("G2L_SYNC_CRON", "0 9 * * 1")
        monkeypatch.setenv("G2L_SYNC_TIMEZONE", "Mars/Olympus")
        with pytest.raises(ConfigError, match="G2L_SYNC_TIMEZONE='Mars/Olympus'"):
            importlib.reload(schedules)
    finally:
        monkeypatch.delenv("G2L_SYNC_CRON")
        monkeypatch.delenv("G2L_SYNC_TIMEZONE")
        importlib.reload(schedules)
