"""Fixed-time runs: the weekly catch-up and the daily drift check, one run per registered project each."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dagster as dg

from g2l_core.config import ConfigError
from g2l_core.jobs.cron import unix_cron_problem
from g2l_dagster.jobs import g2l_catch_up, g2l_drift_check
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths
from g2l_dagster.sensors import PROJECT_TAG, TRIGGER_TAG

SYNC_CRON_ENV = "G2L_SYNC_CRON"
SYNC_TIMEZONE_ENV = "G2L_SYNC_TIMEZONE"
DEFAULT_SYNC_CRON = "0 9 * * 1"
DEFAULT_SYNC_TIMEZONE = "UTC"
DRIFT_CRON_ENV = "G2L_DRIFT_CRON"
DEFAULT_DRIFT_CRON = "0 7 * * *"


def cron_from_env(env: str, default: str) -> str:
    cron = os.environ.get(env, "").strip() or default
    problem = unix_cron_problem(cron)
    if problem:
        raise ConfigError(f"environment variable {env}={cron!r}: not a valid cron expression: {problem}")
    return cron


def sync_cron() -> str:
    return cron_from_env(SYNC_CRON_ENV, DEFAULT_SYNC_CRON)


def sync_timezone() -> str:
    tz = os.environ.get(SYNC_TIMEZONE_ENV, "").strip() or DEFAULT_SYNC_TIMEZONE
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"environment variable {SYNC_TIMEZONE_ENV}={tz!r}: unknown IANA timezone") from None
    return tz


def per_project_requests(context: dg.ScheduleEvaluationContext, paths: G2lPaths, trigger: str):
    """One run request per project that is already a partition; projects_sensor adds new ones within a minute."""
    try:
        projects = [p.name for p in paths.registry()]
    except ConfigError as exc:
        return dg.SkipReason(f"project registry is invalid, nothing requested: {exc}")
    existing = set(context.instance.get_dynamic_partitions(glue_project.name))
    pending = [p for p in projects if p not in existing]
    if pending:
        context.log.warning(f"not yet partitions, skipped this time: {', '.join(pending)} "
                            "(projects_sensor adds them; enable it if it is stopped)")
    when = context.scheduled_execution_time.isoformat() if context.scheduled_execution_time else "manual"
    requests = [
        dg.RunRequest(run_key=f"{name}:{when}", partition_key=name, tags={PROJECT_TAG: name, TRIGGER_TAG: trigger})
        for name in projects if name in existing
    ]
    if not requests:
        return dg.SkipReason("no registered project has a partition yet")
    return requests


@dg.schedule(
    job=g2l_catch_up,
    cron_schedule=sync_cron(),
    execution_timezone=sync_timezone(),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=f"Weekly catch-up of every registered project (cron ${SYNC_CRON_ENV}, default `{DEFAULT_SYNC_CRON}`; "
                f"timezone ${SYNC_TIMEZONE_ENV}, default {DEFAULT_SYNC_TIMEZONE}).",
)
def weekly_catch_up(context: dg.ScheduleEvaluationContext, paths: G2lPaths):
    return per_project_requests(context, paths, "weekly_catch_up")


@dg.schedule(
    job=g2l_drift_check,
    cron_schedule=cron_from_env(DRIFT_CRON_ENV, DEFAULT_DRIFT_CRON),
    execution_timezone=sync_timezone(),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=f"Daily schema drift check of every registered project (cron ${DRIFT_CRON_ENV}, default "
                f"`{DEFAULT_DRIFT_CRON}`): Glue changes are seen within a day, not at the next sync.",
)
def daily_drift_check(context: dg.ScheduleEvaluationContext, paths: G2lPaths):
    return per_project_requests(context, paths, "daily_drift_check")
