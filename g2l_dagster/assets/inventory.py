"""``source_entities``: the inventory of every module, class, function, job and table, both tracks."""

import dagster as dg
import polars as pl

from g2l_core.stages.inventory import inventory
from g2l_core.stages.repository import glue_commit, unsafe_entries
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import table_metadata
from g2l_dagster.resources import G2lPaths


@stage(kinds={"python", "deltalake"})
def source_entities(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    """Inventory of modules, classes, functions, methods, jobs and tables in the Glue and target repos.

    Incremental: files whose git blob is unchanged since the last materialization are not parsed again;
    tags and notes set on an entity survive re-materialization.
    """
    project = paths.project(context.partition_key)
    result = inventory(project, paths.layout, glue_repo)
    for err in result.errors:
        context.log.warning(err)
    return dg.Output(result.frame, metadata=table_metadata(
        result.frame, glue_commit(glue_repo),
        parsed_files=result.parsed_files, reused_files=result.reused_files,
        skipped_entries=dg.MetadataValue.md("\n".join(f"- {w}" for w in unsafe_entries(glue_repo)) or "_none_"),
        **{k: dg.MetadataValue.md(v) for k, v in result.metadata_md.items()},
    ))
