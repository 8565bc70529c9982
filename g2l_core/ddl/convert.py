"""Glue/Hive/Athena DDL -> Unity Catalog DDL, one ``TableResult`` per source statement.

Pure functions (text in, results out); reading folders is the only I/O and lives in
``convert_path``. A statement that cannot be converted becomes an error row naming its file and
statement number; the other statements of the file still convert.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import sqlglot
from sqlglot import exp

from . import transforms as tx
from g2l_core.options import DdlOptions, quote_identifier

from .hints import DELTA_MANIFEST, detect_storage, layout_notes, migration_hint
from .parse import code_start, is_partition_change
from .model import (
    KIND_EXTERNAL, KIND_MANAGED, KIND_OTHER, KIND_SCHEMA, KIND_VIEW, STATUS_CONVERTED, STATUS_ERROR,
    STATUS_FLAGGED, STATUS_SKIPPED, Column, TableResult,
)
from .formats.sql import FORMAT as SQL_FORMAT
from .sources import GlueTable, SourceStatement, comment_and_nullable, folder_files, is_ddl_source, read_source
from .templates import code_placeholders, placeholders, unresolved_message

_NOOP_STATEMENTS = {
    "MSCK": "MSCK REPAIR TABLE is not needed: Delta tracks its own partitions",
    "ADD_PARTITION": "ALTER TABLE ... ADD PARTITION is not needed: Delta tracks its own partitions",
    "DROP_PARTITION": "ALTER TABLE ... DROP PARTITION is not carried over: Delta tracks its own partitions (delete "
                      "the rows to drop their data)",
}


def _where(st: SourceStatement) -> str:
    line = f", line {st.line}" if st.line else ""
    return f"{st.file}: statement {st.index}{line}"


def _column_of(cd: exp.ColumnDef) -> Column:
    comment, nullable = comment_and_nullable(cd)
    return Column(cd.name, cd.args["kind"].sql("databricks"), nullable, comment)


def _names(prop: exp.Expression | None) -> list[str]:
    if prop is None:
        return []
    items = prop.this.expressions if isinstance(prop, exp.PartitionedByProperty) else prop.expressions
    return [e.name for e in items]


def _generate(e: exp.Expression) -> tuple[str, str | None]:
    """Databricks SQL for ``e``; second item says what sqlglot could not express, if anything."""
    try:
        return e.sql(dialect="databricks", pretty=True, unsupported_level=sqlglot.ErrorLevel.RAISE), None
    except sqlglot.errors.UnsupportedError as err:
        return e.sql(dialect="databricks", pretty=True), str(err)


def _with_time_formats(unsupported: str | None, source: exp.Expression) -> str | None:
    """``unsupported`` and the date formats of the source query g2l has no Databricks pattern for."""
    formats = tx.untranslated_time_formats(source) if isinstance(source, exp.Create) else []
    if not formats:
        return unsupported
    return "; ".join(filter(None, [unsupported, "date format " + ", ".join(map(repr, formats))
                                   + " has no Databricks pattern g2l knows: check the generated one"]))


def _error(st: SourceStatement, message: str, source_table: str | None = None) -> TableResult:
    return TableResult(
        source_file=st.file, statement_index=st.index, source_table=source_table, target_full_name=None, ddl=None,
        table_kind=KIND_OTHER, status=STATUS_ERROR, warnings=[f"{_where(st)}: {message}"], line=st.line,
    )


def shown_name(options: DdlOptions, schema: str, table: str) -> str:
    return _display_name(options.catalog, schema, table)


def _display_name(catalog: str, schema: str, table: str) -> str:
    """The three-level name as SQL spells it (parts that are not plain identifiers quoted)."""
    return ".".join(quote_identifier(p) for p in (catalog, schema, table))


def _ctas_hint(gt: GlueTable, keep_location: bool) -> str:
    hint = "filled by its AS SELECT when the DDL is applied: no data to migrate"
    if gt.location and keep_location:
        hint += f"; LOCATION '{gt.location}' is kept, so move Athena's earlier output away from it first"
    elif gt.location:
        hint += f" (Athena's earlier output in {gt.location} is not needed)"
    return hint


def _convert_table(st: SourceStatement, default_db: str, options: DdlOptions) -> TableResult:
    gt = st.table
    db = gt.database or default_db
    schema = options.target_schema(db)
    table = gt.name.lower()  # Unity Catalog (like the Glue catalog) stores names in lower case
    target = f"{options.catalog}.{schema}.{table}"
    storage = detect_storage(gt)
    keep_location = bool(gt.location) and options.keeps_location(db, gt.name) and storage.format != "stream"
    notes: list[str] = list(st.warnings)

    expr = tx.chain(st.expression, tx.fold_partition_columns, tx.partition_transforms_to_clustering)
    if gt.partition_transforms:
        notes.append(f"partition transforms {', '.join(gt.partition_transforms)} replaced by CLUSTER BY")
    expr = tx.map_column_types(expr, notes)
    if options.cluster_by_partitions:
        expr = tx.partitions_to_clustering(expr)
    dropped = tx.dropped_properties(expr, keep_location, labelled_elsewhere=(exp.ClusteredByProperty,))
    expr = tx.chain(
        expr,
        lambda e: tx.keep_delta_properties(e, keep_location),
        lambda e: tx.delta_table_root(e, DELTA_MANIFEST) if storage.format == "delta" else e,
        tx.flatten_parenthesized_from,
        tx.spark_time_formats,
        lambda e: tx.qualify_view_references(e, options.catalog, options.target_schema, db),
        lambda e: tx.qualify_target(e, options.catalog, schema),
        tx.if_not_exists,
    )
    ddl, unsupported = _generate(expr)
    unsupported = _with_time_formats(unsupported, st.expression)
    if gt.bucketed_by:
        count = f" into {gt.buckets} buckets" if gt.buckets else ""
        notes.append(f"bucketing dropped (bucketed by {', '.join(gt.bucketed_by)}{count}): Delta tables are not "
                     f"bucketed; CLUSTER BY ({', '.join(gt.bucketed_by)}) is the nearest layout")
    if dropped:
        notes.append("dropped Glue-only properties: " + "; ".join(dropped))
    if unsupported:
        notes.append(f"sqlglot could not express: {unsupported}")
    notes += storage.notes + layout_notes(gt)
    props = expr.args["properties"].expressions
    partitions = _names(next((p for p in props if isinstance(p, exp.PartitionedByProperty)), None))
    clusters = _names(next((p for p in props if isinstance(p, exp.ClusterProperty)), None))
    columns = [_column_of(c) for c in expr.this.expressions if isinstance(c, exp.ColumnDef)]
    by_name = {c.name.lower(): c for c in columns}
    part_types = [(n, by_name[n.lower()].type) for n in partitions if n.lower() in by_name]
    like = any(isinstance(p, exp.LikeProperty) for p in props)
    if not columns and not gt.from_query and not like:
        clone = f" (it is Delta at {gt.location}: CREATE TABLE {shown_name(options, schema, table)} DEEP CLONE " \
                f"delta.`{gt.location}` copies it with its schema)" if storage.format == "delta" and gt.location else ""
        return _error(st, "no columns declared: a Databricks table needs its column list; declare the columns"
                          f"{clone}", f"{db}.{gt.name}")
    flagged = (storage.flag is not None and not gt.from_query) or unsupported is not None
    if storage.flag and not gt.from_query:
        notes.insert(0, storage.flag)
    shown = _display_name(options.catalog, schema, table)
    hint = _ctas_hint(gt, keep_location) if gt.from_query else migration_hint(gt, storage, shown, keep_location, part_types)
    return TableResult(
        source_file=st.file, statement_index=st.index, source_table=f"{db}.{gt.name}", target_full_name=target,
        ddl=ddl, columns=columns, partition_columns=partitions, cluster_columns=clusters,
        table_kind=KIND_EXTERNAL if keep_location else KIND_MANAGED,
        status=STATUS_FLAGGED if flagged else STATUS_CONVERTED, warnings=notes,
        migration_hint=hint, location=gt.location, source_format=storage.format, line=st.line,
        from_query=gt.from_query or like,  # applied after the tables it reads
        target_parts=(options.catalog, schema, table),
    )


def _convert_view(st: SourceStatement, default_db: str, options: DdlOptions) -> TableResult:
    gt = st.table
    db = gt.database or default_db
    schema = options.target_schema(db)
    table = gt.name.lower()
    target = f"{options.catalog}.{schema}.{table}"
    expr = tx.chain(
        st.expression,
        tx.flatten_parenthesized_from,
        tx.spark_time_formats,
        lambda e: tx.qualify_view_references(e, options.catalog, options.target_schema, db),
        lambda e: tx.qualify_target(e, options.catalog, schema),
        tx.or_replace,
    )
    ddl, unsupported = _generate(expr)
    warnings = list(st.warnings)
    unsupported = _with_time_formats(unsupported, st.expression)
    if unsupported:
        warnings.append(f"sqlglot could not express: {unsupported}")
    return TableResult(
        source_file=st.file, statement_index=st.index, source_table=f"{db}.{gt.name}", target_full_name=target,
        ddl=ddl, table_kind=KIND_VIEW, status=STATUS_FLAGGED if unsupported else STATUS_CONVERTED,
        warnings=warnings, migration_hint="view: no data to migrate", source_format="view", line=st.line,
        target_parts=(options.catalog, schema, table),
    )


def _convert_schema(st: SourceStatement, options: DdlOptions) -> TableResult:
    gt = st.table
    schema = options.target_schema(gt.name)
    dropped = [tx.property_label(p) for p in (st.expression.args.get("properties") or exp.Properties()).expressions
               if not isinstance(p, exp.SchemaCommentProperty)]
    expr = tx.chain(st.expression, tx.database_properties, lambda e: tx.qualify_target(e, options.catalog, schema),
                    tx.if_not_exists)
    ddl, _ = _generate(expr)
    warnings = list(st.warnings)
    if dropped:
        warnings.append("dropped database properties (Unity Catalog manages storage): " + "; ".join(dropped))
    return TableResult(
        source_file=st.file, statement_index=st.index, source_table=gt.name,
        target_full_name=f"{options.catalog}.{schema}", ddl=ddl, table_kind=KIND_SCHEMA, status=STATUS_CONVERTED,
        warnings=warnings, migration_hint="", source_format=None, line=st.line, target_parts=(options.catalog, schema),
    )


def _other(st: SourceStatement, reason: str) -> TableResult:
    return TableResult(
        source_file=st.file, statement_index=st.index, source_table=None, target_full_name=None, ddl=None,
        table_kind=KIND_OTHER, status=STATUS_SKIPPED, warnings=[f"{_where(st)}: skipped: {reason}"], line=st.line,
    )


def _skipped(st: SourceStatement) -> TableResult:
    where = _where(st) if st.line else st.file
    return TableResult(
        source_file=st.file, statement_index=st.index, source_table=None, target_full_name=None, ddl=None,
        table_kind=KIND_OTHER, status=STATUS_SKIPPED, warnings=[f"{where}: skipped: {st.skipped}"], line=st.line,
    )


def _classify_other(st: SourceStatement) -> str:
    e = st.expression
    code = code_start(st.text)
    first = code.split(None, 1)[0].upper() if code.strip() else ""
    if first == "MSCK":
        return _NOOP_STATEMENTS["MSCK"]
    change = is_partition_change(st.text)
    if change:
        return _NOOP_STATEMENTS[f"{change}_PARTITION"]
    if isinstance(e, exp.Alter):
        return "ALTER TABLE: fold the change into the CREATE TABLE statement so the table definition stays in one place"
    if isinstance(e, exp.Drop):
        return "DROP is never carried to Unity Catalog automatically"
    kind = first if isinstance(e, exp.Command) else type(e).__name__.upper()
    return f"{kind} statement is not table DDL (only CREATE statements are converted)"


def convert_statements(statements: Iterable[SourceStatement], options: DdlOptions) -> list[TableResult]:
    results: list[TableResult] = []
    default_db = "default"
    unresolved_use: str | None = None  # USE ${db}: the database of unqualified names is not known
    for st in statements:
        try:
            if st.skipped:
                results.append(_skipped(st))
            elif st.error:
                results.append(_error(st, st.error, st.table.qualified_name if st.table else None))
            elif st.table is not None and placeholders(f"{st.table.database or ''}.{st.table.name}"):
                found = placeholders(f"{st.table.database or ''}.{st.table.name}")
                results.append(_error(st, unresolved_message(found), st.table.qualified_name))
            elif isinstance(st.expression, exp.Use):
                found = code_placeholders(st.text)
                if found:
                    unresolved_use = f"{', '.join(found)} ({_where(st)})"
                    results.append(_error(st, unresolved_message(found)))
                else:
                    default_db, unresolved_use = st.expression.this.name or default_db, None
            elif (unresolved_use and isinstance(st.expression, exp.Create) and st.table is not None
                  and st.table.kind != "database" and not st.table.database):
                results.append(_error(st, f"{st.table.name} has no database of its own and the USE before it names "
                                          f"{unresolved_use}, which is not resolved", st.table.qualified_name))
            elif isinstance(st.expression, exp.Create) and st.table is not None:
                props = st.expression.args.get("properties")
                if props and any(isinstance(p, exp.TemporaryProperty) for p in props.expressions):
                    results.append(_other(st, "a TEMPORARY table or view lives in one session: not catalog DDL"))
                elif st.table.kind == "database":
                    results.append(_convert_schema(st, options))
                elif st.table.kind == "view":
                    results.append(_convert_view(st, default_db, options))
                else:
                    results.append(_convert_table(st, default_db, options))
            else:
                results.append(_other(st, _classify_other(st)))
        except Exception as e:  # noqa: BLE001 - one statement must not stop the others
            results.append(_error(st, f"{type(e).__name__}: {e}", st.table.qualified_name if st.table else None))
    return results


def convert_ddl_text(text: str, *, file_path: str, options: DdlOptions) -> list[TableResult]:
    """Convert the statements of one DDL text (``.sql``/``.hql``/``.ddl`` content)."""
    name = file_path if file_path.lower().endswith(SQL_FORMAT.suffixes) else f"{file_path}.sql"
    stmts = read_source(name, text, options.read_dialect, options.ddl_vars)
    for s in stmts:
        s.file = file_path
    return convert_statements(stmts, options)


def convert_ddl_file(path: str | Path, text: str, options: DdlOptions,
                     folder: Mapping[str, str] | None = None) -> list[TableResult]:
    """Convert one file: DDL text, Glue catalog JSON export or CloudFormation/SAM template; ``folder`` holds
    the other DDL files of its folder (path -> text), read with it where a format reads a folder as one unit."""
    return convert_statements(read_source(str(path), text, options.read_dialect, options.ddl_vars, folder), options)


def mark_duplicates(results: list[TableResult]) -> list[TableResult]:
    """Warn when the same target is defined more than once (e.g. in DDL and in a catalog export);
    the later definition is the one written and applied."""
    seen: dict[str, TableResult] = {}
    for r in results:
        if r.target_full_name and r.status != STATUS_ERROR and r.table_kind != KIND_SCHEMA:
            prev = seen.get(r.target_full_name.lower())
            if prev is not None:
                r.warnings.append(f"{r.target_full_name} also defined in {prev.source_file} statement "
                                  f"{prev.statement_index}; this definition wins")
            seen[r.target_full_name.lower()] = r
    return results


def with_implied_schemas(results: list[TableResult]) -> list[TableResult]:
    """Add a ``CREATE SCHEMA IF NOT EXISTS`` for every schema a table or view lands in that no source
    creates (a Glue catalog export has no database statement): the committed DDL then deploys in order
    on an empty workspace, not only where g2l applies it."""
    created = {r.target_parts for r in results if r.table_kind == KIND_SCHEMA and r.status != STATUS_ERROR}
    implied: dict[tuple[str, ...], TableResult] = {}
    for r in results:
        parts = r.target_parts
        if r.status == STATUS_ERROR or r.table_kind == KIND_SCHEMA or len(parts) != 3 or not r.ddl:
            continue
        if parts[:2] in created or parts[:2] in implied:
            continue
        ddl, _ = _generate(exp.Create(this=exp.Table(db=exp.to_identifier(parts[1]),
                                                     catalog=exp.to_identifier(parts[0])),
                                      kind="SCHEMA", exists=True))
        implied[parts[:2]] = TableResult(
            source_file=r.source_file, statement_index=r.statement_index, source_table=None,
            target_full_name=".".join(parts[:2]), ddl=ddl, table_kind=KIND_SCHEMA, status=STATUS_CONVERTED,
            warnings=[f"no CREATE DATABASE for {parts[1]} in the Glue sources: schema implied by "
                      f"{r.source_table or r.target_full_name}"],
            line=r.line, target_parts=parts[:2])
    return results + list(implied.values())


def convert_path(src: str | Path, options: DdlOptions, root: str | Path | None = None) -> list[TableResult]:
    """Convert a file or every DDL source under a folder (sorted, so results are stable).

    ``source_file`` is relative to ``root`` (default: ``src`` itself when a folder)."""
    src = Path(src)
    files = sorted(p for p in src.rglob("*") if p.is_file() and is_ddl_source(p)) if src.is_dir() else [src]
    base = Path(root) if root else (src if src.is_dir() else src.parent)
    results: list[TableResult] = []
    texts: dict[str, str] = {}
    for f in files:
        try:
            texts[f.as_posix()] = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass  # reported below, when the file's turn comes
    for f in files:
        rel = f.relative_to(base).as_posix() if f.is_relative_to(base) else str(f)
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            results.append(TableResult(source_file=rel, statement_index=0, source_table=None, target_full_name=None,
                                       ddl=None, table_kind=KIND_OTHER, status=STATUS_ERROR,
                                       warnings=[f"{rel}: cannot read: {e}"]))
            continue
        stmts = read_source(f.as_posix(), text, options.read_dialect, options.ddl_vars,
                            folder_files(f.as_posix(), texts))
        for s in stmts:
            s.file = rel
        results += convert_statements(stmts, options)
    return with_implied_schemas(mark_duplicates(results))
