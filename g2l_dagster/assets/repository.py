"""``glue_repo``: the Glue repository (and the target repository) at the commit this run works on."""

import dagster as dg
import polars as pl

from g2l_core.redact import redact_url
from g2l_core.stages.repository import files_by_role, repository_files, unsafe_entries
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths


@stage(kinds={"git", "deltalake"})
def glue_repo(context: dg.AssetExecutionContext, paths: G2lPaths) -> dg.Output[pl.DataFrame]:
    """Every file of the Glue repository at the head of its branch, and of the Databricks target repo.

    Clones on first use (seeding the bundled sample's local remotes), fetches afterwards, and records
    the commit every later stage of the run reads from.
    """
    project = paths.project(context.partition_key)
    state, df = repository_files(project, paths.layout)
    if state.note:
        context.log.warning(state.note)
    context.log.info(f"{project.name}: Glue {state.glue_commit[:10]}, target {state.target_commit[:10]}, {df.height} files")
    warnings = unsafe_entries(df)
    for warning in warnings:
        context.log.warning(warning)
    return dg.Output(df, metadata=table_metadata(
        df, state.glue_commit,
        target_commit=dg.MetadataValue.text(state.target_commit),
        glue_url=dg.MetadataValue.text(redact_url(project.glue.url)),
        glue_branch=dg.MetadataValue.text(project.glue.branch),
        files_by_role=md_table(files_by_role(df), ["repo", "role", "len"]),
        glue_clone=dg.MetadataValue.path(str(state.glue_dir)),
        **({"warnings": dg.MetadataValue.md("\n".join(f"- {w}" for w in warnings))} if warnings else {}),
    ))
