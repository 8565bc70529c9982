"""The statements that publish stage tables to Unity Catalog: text in, text out, no I/O.

Every table holds one ``project`` partition per migration project, and a publish replaces one project's
rows only: ``INSERT INTO ... REPLACE WHERE project = '<p>' VALUES ...`` (Delta's selective overwrite:
one atomic commit, so a reader never sees the project half written), then plain ``INSERT`` for the
batches after the first when a project has more rows than one bounded statement carries. ``REPLACE
WHERE`` takes no column list, so values are written in the Unity Catalog table's column order, NULL
for columns the local table lacks.

They run through the project's SQL warehouse (Statement Execution API, like the DDL), not through the
Spark engine: the stage tables must reach Unity Catalog whenever a project is configured for Databricks,
whichever engine ran its stages (the embedded one by default).

Tables in ``HISTORY_TABLES`` are also appended to ``<table>_history`` with a ``published_at`` stamp, from
which the App rebuilds progress over time in one query.

String literals escape backslashes and quotes with a backslash: Databricks SQL reads ``\\`` escapes in
literals, and two adjacent quotes are two concatenated literals there, not an escaped quote.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import polars as pl

from g2l_core.dashboard.uc_types import HISTORY_SUFFIX, PUBLISHED_AT, field_name, polars_type, sql_type
from g2l_core.options import quote_identifier

PARTITION_COLUMN = "project"
HISTORY_TABLES = ("migration_progress",)  # the App shows these over time: each publish also appends to <t>_history
MAX_ROWS = 500
MAX_CHARS = 4_000_000  # the Statement Execution API takes statements up to 16 MiB
SCHEMA_COMMENT = "g2l stage tables: migration state per project, read by the g2l dashboard App"


def table_name(catalog: str, schema: str, table: str) -> str:
    return ".".join(quote_identifier(p) for p in (catalog, schema, table))


def string_literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def literal(value: Any, dtype: pl.DataType) -> str:
    """``value`` (a Python value of a column of ``dtype``) as a Databricks SQL literal of that column's type.
    Arrays and structs are cast to their declared type, so that empty arrays and null fields keep it."""
    if value is None:
        return "NULL"
    if isinstance(dtype, (pl.List, pl.Array)):
        items = ", ".join(literal(v, dtype.inner) for v in value)
        return f"CAST(array({items}) AS {sql_type(dtype)})"
    if isinstance(dtype, pl.Struct):
        fields = ", ".join(f"{string_literal(f.name)}, {literal(value.get(f.name), f.dtype)}" for f in dtype.fields)
        return f"CAST(named_struct({fields}) AS {sql_type(dtype)})"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f"CAST('{'NaN' if math.isnan(value) else ('-' if value < 0 else '') + 'Infinity'}' AS DOUBLE)"
        text = repr(value)
        return text if "e" in text else f"{text}E0"  # an exponent makes it a DOUBLE literal, not a DECIMAL
    if isinstance(value, Decimal):
        return f"CAST('{value}' AS {sql_type(dtype)})"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return f"TIMESTAMP_NTZ'{value.isoformat(sep=' ')}'"
        return f"TIMESTAMP'{value.astimezone(timezone.utc).replace(tzinfo=None).isoformat()}Z'"
    if isinstance(value, date):
        return f"DATE'{value.isoformat()}'"
    if isinstance(value, str):
        return string_literal(value)
    raise ValueError(f"no SQL literal for {type(value).__name__} value in a {dtype} column")


def create_schema(catalog: str, schema: str) -> str:
    return (f"CREATE SCHEMA IF NOT EXISTS {quote_identifier(catalog)}.{quote_identifier(schema)} "
            f"COMMENT {string_literal(SCHEMA_COMMENT)}")


def create_table(name: str, schema: pl.Schema, stage: str) -> str:
    """The table for a stage, clustered by project (each publish rewrites one project's rows)."""
    columns = ",\n  ".join(f"{field_name(c)} {sql_type(t)}" for c, t in schema.items())
    cluster = f"\nCLUSTER BY ({PARTITION_COLUMN})" if PARTITION_COLUMN in schema else ""
    return (f"CREATE TABLE IF NOT EXISTS {name} (\n  {columns}\n)\nUSING DELTA{cluster}\n"
            f"COMMENT {string_literal(f'g2l stage table {stage}: one project partition per migration project')}")


def column_plan(existing: Sequence[tuple[str, str]], schema: pl.Schema,
                table: str) -> tuple[list[tuple[str, pl.DataType]], list[str]]:
    """(columns to add, problems) to make a Unity Catalog table with ``existing`` (name, type text) columns
    take rows of a local frame with ``schema``. A column whose type changed is a problem named for the
    person who must resolve it (types are never changed by rewriting data)."""
    have = {name.lower(): text for name, text in existing}
    add, problems = [], []
    for name, dtype in schema.items():
        text = have.get(name.lower())
        if text is None:
            add.append((name, dtype))
        elif polars_type(text) != polars_type(sql_type(dtype)):
            problems.append(f"{table}.{name} is {text} in Unity Catalog but {sql_type(dtype)} in the stage table: "
                            "drop the Unity Catalog table and the next run recreates it")
    return add, problems


def add_columns(name: str, columns: Sequence[tuple[str, pl.DataType]]) -> str:
    return f"ALTER TABLE {name} ADD COLUMNS ({', '.join(f'{field_name(c)} {sql_type(t)}' for c, t in columns)})"


def replace_partition(name: str, table_columns: Sequence[str], rows: pl.DataFrame, project: str,
                      max_rows: int = MAX_ROWS, max_chars: int = MAX_CHARS) -> list[str]:
    """Statements that make ``project``'s rows of table ``name`` (columns ``table_columns``, in its order)
    equal to ``rows``: a DELETE when there are none, else a REPLACE WHERE of the first bounded batch and
    INSERTs of the rest. Every row must belong to ``project``."""
    where = f"{quote_identifier(PARTITION_COLUMN)} = {string_literal(project)}"
    if rows.height == 0:
        return [f"DELETE FROM {name} WHERE {where}"]
    if PARTITION_COLUMN not in rows.columns or rows[PARTITION_COLUMN].ne_missing(project).any():
        raise ValueError(f"{name}: every published row must have {PARTITION_COLUMN} = {project!r}")
    return insert_rows(name, table_columns, rows, max_rows, max_chars, replace_where=where)


def insert_rows(name: str, table_columns: Sequence[str], rows: pl.DataFrame, max_rows: int = MAX_ROWS,
                max_chars: int = MAX_CHARS, replace_where: str | None = None) -> list[str]:
    """INSERTs of ``rows`` in bounded batches, values in the table's column order (NULL where ``rows`` has
    no such column); with ``replace_where`` the first replaces the rows matching it."""
    lowered = {c.lower(): c for c in rows.columns}
    missing = sorted(set(lowered) - {c.lower() for c in table_columns})
    if missing:
        raise ValueError(f"{name}: the table lacks column(s) {', '.join(missing)}: add them before writing rows")
    picks = [(lowered.get(c.lower()), rows.schema.get(lowered.get(c.lower(), ""))) for c in table_columns]
    values = ["(" + ", ".join("NULL" if col is None else literal(row[col], dtype) for col, dtype in picks) + ")"
              for row in rows.iter_rows(named=True)]
    if not values:
        return []
    first = f"INSERT INTO {name} REPLACE WHERE {replace_where} VALUES\n" if replace_where else f"INSERT INTO {name} VALUES\n"
    return [(first if i == 0 else f"INSERT INTO {name} VALUES\n") + ",\n".join(batch)
            for i, batch in enumerate(batches(values, max_rows, max_chars))]


def history_table(stage: str) -> str:
    return f"{stage}{HISTORY_SUFFIX}"


def history_rows(rows: pl.DataFrame, published_at: datetime) -> pl.DataFrame:
    """``rows`` as appended to the table's history: stamped with when they were published."""
    return rows.with_columns(pl.lit(published_at, pl.Datetime("us", "UTC")).alias(PUBLISHED_AT))


def batches(values: Sequence[str], max_rows: int, max_chars: int) -> list[list[str]]:
    """``values`` in order, cut into batches of at most ``max_rows`` and about ``max_chars`` (a single value
    longer than that is a batch of its own)."""
    out: list[list[str]] = [[]]
    size = 0
    for text in values:
        if out[-1] and (len(out[-1]) >= max_rows or size + len(text) > max_chars):
            out.append([])
            size = 0
        out[-1].append(text)
        size += len(text) + 2
    return out


def columns_query(catalog: str, schema: str) -> str:
    """Every column of every table in the stage schema, in table order (one query for all tables)."""
    return (f"SELECT table_name, column_name, full_data_type FROM {quote_identifier(catalog)}.information_schema.columns "
            f"WHERE table_schema = {string_literal(schema.lower())} ORDER BY table_name, ordinal_position")
