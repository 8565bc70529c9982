"""``sync_history``: one row per sync of a project (kept across runs), recorded after code and DDL are published."""

import dagster as dg
import polars as pl

from g2l_core import sync_history as history
from g2l_core.stages.tables import SYNC_HISTORY, read_stage
from g2l_dagster import keys
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths


@stage(kinds={"git", "deltalake"}, deps=[keys.CONVERTED_CODE, keys.UC_DDL])
def sync_history(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    """Glue commit range, base-branch and sync commits, files per outcome and the open conflicts of this sync."""
    project = paths.project(context.partition_key)
    started = history.now()
    glue = glue_repo.filter(pl.col("repo") == "glue")
    glue_commit = glue["commit"][0] if glue.height else ""
    published = history.current_sync(project, paths.layout.target_clone(project.name), glue_commit)
    published.dry_run = False
    row = history.history_row(project.name, published, started, history.now())
    df = history.with_row(read_stage(paths.layout.stages, SYNC_HISTORY, project.name), row)
    return dg.Output(df, metadata=table_metadata(
        df, glue_commit,
        **{name: row[name] for name in history.OUTCOMES},
        conflicts_table=md_table([{"path": o.path, "conflict": o.conflict, "detail": o.detail}
                                  for o in published.plan.conflicts], ["path", "conflict", "detail"], empty="no conflicts"),
    ))
