"""Reading a stage's previously stored rows, for stages that carry state across runs."""

from __future__ import annotations

from pathlib import Path

import polars as pl


def previous_rows(stages: Path, asset: str, project: str) -> pl.DataFrame | None:
    """Rows the IO manager stored for ``project`` last time, or None on the first run."""
    table = stages / asset
    if not (table / "_delta_log").is_dir():
        return None
    rows = pl.read_delta(str(table)).filter(pl.col("project") == project)
    return rows if rows.height else None
