"""Sensors that keep Dagster in step with the registry and the Glue remotes."""

from __future__ import annotations

import json
import os

import dagster as dg

from g2l_core import gitrepo
from g2l_core.config import ConfigError, Project, registry_warnings
from g2l_core.redact import redact_url
from g2l_dagster.jobs import g2l_catch_up, g2l_drift_check, g2l_pipeline, g2l_progress
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths, GitResource

COMMIT_SENSOR_INTERVAL_ENV = "G2L_COMMIT_SENSOR_INTERVAL_S"
PROJECT_TAG = "g2l/project"
COMMIT_TAG = "g2l/glue_commit"
TRIGGER_TAG = "g2l/trigger"


def env_int(name: str, default: int, minimum: int = 1) -> int:
    """An integer setting from the environment; a bad value fails definition loading, naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"environment variable {name}={raw!r}: expected a whole number of seconds") from None
    if value < minimum:
        raise ConfigError(f"environment variable {name}={raw!r}: must be at least {minimum}")
    return value


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Keeps the `glue_project` partitions equal to the projects in projects.yaml.")
def projects_sensor(context: dg.SensorEvaluationContext, paths: G2lPaths):
    try:
        projects = paths.registry()
    except ConfigError as exc:
        return dg.SkipReason(f"project registry is invalid, partitions left as they are: {exc}")
    for warning in registry_warnings(projects):
        context.log.warning(warning)
    wanted = [p.name for p in projects]
    existing = set(context.instance.get_dynamic_partitions(glue_project.name))
    added = [n for n in wanted if n not in existing]
    removed = sorted(existing - set(wanted))
    if not added and not removed:
        return dg.SkipReason(f"partitions already match the registry ({len(wanted)} projects)")
    requests = []
    if added:
        requests.append(glue_project.build_add_request(added))
    if removed:
        requests.append(glue_project.build_delete_request(removed))
    context.log.info(f"partitions: added {added or 'none'}, removed {removed or 'none'}")
    return dg.SensorResult(dynamic_partitions_requests=requests)


def read_cursor(cursor: str | None) -> dict[str, str]:
    """The last Glue head seen per project; an unreadable cursor starts afresh rather than failing every tick."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def glue_head(project: Project, git: GitResource) -> str:
    """Head of the project's Glue branch; a bundled sample remote that is not seeded yet is seeded first.

    Seeding is what the first pipeline run would do anyway (same function, idempotent), and without it a
    fresh checkout of g2l would never start its first run on its own.
    """
    gitrepo.ensure_seeded_remote(project.glue.url, project.glue.seed, project.glue.branch)
    return git.remote_head(project.glue.url, project.glue.branch)


def built_commit(instance: dg.DagsterInstance, project: str) -> str | None:
    """The Glue commit the latest ``glue_repo`` materialization of ``project`` was built from, if any."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey("glue_repo"), asset_partitions=[project]), limit=1,
    ).records
    if not records:
        return None
    meta = records[0].asset_materialization.metadata if records[0].asset_materialization else {}
    value = meta.get("glue_commit")
    return getattr(value, "value", None)


@dg.sensor(
    job=g2l_pipeline,
    minimum_interval_seconds=env_int(COMMIT_SENSOR_INTERVAL_ENV, 60),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Asks every project's Glue remote for its branch head (git ls-remote, no clone) and runs "
                f"g2l_pipeline for that project when it moved. Interval: ${COMMIT_SENSOR_INTERVAL_ENV} (default 60 s).",
)
def glue_commit_sensor(context: dg.SensorEvaluationContext, paths: G2lPaths, git: GitResource):
    """One run per project and Glue commit (``run_key = "<project>:<sha>"``); a broken remote is skipped."""
    try:
        projects = paths.registry()
    except ConfigError as exc:
        return dg.SkipReason(f"project registry is invalid, no remote checked: {exc}")
    seen = read_cursor(context.cursor)
    cursor: dict[str, str] = {}
    existing = set(context.instance.get_dynamic_partitions(glue_project.name))
    runs: list[dg.RunRequest] = []
    unreachable: list[str] = []
    for project in projects:
        try:
            sha = glue_head(project, git)
        except gitrepo.GitError as exc:
            context.log.warning(f"{project.name}: Glue remote skipped: {redact_url(str(exc))}")
            unreachable.append(project.name)
            if project.name in seen:
                cursor[project.name] = seen[project.name]
            continue
        cursor[project.name] = sha
        if seen.get(project.name) == sha:
            continue
        if project.name not in seen and built_commit(context.instance, project.name) == sha:
            context.log.info(f"{project.name}: {sha[:10]} already materialized, no run requested")
            continue
        context.log.info(f"{project.name}: Glue {project.glue.branch} moved to {sha[:10]}, requesting g2l_pipeline")
        runs.append(dg.RunRequest(
            run_key=f"{project.name}:{sha}", partition_key=project.name,
            tags={PROJECT_TAG: project.name, COMMIT_TAG: sha, TRIGGER_TAG: "glue_commit_sensor"},
        ))
    missing = [r.partition_key for r in runs if r.partition_key not in existing]
    partition_requests = [glue_project.build_add_request(missing)] if missing else []
    if not runs and not partition_requests:
        checked = len(projects) - len(unreachable)
        note = f"; unreachable: {', '.join(unreachable)}" if unreachable else ""
        return dg.SensorResult(skip_reason=f"no Glue branch moved ({checked} remotes checked{note})",
                               cursor=json.dumps(cursor, sort_keys=True))
    return dg.SensorResult(run_requests=runs, dynamic_partitions_requests=partition_requests,
                           cursor=json.dumps(cursor, sort_keys=True))


JOBS_ENDING_WITH_PROGRESS = {job.name for job in (g2l_pipeline, g2l_catch_up, g2l_drift_check, g2l_progress)}


def progress_request(run: dg.DagsterRun, succeeded: bool) -> dg.RunRequest | dg.SkipReason:
    """A ``g2l_progress`` run after a run that may have changed stage tables without recomputing progress:
    a failed run (its progress step was skipped) or an ad hoc materialization from the UI."""
    if run.job_name == g2l_progress.name or (succeeded and run.job_name in JOBS_ENDING_WITH_PROGRESS):
        return dg.SkipReason(f"run {run.run_id[:8]} of {run.job_name} left migration_progress current")
    return dg.RunRequest(run_key=f"progress-after:{run.run_id}", tags={TRIGGER_TAG: "progress_sensor"})


@dg.run_failure_sensor(request_job=g2l_progress, default_status=dg.DefaultSensorStatus.RUNNING,
                       description="Recompute migration_progress after a failed run: the stages it did "
                                   "materialize count, its own progress step never ran.")
def progress_after_failed_run(context: dg.RunFailureSensorContext):
    return progress_request(context.dagster_run, succeeded=False)


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, request_job=g2l_progress,
                      default_status=dg.DefaultSensorStatus.RUNNING,
                      description="Recompute migration_progress after an ad hoc materialization (the stage jobs "
                                  "end with it already).")
def progress_after_asset_run(context: dg.RunStatusSensorContext):
    return progress_request(context.dagster_run, succeeded=True)
