"""Standalone asset checks: rules about how a stage's result changed between runs.

The rules that need only the current rows live inside the stage assets (``check_specs``); a rule that
compares with the previous sync needs history, which this check keeps in its own evaluation metadata.
"""

import warnings
from collections.abc import Iterable

import dagster as dg
import polars as pl
from dagster._core.event_api import PartitionKeyFilter
from dagster._core.storage.asset_check_execution_record import COMPLETED_ASSET_CHECK_EXECUTION_RECORD_STATUSES

from g2l_dagster.partitions import glue_project

NEW_CONFLICTS_CHECK = "sync_adds_no_new_conflicts"
CONFLICT_KEYS = "conflict_keys"


def conflict_keys(converted_code: pl.DataFrame) -> list[str]:
    """``path: kind`` for every file the sync left alone because of a conflict."""
    rows = converted_code.filter(pl.col("conflict").is_not_null())
    return sorted({f"{path}: {kind}" for path, kind in zip(rows["source_path"], rows["conflict"])})


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
            "new_conflicts_table": _md(new_rows),
            CONFLICT_KEYS: dg.MetadataValue.json(current),
        },
    )


def _md(rows: list[dict]) -> dg.MetadataValue:
    if not rows:
        return dg.MetadataValue.md("_none_")
    lines = ["| source_path | conflict | detail |", "|---|---|---|"]
    for r in rows[:50]:
        cells = [str(r.get(c) or "").replace("|", "\\|").replace("\n", " ")[:200] for c in ("source_path", "conflict", "detail")]
        lines.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(lines))


def previous_conflict_keys(instance: dg.DagsterInstance, partition: str) -> list[str] | None:
    """The conflicts recorded by this check's latest completed evaluation of ``partition``; None if never run."""
    records = instance.event_log_storage.get_asset_check_execution_history(
        dg.AssetCheckKey(dg.AssetKey("converted_code"), NEW_CONFLICTS_CHECK), limit=1,
        status=COMPLETED_ASSET_CHECK_EXECUTION_RECORD_STATUSES, partition_filter=PartitionKeyFilter(key=partition),
    )
    for record in records:
        evaluation = record.event.dagster_event.event_specific_data if record.event and record.event.dagster_event else None
        value = getattr(evaluation, "metadata", {}).get(CONFLICT_KEYS)
        if value is not None:
            return list(value.value)
    return None


# Partitioned checks are a preview feature in dagster 1.13; they are what ties each evaluation (and so the
# conflict history) to one project, so the preview warning is silenced here and nowhere else.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", dg.PreviewWarning)

    @dg.asset_check(
        asset="converted_code",
        name=NEW_CONFLICTS_CHECK,
        partitions_def=glue_project,
        blocking=False,
        description="Warns when a sync leaves files alone because of conflicts that the previous sync did not have "
                    "(a Databricks edit of a generated file, a native path, a removed source).",
    )
    def sync_adds_no_new_conflicts(context: dg.AssetCheckExecutionContext, converted_code: pl.DataFrame) -> dg.AssetCheckResult:
        previous = previous_conflict_keys(context.instance, context.partition_key)
        return new_conflicts_result(converted_code, previous)


CHECKS = [sync_adds_no_new_conflicts]
