"""Materialization metadata shared by the stages: schema, row count, commit, markdown tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import dagster as dg
import polars as pl


def table_metadata(df: pl.DataFrame, glue_commit: str | None, **extra) -> dict:
    schema = dg.TableSchema(columns=[dg.TableColumn(name, str(dtype)) for name, dtype in df.schema.items()])
    meta = {"dagster/row_count": df.height, "dagster/column_schema": schema}
    if glue_commit:
        meta["glue_commit"] = dg.MetadataValue.text(glue_commit)
    return meta | extra


def md_table(rows: Iterable[Mapping], columns: Sequence[str], limit: int = 50, empty: str = "none") -> dg.MetadataValue:
    rows = list(rows)
    if not rows:
        return dg.MetadataValue.md(f"_{empty}_")
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(_cell(row.get(c)) for c in columns) + " |")
    if len(rows) > limit:
        lines.append(f"\n_{len(rows) - limit} more rows in the table_")
    return dg.MetadataValue.md("\n".join(lines))


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")[:200]
