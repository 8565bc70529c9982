"""``sync_history``: one row per sync of a project (kept across runs), recorded after code and DDL are published."""

import dagster as dg
import polars as pl

from g2l_core.stages.sync import OUTCOMES, record_sync
from g2l_dagster import keys
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths


@stage(kinds={"git", "deltalake"}, deps=[keys.CONVERTED_CODE, keys.UC_DDL])
def sync_history(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    """Glue commit range, base-branch and sync commits, files per outcome and the open conflicts of this sync."""
    record = record_sync(paths.project(context.partition_key), paths.layout, glue_repo)
    return dg.Output(record.history, metadata=table_metadata(
        record.history, record.row["glue_commit_to"],
        **{name: record.row[name] for name in OUTCOMES},
        conflicts_table=md_table(record.conflicts, ["path", "conflict", "detail"], empty="no conflicts"),
    ))
