"""Settings every stage asset shares."""

import dagster as dg

from g2l_dagster.partitions import glue_project

GROUP = "g2l_migration"
OWNERS = ["team:data-platform"]
STAGE_METADATA = {"partition_expr": "project"}


def stage(**kwargs):
    """``@dg.asset`` with the shared partitioning, Delta storage metadata, group and owners."""
    kwargs.setdefault("group_name", GROUP)
    kwargs.setdefault("owners", OWNERS)
    kwargs["metadata"] = {**STAGE_METADATA, **kwargs.get("metadata", {})}
    return dg.asset(partitions_def=glue_project, **kwargs)
