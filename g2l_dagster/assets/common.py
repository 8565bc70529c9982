"""Settings every stage asset shares."""

import warnings

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


def stage_check(name: str, asset: dg.AssetKey, description: str) -> dg.AssetCheckSpec:
    """A blocking check evaluated with its stage, per project: its results carry the project's partition.

    Partitioned checks are a preview feature in dagster 1.13; the preview warning is silenced here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.PreviewWarning)
        return dg.AssetCheckSpec(name, asset=asset, blocking=True, description=description, partitions_def=glue_project)
