"""Standalone asset checks: rules about how a stage's result changed between runs, and rules about
``converted_code`` (which a dry run does not materialize: a check of its own step would judge a plan).

The other rules that need only the current rows live inside the stage assets (``check_specs``); a rule that
compares with the previous sync reads the stage table as it was before this sync wrote it (Delta time
travel, ``g2l_core.stages.tables.rows_before_last_write``).
"""

import warnings
from collections.abc import Iterable

import dagster as dg
import polars as pl

from g2l_core.stages.conversion import conflict_keys
from g2l_core.stages.tables import CONVERTED_CODE, rows_before_last_write
from g2l_dagster import keys
from g2l_dagster.assets.conversion import RESIDUE_CHECK, residue_check_result
from g2l_dagster.metadata import md_table
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths

NEW_CONFLICTS_CHECK = "sync_adds_no_new_conflicts"
CONFLICT_KEYS = "conflict_keys"


def new_conflicts_result(converted_code: pl.DataFrame, previous: Iterable[str] | None) -> dg.AssetCheckResult:
    """Warn when this sync has conflicts the previous one did not; with no previous sync every conflict is new.

    Conflicts that persist were already reported; a lead only needs to look again when the set grows.
    """
    current = conflict_keys(converted_code)
    before = set(previous or ())
    new = [k for k in current if k not in before]
    resolved = sorted(before - set(current))
    details = converted_code.filter(pl.col("conflict").is_not_null())
    new_rows = [r for r in details.iter_rows(named=True) if f"{r['source_path']}: {r['conflict']}" in new]
    return dg.AssetCheckResult(
        check_name=NEW_CONFLICTS_CHECK,
        passed=not new,
        severity=dg.AssetCheckSeverity.WARN,
        description=(f"{len(new)} new conflict(s) since the previous sync" if new
                     else "no new conflicts since the previous sync"),
        metadata={
            "new_conflicts": len(new),
            "open_conflicts": len(current),
            "resolved_since_previous": len(resolved),
            "first_sync": previous is None,
            "new_conflicts_table": md_table(new_rows, ["source_path", "conflict", "detail"]),
            CONFLICT_KEYS: dg.MetadataValue.json(current),
        },
    )


# Partitioned checks are a preview feature in dagster 1.13; they are what ties each evaluation to one
# project, so the preview warning is silenced here and nowhere else.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", dg.PreviewWarning)

    @dg.asset_check(
        asset=keys.CONVERTED_CODE,
        name=NEW_CONFLICTS_CHECK,
        partitions_def=glue_project,
        blocking=False,
        description="Warns when a sync leaves files alone because of conflicts that the previous sync did not have "
                    "(a Databricks edit of a generated file, a native path, a removed source).",
    )
    def sync_adds_no_new_conflicts(context: dg.AssetCheckExecutionContext, paths: G2lPaths,
                                   converted_code: pl.DataFrame) -> dg.AssetCheckResult:
        before = rows_before_last_write(paths.layout.stages, CONVERTED_CODE, context.partition_key)
        return new_conflicts_result(converted_code, None if before is None else conflict_keys(before))


    @dg.asset_check(
        asset=keys.CONVERTED_CODE,
        name=RESIDUE_CHECK,
        partitions_def=glue_project,
        blocking=True,
        description="Every Glue API use left in published code carries a `# g2l: review:` marker.",
    )
    def no_unflagged_glue_residue(converted_code: pl.DataFrame) -> dg.AssetCheckResult:
        return residue_check_result(converted_code)


CHECKS = [no_unflagged_glue_residue, sync_adds_no_new_conflicts]
