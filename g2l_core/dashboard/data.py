"""What the dashboard shows, computed from stage-table frames: polars in, polars out, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import polars as pl

PROGRESS_FIGURES = ("glue_entities", "converted", "validated", "flagged", "failed", "conflicts", "open_drift")
NEEDS_HUMAN_SCHEMA = {"project": pl.String, "what": pl.String, "item": pl.String, "detail": pl.String}
HUMAN_FILE_STATUSES = ("flagged", "failed", "error")
KIND_ORDER = {"critical validation": 0, "failed file": 1, "sync conflict": 2, "DDL error": 3, "open drift": 4,
              "flagged file": 5}


def _has(df: pl.DataFrame | None, *columns: str) -> bool:
    return df is not None and df.height > 0 and all(c in df.columns for c in columns)


def progress_over_time(snapshots: Sequence[tuple[datetime, pl.DataFrame]],
                       sync_history: pl.DataFrame | None = None) -> pl.DataFrame:
    """Long frame (project, at, figure, value) of the progress figures over time.

    ``snapshots`` are versions of ``migration_progress`` (one row per project each); a project's row
    that did not change between versions is kept once. ``sync_history`` rows (a ``project`` column, a
    time column and counts) are added as they are: they record syncs that ran between recomputations.
    """
    frames = []
    for at, snap in snapshots:
        figures = [c for c in PROGRESS_FIGURES if c in snap.columns]
        if "project" not in snap.columns or not figures or not snap.height:
            continue
        frames.append(snap.select("project", *[pl.col(c).cast(pl.Int64) for c in figures])
                      .with_columns(at=pl.lit(at, pl.Datetime("us", "UTC"))))
    if sync_history is not None and _has(sync_history, "project"):
        frames.extend(_sync_rows(sync_history))
    if not frames:
        return pl.DataFrame(schema={"project": pl.String, "at": pl.Datetime("us", "UTC"), "figure": pl.String,
                                    "value": pl.Int64})
    wide = pl.concat(frames, how="diagonal_relaxed").sort("project", "at")
    figures = [c for c in PROGRESS_FIGURES if c in wide.columns]
    changed = pl.any_horizontal([pl.col(c).ne_missing(pl.col(c).shift(1).over("project")) for c in figures])
    wide = wide.filter(changed | (pl.col("at") == pl.col("at").max().over("project")))
    return (wide.unpivot(index=["project", "at"], on=figures, variable_name="figure", value_name="value")
            .drop_nulls("value").sort("project", "figure", "at"))


def _sync_rows(history: pl.DataFrame) -> list[pl.DataFrame]:
    times = [c for c, t in history.schema.items() if isinstance(t, pl.Datetime)]
    figures = [c for c in PROGRESS_FIGURES if c in history.columns]
    if not times or not figures:
        return []
    return [history.select("project", pl.col(times[0]).dt.replace_time_zone(None).dt.replace_time_zone("UTC")
                           .cast(pl.Datetime("us", "UTC")).alias("at"),
                           *[_count(history, c) for c in figures])]


def _count(history: pl.DataFrame, column: str) -> pl.Expr:
    """A figure as a count: numbers as they are; ``sync_history.conflicts`` holds the open conflicts as a
    JSON list, counted by its length."""
    if history.schema[column] == pl.String:
        return pl.col(column).str.json_decode(pl.List(pl.Struct({"path": pl.String}))).list.len().cast(pl.Int64)
    return pl.col(column).cast(pl.Int64)


def latest_progress(progress: pl.DataFrame | None) -> pl.DataFrame:
    """The current ``migration_progress`` rows, most behind project first."""
    if not _has(progress, "project"):
        return pl.DataFrame(schema={"project": pl.String})
    order = "progress_pct" if "progress_pct" in progress.columns else "project"
    return progress.sort(order, "project")


def totals(progress: pl.DataFrame | None) -> dict[str, float]:
    """Sums of the progress figures across projects, and the overall validated share."""
    if not _has(progress, "project"):
        return {"projects": 0}
    out: dict[str, float] = {"projects": progress.height}
    for c in PROGRESS_FIGURES:
        if c in progress.columns:
            out[c] = int(progress[c].fill_null(0).sum())
    if out.get("glue_entities"):
        out["progress_pct"] = round(100.0 * out.get("validated", 0) / out["glue_entities"], 1)
    return out


def needs_human(converted_code: pl.DataFrame | None, validation: pl.DataFrame | None,
                drift: pl.DataFrame | None, ddl: pl.DataFrame | None = None) -> pl.DataFrame:
    """Everything a person must look at now, most urgent first: critical validation failures, failed,
    conflicting or flagged files, DDL errors and open drift."""
    parts = []
    if _has(converted_code, "project", "source_path", "status"):
        code = converted_code
        detail = pl.coalesce([pl.col(c).cast(pl.String) for c in ("error", "detail") if c in code.columns]
                             + [pl.lit("")])
        parts.append(code.filter(pl.col("status").is_in(HUMAN_FILE_STATUSES)).select(
            "project", what=pl.when(pl.col("status") == "flagged").then(pl.lit("flagged file"))
            .otherwise(pl.lit("failed file")), item="source_path", detail=detail))
        if "conflict" in code.columns:
            parts.append(code.filter(pl.col("conflict").is_not_null()).select(
                "project", what=pl.lit("sync conflict"), item=pl.coalesce("target_path", "source_path")
                if "target_path" in code.columns else pl.col("source_path"), detail="conflict"))
    if _has(validation, "project", "passed", "severity"):
        parts.append(validation.filter(~pl.col("passed") & (pl.col("severity") == "critical")).select(
            "project", what=pl.lit("critical validation"),
            item=pl.concat_str([pl.col("source_path").fill_null(""), pl.col("check")], separator=": ")
            if "check" in validation.columns else pl.col("source_path"),
            detail=pl.col("message") if "message" in validation.columns else pl.lit("")))
    if _has(drift, "project", "resolved"):
        parts.append(drift.filter(~pl.col("resolved").fill_null(False)).select(
            "project", what=pl.lit("open drift"),
            item=pl.concat_str([pl.col("table"), pl.col("column").fill_null("")], separator=" ").str.strip_chars(),
            detail=pl.concat_str([pl.col("severity").fill_null(""), pl.col("drift_type").fill_null(""),
                                  pl.col("details").fill_null("")], separator=" ").str.strip_chars()))
    if _has(ddl, "project", "status"):
        error = pl.col("status") == "error"
        if "apply_error" in ddl.columns:
            error = error | pl.col("apply_error").is_not_null()
        parts.append(ddl.filter(error).select(
            "project", what=pl.lit("DDL error"),
            item=pl.coalesce("target_full_name", "source_file") if "target_full_name" in ddl.columns
            else pl.col("source_file"),
            detail=pl.col("apply_error").fill_null("") if "apply_error" in ddl.columns else pl.lit("")))
    parts = [p.select(*[pl.col(c).cast(t) for c, t in NEEDS_HUMAN_SCHEMA.items()]) for p in parts]
    if not parts:
        return pl.DataFrame(schema=NEEDS_HUMAN_SCHEMA)
    rank = pl.col("what").replace_strict(KIND_ORDER, default=len(KIND_ORDER))
    return pl.concat(parts).sort(rank, "project", "item")


def last_sync(progress: pl.DataFrame | None, glue_repo: pl.DataFrame | None = None,
              sync_history: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per project: when it last synced, the Glue commit it came from and the target commit it wrote."""
    schema = {"project": pl.String, "last_sync": pl.Datetime("us", "UTC"), "glue_commit": pl.String,
              "sync_commit": pl.String}
    rows = pl.DataFrame(schema=schema)
    if _has(progress, "project"):
        rows = progress.select(*[pl.col(c).cast(t) if c in progress.columns else pl.lit(None, t).alias(c)
                                 for c, t in schema.items()])
    if _has(glue_repo, "project", "repo", "commit"):
        glue = (glue_repo.filter(pl.col("repo") == "glue").group_by("project")
                .agg(pl.col("commit").first().alias("glue_head")))
        rows = (rows.join(glue, on="project", how="full", coalesce=True)
                .with_columns(glue_commit=pl.coalesce("glue_commit", "glue_head")).drop("glue_head"))
    if _has(sync_history, "project"):
        times = [c for c, t in sync_history.schema.items() if isinstance(t, pl.Datetime)]
        if times:
            latest = (sync_history.sort(times[0]).group_by("project").last()
                      .select("project", pl.col(times[0]).cast(pl.Datetime("us", "UTC")).alias("synced")))
            rows = (rows.join(latest, on="project", how="full", coalesce=True)
                    .with_columns(last_sync=pl.max_horizontal("last_sync", "synced")).drop("synced"))
    return rows.with_columns(glue_commit=pl.col("glue_commit").str.slice(0, 12),
                             sync_commit=pl.col("sync_commit").str.slice(0, 12)).sort("project")


def project_names(*frames: pl.DataFrame | None) -> list[str]:
    names: set[str] = set()
    for f in frames:
        if _has(f, "project"):
            names.update(n for n in f["project"].unique().to_list() if n)
    return sorted(names)


def for_project(df: pl.DataFrame | None, project: str) -> pl.DataFrame | None:
    return df.filter(pl.col("project") == project) if _has(df, "project") else df
