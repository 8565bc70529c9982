"""``converted_code`` and ``conversion_decisions``: Glue code converted and published to the sync branch.

A dry run (run config ``{"ops": {"conversion": {"config": {"dry_run": true}}}}``) writes nothing to the target
repository: it records the plan per file in an observation of ``converted_code`` and as a ``dry_run`` row of
``sync_history``, and materializes nothing, so the stages downstream skip (they never take a plan for a
conversion) and the residue check (``g2l_dagster.checks``), which judges published code, is not evaluated.
"""

import dagster as dg
import polars as pl
from pydantic import Field

from g2l_core.stages import tables
from g2l_core.stages.conversion import (FLAGGED_ACTION, HUMAN_COLUMNS, Conversion, convert_code, residue_files,
                                        residue_summary)
from g2l_core.stages.progress import glue_range
from g2l_core.stages.status import FILE_STATUSES
from g2l_core.stages.sync import OUTCOMES, append_sync, plan_rows
from g2l_dagster import keys
from g2l_dagster.assets.common import GROUP, OWNERS, STAGE_METADATA
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths

RESIDUE_CHECK = "no_unflagged_glue_residue"


class ConversionConfig(dg.Config):
    dry_run: bool = Field(default=False, description="Plan only: report per file what the sync would do (added, "
                          "updated, merged, protected, renamed, conflict, orphaned, unchanged) and write nothing "
                          "to the target repository; recorded in sync_history with dry_run=true.")


def residue_check_result(files: pl.DataFrame) -> dg.AssetCheckResult:
    residue = residue_files(files)
    return dg.AssetCheckResult(
        check_name=RESIDUE_CHECK, asset_key=keys.CONVERTED_CODE, passed=residue.height == 0,
        severity=dg.AssetCheckSeverity.ERROR, description=residue_summary(files),
        metadata={"files_with_residue": md_table(residue, ["source_path", "residue"], empty="none")},
    )


def _code_metadata(c: Conversion, sync_branch: str, target_clone: str) -> dict:
    """Per-run figures end in ``_this_run``, state figures in ``_total``; tables stay narrow (the whole
    per-file view is the ``converted_code`` stage table)."""
    flagged = c.decisions.filter(pl.col("action") == FLAGGED_ACTION)
    conflicts = [o.__dict__ for o in c.conflicts]
    human = c.needing_a_human()
    return table_metadata(
        c.files, c.glue_commit,
        automation_pct=dg.MetadataValue.float(c.automation_pct),
        glue_constructs_total=c.decisions.height - c.boilerplate_sites, boilerplate_sites_total=c.boilerplate_sites,
        files_converted_this_run=c.converted_this_run, files_unchanged_this_run=c.unchanged_this_run,
        files_total=c.files.height,
        **{f"files_{status}_total": c.count(status) for status in FILE_STATUSES},
        files_needing_a_human_total=human.height,
        # Files not converted are named with their reason (g2l run prints these), not only counted.
        warnings=dg.MetadataValue.md("\n".join(f"- {w}" for w in c.warnings + c.errors) or "_none_"),
        files_needing_a_human=md_table(human, HUMAN_COLUMNS, empty="no file needs a human"),
        conflicts_table=md_table(conflicts, ["path", "conflict", "detail"], empty="no conflicts"),
        flagged_constructs=md_table(flagged, ["file", "line", "api", "message"], empty="nothing flagged"),
        per_file_table=dg.MetadataValue.text(f"stage table {tables.CONVERTED_CODE} (one row per file: status, "
                                             "automation %, review notes, residue, Glue commit, diff)"),
        sync_branch=dg.MetadataValue.text(sync_branch),
        sync_commit=dg.MetadataValue.text(c.sync_commit),
        target_clone=dg.MetadataValue.path(target_clone),
    )


def _plan_metadata(c: Conversion, row: dict) -> dict:
    """What a dry run reports: the plan per file, its counts, and the ``sync_history`` row it was recorded as."""
    return {
        "dry_run": True, "sync_id": dg.MetadataValue.text(row["sync_id"]),
        "glue_commit_range": dg.MetadataValue.text(glue_range(row)),
        "base_commit": dg.MetadataValue.text(row["base_commit"] or "(none)"),
        **{f"planned_{name}": row[name] for name in OUTCOMES},
        "files_to_convert_this_run": c.converted_this_run,
        "plan": md_table(plan_rows(c.published), ["path", "action", "conflict", "detail"], limit=500,
                         empty="nothing to sync"),
        "warnings": dg.MetadataValue.md("\n".join(f"- {w}" for w in c.warnings + c.errors) or "_none_"),
    }


@dg.multi_asset(
    partitions_def=glue_project,
    group_name=GROUP,
    outs={
        tables.CONVERTED_CODE: dg.AssetOut(
            description="One row per Glue code file: conversion status, sync action on the target repo's "
                        "sync branch, conflicts, automation %.",
            metadata=STAGE_METADATA, kinds={"python", "libcst", "deltalake"}, owners=OWNERS, is_required=False,
        ),
        tables.CONVERSION_DECISIONS: dg.AssetOut(
            description="One row per Glue call site: converted, converted with a helper, or flagged for review.",
            metadata=STAGE_METADATA, kinds={"deltalake"}, owners=OWNERS, is_required=False,
        ),
    },
    deps=[keys.SOURCE_ENTITIES],
    ins={"glue_repo": dg.AssetIn(keys.GLUE_REPO)},
)
def conversion(context: dg.AssetExecutionContext, config: ConversionConfig, paths: G2lPaths, glue_repo: pl.DataFrame):
    """Convert changed Glue files with the libcst codemods and publish them without touching Databricks work
    (with ``dry_run``: only say what the sync would do)."""
    project = paths.project(context.partition_key)
    c = convert_code(project, paths.layout, glue_repo, dry_run=config.dry_run)
    for error in c.errors:
        context.log.error(f"{project.name}: {error}")
    for warning in c.warnings:
        context.log.warning(f"{project.name}: {warning}")
    if config.dry_run:
        row = append_sync(paths.layout, project.name, c.published, c.started)
        context.log.info(f"{project.name}: dry run, nothing written; sync_history row {row['sync_id']}")
        yield dg.AssetObservation(asset_key=keys.CONVERTED_CODE, partition=context.partition_key,
                                  metadata=_plan_metadata(c, row))
        return
    target_clone = str(paths.layout.target_clone(project.name))
    yield dg.Output(c.files, output_name=tables.CONVERTED_CODE,
                    metadata=_code_metadata(c, project.target.sync_branch, target_clone))
    yield dg.Output(c.decisions, output_name=tables.CONVERSION_DECISIONS, metadata=table_metadata(
        c.decisions, c.glue_commit,
        by_action=md_table(c.decisions.group_by("action").len().sort("action"), ["action", "len"]),
    ))
