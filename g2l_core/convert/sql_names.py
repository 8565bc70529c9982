"""Glue table names inside Spark SQL text, found with sqlglot and replaced in the text as written.

On Glue, ``sales_db.orders`` in ``spark.sql(...)`` is a Glue catalog table; on Databricks a two-part name
resolves in the session's current catalog, which need not be the project's, and ``schema_map`` never reaches
it. Each such name becomes the Unity Catalog name ``uc_ddl`` gives the table, as ``table_names`` does for
``spark.table``. sqlglot only finds the names (their spans in the text); the text itself is never
regenerated, so comments, case and line breaks in the SQL stay as written. A text sqlglot cannot read is
left as it is.

Not Glue tables: one-part names (temporary views, CTEs, tables of the current database), names already
three-part (but ``glue_catalog.<database>.<table>``, Glue's Iceberg catalog), ``global_temp`` views, and file
sources such as ``parquet.`s3://...```.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from g2l_core.options import ConvertOptions, uc_schema

# Spark's file data sources, read as `format`.`path`: not databases
FILE_SOURCES = frozenset({"delta", "parquet", "orc", "json", "csv", "avro", "text", "binaryfile", "xml", "hive",
                          "jdbc", "iceberg", "hudi"})
NOT_DATABASES = FILE_SOURCES | {"global_temp"}
# The Spark catalog Glue 4 jobs set over the Glue Data Catalog for Iceberg (``iceberg_catalog``): a name in it,
# ``glue_catalog.<database>.<table>``, is a Glue table as a two-part name is.
GLUE_ICEBERG_CATALOG = "glue_catalog"
_DOTTED = re.compile(r"[A-Za-z_`][\w`-]*\s*\.\s*[A-Za-z_`]")


def is_glue_database(database: str) -> bool:
    """A two-part name's first part names a Glue database (not ``global_temp`` nor a file source)."""
    return database.lower() not in NOT_DATABASES


@dataclass(frozen=True)
class Reference:
    """A two-part Glue table name in SQL text: ``text[start:end]`` spells ``database.table``."""

    start: int
    end: int
    database: str
    table: str


def table_references(sql: str) -> list[Reference] | None:
    """The Glue table names in ``sql`` (one statement or several), in text order; None when sqlglot cannot
    read the text or reads a statement only as an opaque command (``MSCK REPAIR TABLE``, ``OPTIMIZE``)."""
    if not _DOTTED.search(sql):
        return []  # no two-part name at all: nothing to parse for (most Studio and temp-view SQL)
    import sqlglot
    from sqlglot import exp

    logger = logging.getLogger("sqlglot")
    level = logger.level
    logger.setLevel(logging.ERROR)  # "falling back to parsing as a 'Command'" is answered by the None below
    try:
        statements = sqlglot.parse(sql, read="spark")
    except (sqlglot.errors.SqlglotError, ValueError, RecursionError):
        return None
    finally:
        logger.setLevel(level)
    found: dict[int, Reference] = {}
    for statement in statements:
        if statement is None:
            continue
        if isinstance(statement, exp.Command):
            return None
        tables: set[tuple[str, str]] = set()
        for table in statement.find_all(exp.Table):
            ref = _reference(sql, table.args.get("catalog"), table.args.get("db"), table.this)
            if ref is not None:
                found[ref.start] = ref
                tables.add((ref.database.lower(), ref.table.lower()))
        for column in statement.find_all(exp.Column):  # `sales_db.orders.id` names its table's Glue name too
            ref = _reference(sql, column.args.get("catalog"), column.args.get("db"), column.args.get("table"))
            if ref is not None and (ref.database.lower(), ref.table.lower()) in tables:
                found[ref.start] = ref
    return [found[k] for k in sorted(found)]


def _reference(sql: str, catalog, db, name) -> Reference | None:
    from sqlglot import exp

    if not isinstance(db, exp.Identifier) or not isinstance(name, exp.Identifier):
        return None
    if not db.name or not name.name or not is_glue_database(db.name):
        return None
    first = db
    if catalog is not None:  # only the Iceberg catalog over the Glue catalog: its tables are Glue tables
        if not isinstance(catalog, exp.Identifier) or catalog.name.lower() != GLUE_ICEBERG_CATALOG:
            return None
        first = catalog
    start, end = first.meta.get("start"), name.meta.get("end")
    if start is None or end is None:
        return None
    return Reference(start, end + 1, db.name, name.name)


def qualified(sql: str, options: ConvertOptions) -> tuple[str, list[str]]:
    """``sql`` with each Glue table name replaced by its Unity Catalog name, and those names (in text
    order); ``sql`` itself when there is none or sqlglot cannot read it."""
    refs = table_references(sql) or []
    return replace(sql, [(r.start, r.end, options.table_name(r.database, r.table)) for r in refs]), \
        [options.table_name(r.database, r.table) for r in refs]


def replace(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced (spans do not overlap)."""
    out, at = [], 0
    for start, end, new in sorted(edits):
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)


def mapped_databases(text: str, options: ConvertOptions) -> list[str]:
    """Databases ``schema_map`` maps that ``text`` names as ``db.<something>`` (a plain word followed by a dot),
    for SQL the converter cannot qualify: the user must."""
    out = []
    for database in options.schema_map:
        if re.search(rf"(?<![\w.])`?{re.escape(database)}`?\s*\.", text, re.IGNORECASE):
            out.append(database)
    return out


def mapped_note(databases: Sequence[str], options: ConvertOptions, why: str) -> str:
    """The review note for SQL naming mapped Glue databases that the converter leaves as written."""
    names = ", ".join(f"{d} -> {options.catalog}.{uc_schema(options.schema_map, d)}" for d in databases)
    return (f"{why}; it names Glue database {names}: on Databricks a two-part name resolves in the current "
            "catalog, so name the Unity Catalog table in full")
