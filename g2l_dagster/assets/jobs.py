"""``databricks_jobs``: the Glue job definitions as a Databricks Asset Bundle on the sync branch."""

import dagster as dg
import polars as pl

from g2l_core.stages import tables
from g2l_core.stages.jobs import databricks_jobs as jobs_stage
from g2l_dagster import keys
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths


@stage(name=tables.DATABRICKS_JOBS, kinds={"databricks", "yaml", "deltalake"},
       ins={"glue_repo": dg.AssetIn(keys.GLUE_REPO), "converted_code": dg.AssetIn(keys.CONVERTED_CODE)})
def databricks_jobs(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame,
                    converted_code: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    """One Databricks job per Glue job or workflow (tasks, schedule, compute), written as
    ``databricks.yml`` + ``resources/<job>.job.yml`` next to the converted code; native jobs are never touched.
    A project with a ``databricks`` section also gets the dashboard App (``apps/g2l_dashboard``)."""
    project = paths.project(context.partition_key)
    result = jobs_stage(project, paths.layout, glue_repo, converted_code)
    for problem in result.problems:
        context.log.warning(f"{project.name}: {problem}")
    rows = result.rows
    return dg.Output(rows, metadata=table_metadata(
        rows, result.glue_commit,
        jobs=md_table(rows, ["job", "schedule", "tasks", "compute", "status", "sync_action"],
                      empty="no Glue job definitions (glue.job_definitions)"),
        definition_problems=md_table([{"source": p.source, "where": p.where, "message": p.message}
                                      for p in result.problems], ["source", "where", "message"], empty="none"),
        # What g2l could not read in the definitions reaches the run summary too (a file in no known form
        # left the bundle without its jobs, and the run said nothing).
        **({"warnings": dg.MetadataValue.md("\n".join(f"- job definitions: {p}" for p in result.problems))}
           if result.problems else {}),
        conflicts=md_table([o.__dict__ for o in result.conflicts], ["path", "conflict", "detail"],
                           empty="no conflicts"),
        dashboard_app=dg.MetadataValue.text(app_summary(result.app)),
        sync_commit=dg.MetadataValue.text(result.published.head),
    ))


def app_summary(outcomes) -> str:
    """One line on the dashboard App in the bundle: files per outcome, or why there is none."""
    if not outcomes:
        return "not in the bundle (the project has no databricks section)"
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.action] = counts.get(o.action, 0) + 1
    return f"{len(outcomes)} files: " + ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
