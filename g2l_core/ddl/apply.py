"""Apply converted DDL to the embedded local warehouse through a Spark Connect session (pysail).

The committed DDL is Databricks DDL; only this local apply adapts it to what pysail supports:

- every table gets a LOCATION under ``warehouse_dir/<catalog>/<schema>/<table>`` (registered by
  location, so dropping a registration never deletes data and a new session can re-register it);
- CLUSTER BY is not supported by pysail: the table is created unclustered (noted);
- pysail has no ALTER TABLE: additive column changes are applied by reading the table, adding
  NULL columns and rewriting it with ``overwriteSchema`` (rows kept), then re-registering it;
- pysail drops column metadata on write and cannot COMMENT ON: column and table comments are set
  on the Delta log with the ``deltalake`` writer (a metadata-only commit);
- pysail's catalog is in memory and its schema check on re-registering a partitioned Delta
  location fails (dictionary-encoded partition values), so an existing location is registered
  without a declared schema: the Delta log carries columns, comments and partitioning, and
  ``read_table_schema`` reads them from there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlglot

from g2l_core.engine import table_location

from . import transforms as tx
from .differences import missing_columns, table_comment, unapplied_differences
from .model import (
    KIND_SCHEMA, KIND_VIEW, STATUS_ERROR, ApplyOutcome, ApplyReport, Column, TableResult, TableSchemaInfo,
)
from .types import normalize_type


def _q(name: str) -> str:
    return ".".join(f"`{p.replace('`', '``')}`" for p in name.split("."))


def _delta_log_schema(location: Path) -> tuple[list[Column], list[str], str | None] | None:
    """Columns (with comments and nullability), partition columns and description from the Delta log."""
    if not (location / "_delta_log").is_dir():
        return None
    from deltalake import DeltaTable
    from pyspark.sql.types import StructType

    dt = DeltaTable(str(location))
    struct = StructType.fromJson(json.loads(dt.schema().to_json()))
    cols = [Column(f.name, normalize_type(f.dataType.simpleString()), f.nullable, (f.metadata or {}).get("comment"))
            for f in struct.fields]
    meta = dt.metadata()
    return cols, list(meta.partition_columns), meta.description


def _table_exists(spark: Any, full_name: str) -> bool:
    try:
        return bool(spark.catalog.tableExists(_q(full_name)))
    except Exception:  # noqa: BLE001 - missing schema raises on some engines
        return False


def _describe(spark: Any, full_name: str) -> tuple[dict[str, str | None], list[str], dict[str, str | None]]:
    """DESCRIBE TABLE EXTENDED -> (column comments, partition columns, detail rows)."""
    comments: dict[str, str | None] = {}
    partitions: list[str] = []
    details: dict[str, str | None] = {}
    section = "columns"
    for row in spark.sql(f"DESCRIBE TABLE EXTENDED {_q(full_name)}").collect():
        name, dtype, comment = row[0], row[1], row[2]
        if name.startswith("# Partition"):
            section = "partitions"
        elif name.startswith("# Detailed"):
            section = "details"
        elif not name or name.startswith("#"):
            continue
        elif section == "columns":
            comments[name.lower()] = comment
        elif section == "partitions":
            partitions.append(name)
        else:
            details[name] = dtype
    return comments, partitions, details


def read_table_schema(spark: Any, full_name: str) -> TableSchemaInfo | None:
    """The schema an applied table actually has: from its Delta log when it is a local Delta table,
    else from the engine (``spark.table`` schema + DESCRIBE). None when the table does not exist."""
    if not _table_exists(spark, full_name):
        return None
    comments, partitions, details = _describe(spark, full_name)
    location = details.get("Location")
    provider = details.get("Provider")
    from_log = _delta_log_schema(Path(location)) if location and Path(location).is_dir() else None
    if from_log is not None:
        cols, parts, description = from_log
        return TableSchemaInfo(full_name, cols, parts, description or details.get("Comment"), location, provider or "DELTA")
    struct = spark.table(_q(full_name)).schema
    cols = [Column(f.name, normalize_type(f.dataType.simpleString()), f.nullable,
                   comments.get(f.name.lower()) or (f.metadata or {}).get("comment")) for f in struct.fields]
    return TableSchemaInfo(full_name, cols, partitions, details.get("Comment"), location, provider)


def _schema_of(full_name: str) -> str:
    return ".".join(full_name.split(".")[:-1])


def _ensure_schema(spark: Any, schema: str, done: set[str]) -> None:
    if schema.lower() not in done:
        spark.sql(f"CREATE SCHEMA IF NOT EXISTS {_q(schema)}")
        done.add(schema.lower())


def _register(spark: Any, full_name: str, location: Path) -> None:
    if _table_exists(spark, full_name):
        spark.sql(f"DROP TABLE {_q(full_name)}")
    spark.sql(f"CREATE TABLE {_q(full_name)} USING DELTA LOCATION '{location.as_posix()}'")


def _evolve(spark: Any, r: TableResult, location: Path, actual: list[Column], partitions: list[str]) -> list[str]:
    """Add the columns ``r`` declares and the table lacks, keeping every row and existing column."""
    from pyspark.sql import functions as F

    have = {c.name.lower() for c in actual}
    missing = missing_columns(r, actual)
    df = spark.read.format("delta").load(location.as_posix())
    select = []
    for c in r.columns:
        if c.name.lower() in have:
            select.append(F.col(f"`{c.name}`"))
        else:
            meta = {"comment": c.comment} if c.comment else {}
            select.append(F.lit(None).cast(c.type).alias(c.name, metadata=meta))
    declared = {c.name.lower() for c in r.columns}
    select += [F.col(f"`{c.name}`") for c in actual if c.name.lower() not in declared]
    (df.select(*select).write.format("delta").mode("overwrite").option("overwriteSchema", "true")
     .partitionBy(*partitions).save(location.as_posix()))
    notes = [f"added column {c.name} {c.type} (existing rows get NULL)" for c in missing]
    notes += [f"column {c.name} declared NOT NULL but added as nullable (existing rows)" for c in missing if not c.nullable]
    return notes


def _sync_comments(r: TableResult, location: Path, table_comment: str | None) -> list[str]:
    """Set column comments the DDL declares and the Delta log lacks or spells differently."""
    from deltalake import DeltaTable

    current = _delta_log_schema(location)
    if current is None:
        return []
    cols, _, description = current
    by_name = {c.name.lower(): c for c in cols}
    dt = DeltaTable(location.as_posix())
    notes = []
    for c in r.columns:
        have = by_name.get(c.name.lower())
        if have is not None and c.comment and (have.comment or "") != c.comment:
            dt.alter.set_column_metadata(have.name, {"comment": c.comment})
            notes.append(f"comment of {c.name} set")
    if table_comment and (description or "") != table_comment:
        dt.alter.set_table_description(table_comment)
        notes.append("table comment set")
    return notes


def _apply_table(spark: Any, r: TableResult, warehouse_dir: Path, schemas: set[str]) -> ApplyOutcome:
    full = r.target_full_name
    location = table_location(warehouse_dir, full)
    _ensure_schema(spark, _schema_of(full), schemas)
    notes = []
    if r.cluster_columns:
        notes.append(f"CLUSTER BY ({', '.join(r.cluster_columns)}) not supported by the local engine: created unclustered")
    existing = _delta_log_schema(location)
    if existing is None:
        if _table_exists(spark, full):
            spark.sql(f"DROP TABLE {_q(full)}")
        create = sqlglot.parse_one(r.ddl, read="databricks")
        if create.find(sqlglot.exp.LikeProperty) is not None:
            notes.append("created locally as an empty copy of the columns it is LIKE (the local engine has no "
                         "CREATE TABLE ... LIKE), without that table's partitioning")
        local = tx.local_apply_form(create, location.as_posix()).sql("databricks")
        location.parent.mkdir(parents=True, exist_ok=True)
        spark.sql(local)
        return ApplyOutcome(full, "created", str(location), notes)
    actual, partitions, _ = existing
    notes += unapplied_differences(r, actual, partitions, "locally")
    if missing_columns(r, actual):
        notes += _evolve(spark, r, location, actual, partitions)
        notes += _sync_comments(r, location, table_comment(r.ddl))
        _register(spark, full, location)
        return ApplyOutcome(full, "evolved", str(location), notes)
    comment_notes = _sync_comments(r, location, table_comment(r.ddl))
    notes += comment_notes
    if not _table_exists(spark, full):
        _register(spark, full, location)
        return ApplyOutcome(full, "registered", str(location), notes)
    return ApplyOutcome(full, "updated" if comment_notes else "unchanged", str(location), notes)


def _inputs(ddl: str) -> list[str]:
    """The three-part names of the tables a view or CTAS reads (``CREATE TABLE ... LIKE`` copies): conversion
    qualifies every one of them, so a shorter name is a CTE's."""
    from sqlglot import exp

    try:
        create = sqlglot.parse_one(ddl, read="databricks")
    except sqlglot.errors.SqlglotError:
        return []  # applying it reports what is wrong
    tables = [p.this for p in (create.args.get("properties") or exp.Properties()).expressions
              if isinstance(p, exp.LikeProperty)]
    if create.expression is not None:
        tables += list(create.expression.find_all(exp.Table))
    names = [".".join(part.name for part in (t.args.get("catalog"), t.args.get("db"), t.this))
             for t in tables if isinstance(t, exp.Table) and t.args.get("catalog") is not None and t.name]
    return list(dict.fromkeys(names))


def _apply_readers(spark: Any, readers: list[TableResult], warehouse_dir: Path, schemas: set[str]) -> list[ApplyOutcome]:
    """Views and CTAS tables, each once every table it reads exists: in passes, so one reading another goes after
    it whatever the source order. One reading a table the catalog lacks is skipped, naming it (a view over a
    crawler's table, say): applying it could only fail."""
    done: dict[int, ApplyOutcome] = {}
    pending = list(range(len(readers)))
    while pending:
        ready = [i for i in pending if not [t for t in _inputs(readers[i].ddl) if not _table_exists(spark, t)]]
        for i in ready:
            r = readers[i]
            try:
                if r.table_kind == KIND_VIEW:
                    _ensure_schema(spark, _schema_of(r.target_full_name), schemas)
                    spark.sql(r.ddl)
                    done[i] = ApplyOutcome(r.target_full_name, "replaced")
                else:
                    done[i] = _apply_table(spark, r, warehouse_dir, schemas)
            except Exception as e:  # noqa: BLE001
                done[i] = ApplyOutcome(r.target_full_name, "failed", error=_error_text(e))
        if not ready:
            break
        pending = [i for i in pending if i not in done]
    for i in pending:
        missing = [t for t in _inputs(readers[i].ddl) if not _table_exists(spark, t)]
        done[i] = ApplyOutcome(readers[i].target_full_name, "skipped", notes=[
            f"not applied: it reads {', '.join(missing)}, which the catalog does not have (no DDL source defines it, "
            "or its own statement did not apply); it applies once that exists"])
    return [done[i] for i in range(len(readers))]


def _error_text(e: Exception) -> str:
    return f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else e}"


def apply_tables(spark: Any, results: list[TableResult], warehouse_dir: Path) -> ApplyReport:
    """Create/evolve every converted schema, table and view; idempotent. Error rows and non-DDL rows
    are skipped; a failure on one object is recorded and the rest still apply. Views and CTAS tables go
    last because they read the tables (``_apply_readers``)."""
    warehouse_dir = Path(warehouse_dir)
    schemas: set[str] = set()
    outcomes: list[ApplyOutcome] = []
    readers = []
    for r in results:
        if r.status == STATUS_ERROR or not r.ddl or not r.target_full_name:
            outcomes.append(ApplyOutcome(r.target_full_name, "skipped", notes=[f"{r.source_file} statement {r.statement_index}: nothing to apply ({r.status})"]))
            continue
        try:
            if r.table_kind == KIND_SCHEMA:
                _ensure_schema(spark, r.target_full_name, schemas)
                outcomes.append(ApplyOutcome(r.target_full_name, "created"))
            elif r.table_kind == KIND_VIEW or r.from_query:
                readers.append(r)
            else:
                outcomes.append(_apply_table(spark, r, warehouse_dir, schemas))
        except Exception as e:  # noqa: BLE001 - keep applying the others
            outcomes.append(ApplyOutcome(r.target_full_name, "failed", error=_error_text(e)))
    return ApplyReport(outcomes + _apply_readers(spark, readers, warehouse_dir, schemas))
