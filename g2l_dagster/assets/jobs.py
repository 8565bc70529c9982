"""``databricks_jobs``: the Glue job definitions as a Databricks Asset Bundle on the sync branch."""

import dagster as dg
import polars as pl

from g2l_core.stages.jobs import migrate_jobs
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths


@stage(kinds={"databricks", "yaml", "deltalake"}, ins={"glue_repo": dg.AssetIn(), "converted_code": dg.AssetIn()})
def databricks_jobs(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame,
                    converted_code: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    """One Databricks job per Glue job or workflow (tasks, schedule, compute), written as
    ``databricks.yml`` + ``resources/<job>.job.yml`` next to the converted code; native jobs are never touched."""
    project = paths.project(context.partition_key)
    layout = paths.layout
    glue_files = glue_repo.filter(pl.col("repo") == "glue")
    glue_commit = glue_files["commit"][0]
    converted = converted_code.filter(pl.col("status") != "failed")
    result = migrate_jobs(project, layout.glue_clone(project.name), dict(zip(glue_files["path"], glue_files["blob"])),
                          layout.target_clone(project.name), glue_commit,
                          dict(zip(converted["source_path"], converted["target_path"])))
    for problem in result.problems:
        context.log.warning(f"{project.name}: {problem}")
    rows = result.rows
    return dg.Output(rows, metadata=table_metadata(
        rows, glue_commit,
        jobs=md_table(rows.to_dicts(), ["job", "schedule", "tasks", "compute", "status", "sync_action"],
                      empty="no Glue job definitions (glue.job_definitions)"),
        definition_problems=md_table([{"source": p.source, "where": p.where, "message": p.message}
                                      for p in result.problems], ["source", "where", "message"], empty="none"),
        conflicts=md_table([o.__dict__ for o in result.conflicts], ["path", "conflict", "detail"], empty="no conflicts"),
        sync_commit=dg.MetadataValue.text(result.published.head),
    ))
