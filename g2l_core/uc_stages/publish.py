"""Publish one project's stage tables to a Unity Catalog schema through a SQL warehouse.

The statements come from ``g2l_core.uc_stages.sql``; here they are run, in order: the schema's existing
columns (one information_schema query), the schema when it has no table yet, then per table: create it
if missing, add the columns it lacks, replace the project's rows. A table that cannot take the rows (a
column whose type changed, a failed statement) is reported and skipped; the others are still published.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone

import polars as pl

from g2l_core.uc_stages import sql

Run = Callable[[str], tuple[list[str], list[list]]]


@dataclass
class PublishReport:
    project: str
    location: str  # catalog.schema
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows published
    statements: int = 0
    errors: list[str] = field(default_factory=list)


def publish_project(run: Run, catalog: str, schema: str, project: str,
                    frames: Mapping[str, pl.DataFrame | None], max_rows: int = sql.MAX_ROWS,
                    max_chars: int = sql.MAX_CHARS, now: datetime | None = None) -> PublishReport:
    """Make ``project``'s rows of every table in ``frames`` (a local stage table, every project's rows, or
    None when it does not exist yet) equal in ``catalog.schema``, and append them to the history of the
    ``HISTORY_TABLES`` stamped ``now``. ``run(sql) -> (columns, rows)``."""
    now = now or datetime.now(timezone.utc)
    report = PublishReport(project, f"{catalog}.{schema}")

    def execute(statement: str) -> tuple[list[str], list[list]]:
        report.statements += 1
        return run(statement)

    existing: dict[str, list[tuple[str, str]]] = {}
    for table, column, full_type in execute(sql.columns_query(catalog, schema))[1]:
        existing.setdefault(table.lower(), []).append((column, full_type))
    if not existing:  # only then: a schema that exists needs no CREATE SCHEMA privilege on the catalog
        execute(sql.create_schema(catalog, schema))
    for stage, frame in frames.items():
        if frame is None:
            continue
        rows = frame.filter(pl.col(sql.PARTITION_COLUMN) == project)
        tables = [(stage, rows, project)]
        if stage in sql.HISTORY_TABLES:
            tables.append((sql.history_table(stage), sql.history_rows(rows, now), None))
        for table, table_rows, replace in tables:
            try:
                report.rows[table] = _publish_table(execute, catalog, schema, table, table_rows,
                                                    existing.get(table.lower()), replace, max_rows, max_chars)
            except (RuntimeError, ValueError) as exc:  # a failed statement or a table that cannot take the rows
                report.errors.append(f"{table}: {exc}")
    return report


def _publish_table(execute: Run, catalog: str, schema: str, stage: str, rows: pl.DataFrame,
                   columns: list[tuple[str, str]] | None, project: str | None, max_rows: int, max_chars: int) -> int:
    """Create or widen the table, then replace ``project``'s rows with ``rows`` (append them when None)."""
    name = sql.table_name(catalog, schema, stage)
    if columns is None:
        execute(sql.create_table(name, rows.schema, stage))
        columns = [(c, sql.sql_type(t)) for c, t in rows.schema.items()]
    else:
        add, problems = sql.column_plan(columns, rows.schema, f"{catalog}.{schema}.{stage}")
        if problems:
            raise ValueError("; ".join(problems))
        if add:
            execute(sql.add_columns(name, add))
            columns = columns + [(c, sql.sql_type(t)) for c, t in add]
    names = [c for c, _ in columns]
    statements = (sql.insert_rows(name, names, rows, max_rows, max_chars) if project is None
                  else sql.replace_partition(name, names, rows, project, max_rows, max_chars))
    for statement in statements:
        execute(statement)
    return rows.height
