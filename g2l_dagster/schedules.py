"""The fixed weekly sync: one ``g2l_sync`` run per registered project."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dagster as dg
from dagster._utils.schedules import is_valid_cron_string

from g2l_core.config import ConfigError
from g2l_dagster.jobs import g2l_sync
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths
from g2l_dagster.sensors import PROJECT_TAG, TRIGGER_TAG

SYNC_CRON_ENV = "G2L_SYNC_CRON"
SYNC_TIMEZONE_ENV = "G2L_SYNC_TIMEZONE"
DEFAULT_SYNC_CRON = "0 9 * * 1"
DEFAULT_SYNC_TIMEZONE = "UTC"


def sync_cron() -> str:
    cron = os.environ.get(SYNC_CRON_ENV, "").strip() or DEFAULT_SYNC_CRON
    if not is_valid_cron_string(cron):
        raise ConfigError(f"environment variable {SYNC_CRON_ENV}={cron!r}: not a valid cron expression")
    return cron


def sync_timezone() -> str:
    tz = os.environ.get(SYNC_TIMEZONE_ENV, "").strip() or DEFAULT_SYNC_TIMEZONE
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"environment variable {SYNC_TIMEZONE_ENV}={tz!r}: unknown IANA timezone") from None
    return tz


@dg.schedule(
    job=g2l_sync,
    cron_schedule=sync_cron(),
    execution_timezone=sync_timezone(),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=f"Weekly sync of every registered project (cron ${SYNC_CRON_ENV}, default `{DEFAULT_SYNC_CRON}`; "
                f"timezone ${SYNC_TIMEZONE_ENV}, default {DEFAULT_SYNC_TIMEZONE}).",
)
def weekly_glue_sync(context: dg.ScheduleEvaluationContext, paths: G2lPaths):
    """One run per project that is already a partition; projects_sensor adds new ones within a minute."""
    try:
        projects = [p.name for p in paths.registry()]
    except ConfigError as exc:
        return dg.SkipReason(f"project registry is invalid, no sync requested: {exc}")
    existing = set(context.instance.get_dynamic_partitions(glue_project.name))
    pending = [p for p in projects if p not in existing]
    if pending:
        context.log.warning(f"not yet partitions, skipped this week: {', '.join(pending)} "
                            "(projects_sensor adds them; enable it if it is stopped)")
    when = context.scheduled_execution_time.isoformat() if context.scheduled_execution_time else "manual"
    requests = [
        dg.RunRequest(run_key=f"{name}:{when}", partition_key=name,
                      tags={PROJECT_TAG: name, TRIGGER_TAG: "weekly_glue_sync"})
        for name in projects if name in existing
    ]
    if not requests:
        return dg.SkipReason("no registered project has a partition yet")
    return requests
