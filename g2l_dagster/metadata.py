"""Materialization metadata shared by the stages: schema, row count, commit, markdown tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import dagster as dg
import polars as pl

from g2l_core import markdown


def table_metadata(df: pl.DataFrame, glue_commit: str | None, **extra) -> dict:
    schema = dg.TableSchema(columns=[dg.TableColumn(name, str(dtype)) for name, dtype in df.schema.items()])
    meta = {"dagster/row_count": df.height, "dagster/column_schema": schema}
    if glue_commit:
        meta["glue_commit"] = dg.MetadataValue.text(glue_commit)
    return meta | extra


def md_table(rows: Iterable[Mapping] | pl.DataFrame, columns: Sequence[str], limit: int = 50,
             empty: str = "none") -> dg.MetadataValue:
    """A markdown metadata table (``g2l_core.markdown``) of ``rows`` or a frame's rows."""
    if isinstance(rows, pl.DataFrame):
        rows = rows.to_dicts()
    return dg.MetadataValue.md(markdown.md_table(rows, columns, limit=limit, empty=empty))
