"""Unity Catalog on a Databricks workspace, through the SQL Statement Execution API.

The same two jobs the local apply does for the embedded warehouse, against the real catalog:

- read back the schema each table actually has (``information_schema``: two queries per schema,
  whatever the number of tables), so drift compares Glue with Unity Catalog as it is;
- apply converted DDL idempotently: create what is missing, add the columns a table lacks
  (``ALTER TABLE ... ADD COLUMNS``; existing rows read NULL), align comments, and report type and
  partitioning differences instead of rewriting data.

SQL text is built here and results are parsed here (pure functions); ``client`` is anything with
``execute(sql) -> StatementResult`` (``StatementExecutionClient``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .differences import missing_columns, table_comment, unapplied_differences
from .model import (
    KIND_SCHEMA, KIND_VIEW, STATUS_ERROR, ApplyOutcome, ApplyReport, Column, TableResult, TableSchemaInfo,
)
from .statement_api import StatementExecutionError
from .types import normalize_type

COLUMNS_QUERY = ("SELECT table_name, column_name, full_data_type, is_nullable, comment, partition_index "
                 "FROM {catalog}.information_schema.columns WHERE table_schema = {schema} "
                 "ORDER BY table_name, ordinal_position")
TABLES_QUERY = ("SELECT table_name, table_type, comment, data_source_format, storage_path "
                "FROM {catalog}.information_schema.tables WHERE table_schema = {schema}")


def _ident(name: str) -> str:
    return f"`{name.replace('`', '``')}`"


def _qualified(full_name: str) -> str:
    return ".".join(_ident(p) for p in full_name.split("."))


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def schema_queries(catalog: str, schema: str) -> tuple[str, str]:
    """The information_schema queries for one schema: (columns, tables). Unity Catalog stores names in lower case."""
    args = {"catalog": _ident(catalog.lower()), "schema": _literal(schema.lower())}
    return COLUMNS_QUERY.format(**args), TABLES_QUERY.format(**args)


def schemas_from_rows(catalog: str, schema: str, column_rows: Iterable[Sequence[Any]],
                      table_rows: Iterable[Sequence[Any]]) -> dict[str, TableSchemaInfo]:
    """``TableSchemaInfo`` per lower-case full name from the rows of ``schema_queries`` (views included)."""
    prefix = f"{catalog}.{schema}.".lower()
    tables: dict[str, TableSchemaInfo] = {}
    for name, table_type, comment, fmt, path in table_rows:
        provider = fmt or ("VIEW" if (table_type or "").upper() == "VIEW" else None)
        tables[prefix + name.lower()] = TableSchemaInfo(prefix + name.lower(), [], [], comment or None, path, provider)
    partitions: dict[str, list[tuple[int, str]]] = {}
    for name, column, full_type, nullable, comment, partition_index in column_rows:
        info = tables.setdefault(prefix + name.lower(), TableSchemaInfo(prefix + name.lower(), []))
        info.columns.append(Column(column, normalize_type(full_type), str(nullable).upper() != "NO", comment or None))
        if partition_index is not None and str(partition_index) != "":
            partitions.setdefault(info.full_name, []).append((int(partition_index), column))
    for full_name, parts in partitions.items():
        tables[full_name].partition_columns = [c for _, c in sorted(parts)]
    return tables


def read_uc_schemas(client: Any, full_names: Iterable[str]) -> dict[str, TableSchemaInfo | None]:
    """The actual schema of each table (None when it does not exist), keyed by the names as given."""
    names = list(dict.fromkeys(full_names))
    found: dict[str, TableSchemaInfo] = {}
    for catalog, schema in sorted({tuple(n.lower().split(".")[:2]) for n in names}):
        columns_sql, tables_sql = schema_queries(catalog, schema)
        found.update(schemas_from_rows(catalog, schema, client.execute(columns_sql).rows,
                                       client.execute(tables_sql).rows))
    return {n: found.get(n.lower()) for n in names}


def _comment_sql(text: str | None) -> str:
    return f" COMMENT {_literal(text)}" if text else ""


def plan_table_changes(r: TableResult, actual: TableSchemaInfo, table_comment: str | None) -> tuple[list[str], list[str]]:
    """(statements, notes) that bring an existing table to what ``r`` declares without touching its data:
    missing columns added, comments aligned; type and partitioning differences only noted."""
    by_name = {c.name.lower(): c for c in actual.columns}
    missing = missing_columns(r, actual.columns)
    full = _qualified(r.target_full_name)
    statements, notes = [], []
    if missing:
        statements.append(f"ALTER TABLE {full} ADD COLUMNS ("
                          + ", ".join(f"{_ident(c.name)} {c.type}{_comment_sql(c.comment)}" for c in missing) + ")")
        notes += [f"added column {c.name} {c.type} (existing rows read NULL)" for c in missing]
        notes += [f"column {c.name} declared NOT NULL but added as nullable (existing rows)" for c in missing if not c.nullable]
    notes += unapplied_differences(r, actual.columns, actual.partition_columns, "on Databricks")
    for c in r.columns:
        have = by_name.get(c.name.lower())
        if have is not None and c.comment and (have.comment or "") != c.comment:
            statements.append(f"ALTER TABLE {full} ALTER COLUMN {_ident(have.name)} COMMENT {_literal(c.comment)}")
            notes.append(f"comment of {c.name} set")
    if table_comment and (actual.comment or "") != table_comment:
        statements.append(f"COMMENT ON TABLE {full} IS {_literal(table_comment)}")
        notes.append("table comment set")
    return statements, notes


def _error(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def apply_to_workspace(client: Any, results: list[TableResult]) -> ApplyReport:
    """Apply converted DDL to Unity Catalog on a workspace; idempotent. Schemas first, views and CTAS tables
    last (they read the tables); a failure on one object is recorded and the rest still apply."""
    outcomes: list[ApplyOutcome] = []
    schemas, tables, views = [], [], []
    for r in results:
        if r.status == STATUS_ERROR or not r.ddl or not r.target_full_name:
            outcomes.append(ApplyOutcome(r.target_full_name, "skipped", notes=[
                f"{r.source_file} statement {r.statement_index}: nothing to apply ({r.status})"]))
        else:
            (views if r.from_query else {KIND_SCHEMA: schemas, KIND_VIEW: views}.get(r.table_kind, tables)).append(r)
    outcomes += [_run_ddl(client, r, "created") for r in schemas]
    try:
        actual = read_uc_schemas(client, [r.target_full_name for r in tables])
    except StatementExecutionError as e:
        return ApplyReport(outcomes + [ApplyOutcome(r.target_full_name, "failed",
                                                    error=f"reading information_schema: {_error(e)}")
                                       for r in tables + views])
    for r in tables:
        try:
            have = actual[r.target_full_name]
            if have is None:
                outcomes.append(_run_ddl(client, r, "created"))
                continue
            statements, notes = plan_table_changes(r, have, table_comment(r.ddl))
            for sql in statements:
                client.execute(sql)
            action = "evolved" if missing_columns(r, have.columns) else "updated" if statements else "unchanged"
            outcomes.append(ApplyOutcome(r.target_full_name, action, have.location, notes))
        except StatementExecutionError as e:
            outcomes.append(ApplyOutcome(r.target_full_name, "failed", error=_error(e)))
    return ApplyReport(outcomes + [_run_ddl(client, r, "created" if r.from_query else "replaced") for r in views])


def _run_ddl(client: Any, r: TableResult, action: str) -> ApplyOutcome:
    try:
        client.execute(r.ddl)
        return ApplyOutcome(r.target_full_name, action)
    except StatementExecutionError as e:
        return ApplyOutcome(r.target_full_name, "failed", error=_error(e))
