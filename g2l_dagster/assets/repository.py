"""``glue_repo``: the Glue repository (and the target repository) at the commit this run works on."""

import dagster as dg
import polars as pl

from g2l_core.gitrepo import list_tree, matches_any
from g2l_core.redact import redact_url
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths, GitResource

FILE_SCHEMA = {
    "project": pl.String, "repo": pl.String, "commit": pl.String, "path": pl.String,
    "blob": pl.String, "size": pl.Int64, "role": pl.String,
}


def _role(path: str, code_paths, ddl_paths, job_config) -> str:
    if job_config and path == job_config:
        return "job_config"
    if path.startswith(tuple(ddl_paths)):
        return "ddl"
    if path.endswith(".py") and path.startswith(tuple(code_paths)):
        return "code"
    return "other"


@stage(kinds={"git", "deltalake"})
def glue_repo(context: dg.AssetExecutionContext, paths: G2lPaths, git: GitResource) -> dg.Output[pl.DataFrame]:
    """Every file of the Glue repository at the head of its branch, and of the Databricks target repo.

    Clones on first use (seeding the bundled sample's local remotes), fetches afterwards, and records
    the commit every later stage of the run reads from.
    """
    project = paths.project(context.partition_key)
    state = git.sync_project(project, paths.layout)
    if state.note:
        context.log.warning(state.note)
    rows = []
    for f in list_tree(state.glue_dir, state.glue_commit):
        role = _role(f.path, project.glue.paths, project.glue.ddl_paths, project.glue.job_config)
        rows.append((project.name, "glue", state.glue_commit, f.path, f.blob, f.size, role))
    for f in list_tree(state.target_dir, state.target_commit):
        role = "native" if matches_any(f.path, project.target.native) else "target"
        rows.append((project.name, "databricks", state.target_commit, f.path, f.blob, f.size, role))
    df = pl.DataFrame(rows, schema=FILE_SCHEMA, orient="row")
    counts = df.group_by("repo", "role").len().sort("repo", "role").to_dicts()
    context.log.info(f"{project.name}: Glue {state.glue_commit[:10]}, target {state.target_commit[:10]}, {df.height} files")
    return dg.Output(df, metadata=table_metadata(
        df, state.glue_commit,
        target_commit=dg.MetadataValue.text(state.target_commit),
        glue_url=dg.MetadataValue.text(redact_url(project.glue.url)),
        glue_branch=dg.MetadataValue.text(project.glue.branch),
        files_by_role=md_table(counts, ["repo", "role", "len"]),
        glue_clone=dg.MetadataValue.path(str(state.glue_dir)),
    ))
