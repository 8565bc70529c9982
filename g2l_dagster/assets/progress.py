"""``migration_progress``: the leadership view across projects, one row per registered project.

It reads the stage tables (every project's rows at once) instead of loading each partition as an input:
the stage assets are partitioned per project, this one is not, and a project that never ran must not
block the others. ``deps`` keep the lineage.
"""

from collections.abc import Sequence
from datetime import datetime, timezone

import dagster as dg
import polars as pl

from g2l_core.stages import tables
from g2l_core.stages.progress import SOURCES, latest_syncs, needs_a_human, overall_pct, progress_frame, read_sources
from g2l_core.stages.unity_catalog import publish_metadata, publish_stage_tables
from g2l_dagster import keys
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths

GROUP = "g2l_reporting"
OWNERS = ["team:data-platform"]


def last_sync_times(instance: dg.DagsterInstance, projects: Sequence[str]) -> dict[str, datetime]:
    """When ``converted_code`` (the sync to the target repo) was last materialized, per project: the last
    sync of a project without ``sync_history`` rows."""
    out = {}
    for name in projects:
        records = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=keys.CONVERTED_CODE, asset_partitions=[name]), limit=1,
        ).records
        if records:
            out[name] = datetime.fromtimestamp(records[0].timestamp, tz=timezone.utc)
    return out


@dg.asset(
    key=keys.MIGRATION_PROGRESS,
    group_name=GROUP,
    owners=OWNERS,
    kinds={"polars", "deltalake"},
    deps=[dg.AssetKey(name) for name in SOURCES],
    description="Where every project stands: Glue entities converted, validated and flagged, Databricks-native "
                "entities, open conflicts and drift, the last sync and its Glue commit, overall progress %.",
)
def migration_progress(context: dg.AssetExecutionContext, paths: G2lPaths) -> dg.Output[pl.DataFrame]:
    """Recomputed from the stage tables at the end of every stage job (see ``g2l_dagster.jobs``); projects
    that never ran count as registered with nothing done."""
    registry = paths.registry()
    projects = [p.name for p in registry]
    sources = read_sources(paths.layout.stages)
    df = progress_frame(projects, sources, last_sync_times(context.instance, projects))
    published = publish_stage_tables(registry, paths.layout.stages, df, only=context.run.tags.get("dagster/partition"))
    view = df.with_columns(pl.col("last_sync").dt.strftime("%Y-%m-%d %H:%M UTC"),
                           pl.col("glue_commit").str.slice(0, 10))
    return dg.Output(df, metadata=table_metadata(
        df, None,
        projects=df.height,
        overall_progress_pct=dg.MetadataValue.float(overall_pct(df)),
        progress=md_table(view, ["project", "glue_entities", "converted", "validated", "progress_pct", "last_sync"],
                          empty="no projects registered"),
        needs_a_human=md_table(needs_a_human(view), ["project", "flagged", "failed", "conflicts", "critical_drift"],
                               empty="nothing needs review"),
        latest_syncs=md_table(latest_syncs(sources[tables.SYNC_HISTORY]),
                              ["project", "sync", "finished", "glue", "outcomes", "conflicts", "dry_run"],
                              empty="no sync recorded yet"),
        all_figures=dg.MetadataValue.text(f"stage table {tables.MIGRATION_PROGRESS} (one row per project, every "
                                          "figure, with the Glue and sync commits)"),
        **publish_metadata(published),
    ))
