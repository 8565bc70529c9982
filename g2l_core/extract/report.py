"""Markdown summaries of an inventory frame, for materialization metadata (``MetadataValue.md``)."""

from __future__ import annotations

import polars as pl

from g2l_core.extract.rows import ENTITY_TYPES, FILE_LEVEL_TYPES
from g2l_core.markdown import md_table


def _table(header: list[str], rows: list[list]) -> str:
    return md_table([dict(zip(header, row)) for row in rows], header, limit=len(rows))


def metadata_markdown(frame: pl.DataFrame) -> dict[str, str]:
    """Keys: ``entity_counts``, ``most_complex_jobs``, ``glue_api_usage``, ``parse_errors``."""
    lazy = frame.lazy()
    # glue_api_calls is a JSON object of name -> count; split the pairs in polars instead of parsing each row.
    api_plan = (lazy.filter((pl.col("source_type") == "glue") & pl.col("entity_type").is_in(FILE_LEVEL_TYPES))
                .select(pl.col("glue_api_calls").str.strip_chars("{}").str.split(", ").alias("pair"))
                .explode("pair").filter(pl.col("pair").str.len_bytes() > 0)
                .select(pl.col("pair").str.split_exact(": ", 1).alias("kv"))
                .select(pl.col("kv").struct.field("field_0").str.strip_chars('"').alias("api"),
                        pl.col("kv").struct.field("field_1").cast(pl.Int64).alias("n"))
                .group_by("api").agg(pl.col("n").sum().alias("calls"), pl.len().alias("files"))
                .sort(["calls", "api"], descending=[True, False]))
    counts_df, jobs, pairs, bad = pl.collect_all([
        lazy.group_by("entity_type", "source_type").len(),
        lazy.filter(pl.col("entity_type") == "job")
        .sort(["complexity", "lines_of_code", "full_path"], descending=[True, True, False], nulls_last=True)
        .head(10).select("source_type", "full_path", "complexity", "lines_of_code", "file_path"),
        api_plan,
        lazy.filter(pl.col("parse_error").is_not_null()).sort("source_type", "file_path")
        .select("source_type", "file_path", "parse_error"),
    ])
    counts = {(et, st): n for et, st, n in counts_df.iter_rows()}
    sources = sorted({s for _, s in counts}) or ["glue", "databricks"]
    count_rows = [[et, *(counts.get((et, s), 0) for s in sources), sum(counts.get((et, s), 0) for s in sources)]
                  for et in ENTITY_TYPES]
    count_rows.append(["total", *(sum(counts.get((et, s), 0) for et in ENTITY_TYPES) for s in sources), frame.height])
    return {
        "entity_counts": _table(["entity type", *sources, "total"], count_rows),
        "most_complex_jobs": _table(["source", "job", "complexity", "lines of code", "file"],
                                    [list(r) for r in jobs.iter_rows()]) if jobs.height else "No jobs found.",
        "glue_api_usage": _table(["Glue API", "calls", "files"], [list(r) for r in pairs.iter_rows()])
        if pairs.height else "No Glue API calls found.",
        "parse_errors": _table(["source", "file", "error"], [list(r) for r in bad.iter_rows()])
        if bad.height else "All files parsed.",
    }
