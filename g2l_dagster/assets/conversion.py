"""``converted_code`` and ``conversion_decisions``: Glue code converted and published to the sync branch."""

from dataclasses import asdict

import dagster as dg
import polars as pl

from g2l_core.convert import glue_residue
from g2l_core.gitrepo import read_blobs
from g2l_core.migrate_code import migrate_code
from g2l_dagster.assets.common import GROUP, OWNERS, STAGE_METADATA
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.partitions import glue_project
from g2l_dagster.resources import G2lPaths
from g2l_dagster.stage_tables import previous_rows

FILE_SCHEMA = {
    "project": pl.String, "source_path": pl.String, "target_path": pl.String, "source_blob": pl.String,
    "glue_commit": pl.String, "status": pl.String, "sync_action": pl.String, "conflict": pl.String,
    "detail": pl.String, "decisions": pl.Int64, "flagged": pl.Int64, "automation_pct": pl.Float64,
    "residue": pl.Int64, "error": pl.String, "sync_commit": pl.String,
}
DECISION_SCHEMA = {
    "project": pl.String, "file": pl.String, "line": pl.Int64, "api": pl.String, "action": pl.String,
    "rule": pl.String, "message": pl.String, "glue_commit": pl.String,
}
RESIDUE_CHECK = "no_unflagged_glue_residue"


def residue_check_result(files: pl.DataFrame) -> dg.AssetCheckResult:
    residue_files = files.filter(pl.col("residue") > 0)
    return dg.AssetCheckResult(
        check_name=RESIDUE_CHECK, asset_key="converted_code", passed=residue_files.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"files_with_residue": md_table(residue_files.to_dicts(), ["source_path", "residue"], empty="none")},
    )


@dg.multi_asset(
    partitions_def=glue_project,
    group_name=GROUP,
    outs={
        "converted_code": dg.AssetOut(
            description="One row per Glue code file: conversion status, sync action on the target repo's "
                        "sync branch, conflicts, automation %.",
            metadata=STAGE_METADATA, kinds={"python", "libcst", "deltalake"}, owners=OWNERS,
        ),
        "conversion_decisions": dg.AssetOut(
            description="One row per Glue call site: converted, converted with a helper, or flagged for review.",
            metadata=STAGE_METADATA, kinds={"deltalake"}, owners=OWNERS,
        ),
    },
    deps=["source_entities"],
    ins={"glue_repo": dg.AssetIn()},
    check_specs=[dg.AssetCheckSpec(RESIDUE_CHECK, asset="converted_code", blocking=True,
                                   description="Every Glue API use left in published code carries a `# g2l: review:` marker.")],
)
def conversion(context: dg.AssetExecutionContext, paths: G2lPaths, glue_repo: pl.DataFrame):
    """Convert changed Glue files with the libcst codemods and publish them without touching Databricks work."""
    project = paths.project(context.partition_key)
    layout = paths.layout
    glue_files = glue_repo.filter(pl.col("repo") == "glue")
    glue_commit = glue_files["commit"][0]
    code = glue_files.filter(pl.col("role") == "code")
    files = dict(zip(code["path"], code["blob"]))
    job_config_text = None
    cfg = glue_files.filter(pl.col("role") == "job_config")
    if cfg.height:
        job_config_text = read_blobs(layout.glue_clone(project.name), [cfg["blob"][0]])[cfg["blob"][0]].decode()
    target_dir = layout.target_clone(project.name)
    migration = migrate_code(project, layout.glue_clone(project.name), files, target_dir, glue_commit, job_config_text)
    plan = migration.published.plan
    outcome = {o.path: o for o in plan.outcomes}

    prev_files = previous_rows(layout.stages, "converted_code", project.name)
    prev_status = dict(zip(prev_files["source_path"], prev_files["status"])) if prev_files is not None else {}
    prev_decisions = previous_rows(layout.stages, "conversion_decisions", project.name)
    reused_decisions: dict[str, list[dict]] = {}
    if prev_decisions is not None:
        for d in prev_decisions.filter(pl.col("file").is_in(migration.reused)).iter_rows(named=True):
            reused_decisions.setdefault(d["file"], []).append(d)

    decision_rows: list[dict] = []
    file_rows = []
    for path, blob in sorted(files.items()):
        result = migration.results.get(path)
        o = outcome.get(path)
        decisions = reused_decisions.get(path, [])
        if result is not None:
            decisions = [{"project": project.name, **asdict(d), "glue_commit": glue_commit} for d in result.decisions]
            if result.code is None:
                status = "failed"
                context.log.error(f"{project.name}: {result.error}")
            else:
                status = "flagged" if any(d["action"] == "flagged" for d in decisions) else "converted"
        else:
            status = prev_status.get(path, "converted")
        decision_rows += decisions
        text = migration.published.text(path) if o and o.conflict is None else None
        file_rows.append({
            "project": project.name, "source_path": path, "target_path": path, "source_blob": blob,
            "glue_commit": glue_commit, "status": status,
            "sync_action": o.action if o else "skipped", "conflict": o.conflict if o else None,
            "detail": (o.detail if o else "") or (result.error if result and result.error else ""),
            "decisions": len(decisions), "flagged": sum(d["action"] == "flagged" for d in decisions),
            "automation_pct": _pct(decisions),
            "residue": len(glue_residue(text)) if text is not None else 0,
            "error": result.error if result else None,
            "sync_commit": migration.published.head,
        })
    files_df = pl.DataFrame(file_rows, schema=FILE_SCHEMA)
    decisions_df = pl.DataFrame(decision_rows, schema=DECISION_SCHEMA)

    flagged = decisions_df.filter(pl.col("action") == "flagged")
    conflicts = [o.__dict__ for o in plan.conflicts]
    yield dg.Output(files_df, output_name="converted_code", metadata=table_metadata(
        files_df, glue_commit,
        automation_pct=dg.MetadataValue.float(_pct(decisions_df.to_dicts())),
        files_converted=len(migration.results), files_reused=len(migration.reused),
        files_failed=int((files_df["status"] == "failed").sum()),
        conflicts=len(conflicts),
        conflicts_table=md_table(conflicts, ["path", "conflict", "detail"], empty="no conflicts"),
        flagged_constructs=md_table(flagged.to_dicts(), ["file", "line", "api", "rule", "message"], empty="nothing flagged"),
        sync_branch=dg.MetadataValue.text(project.target.sync_branch),
        sync_commit=dg.MetadataValue.text(migration.published.head),
        target_clone=dg.MetadataValue.path(str(target_dir)),
    ))
    yield dg.Output(decisions_df, output_name="conversion_decisions", metadata=table_metadata(
        decisions_df, glue_commit,
        by_action=md_table(decisions_df.group_by("action").len().sort("action").to_dicts(), ["action", "len"]),
    ))
    yield residue_check_result(files_df)


def _pct(decisions: list[dict]) -> float:
    """Share of Glue call sites converted without a review flag (100 when there are none)."""
    if not decisions:
        return 100.0
    return round(100.0 * sum(d["action"] != "flagged" for d in decisions) / len(decisions), 1)
