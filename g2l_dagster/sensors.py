"""Sensors that keep Dagster in step with the registry and the Glue remotes."""

from __future__ import annotations

import dagster as dg

from g2l_core.config import ConfigError
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Keeps the `glue_project` partitions equal to the projects in projects.yaml.")
def projects_sensor(context: dg.SensorEvaluationContext, paths: G2lPaths):
    try:
        wanted = [p.name for p in paths.registry()]
    except ConfigError as exc:
        return dg.SkipReason(f"project registry is invalid, partitions left as they are: {exc}")
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
