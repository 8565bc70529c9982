"""Hive/Athena SQL text -> sqlglot expressions and ``GlueTable`` facts.

sqlglot parses the Hive DDL met in Glue projects (SERDE ... WITH SERDEPROPERTIES, STORED AS
INPUTFORMAT/OUTPUTFORMAT, ION, DELIMITED, TBLPROPERTIES). The pre-parse steps are limited to what it
does not parse: ``CREATE DATABASE ... WITH DBPROPERTIES (...)`` (cut out before parsing and reported,
``strip_dbproperties``) and ``uniontype`` columns (a clear error instead of a parser message).
"""

from __future__ import annotations

import json
import re

import sqlglot
from sqlglot import exp

from .glue_model import GlueColumn, GlueTable, SourceError


def split_statements(text: str) -> list[tuple[int, str]]:
    """Split SQL text on top-level ``;`` -> [(first line number, statement text)], skipping
    statements that are only whitespace/comments. Quotes, backticks and comments are respected."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    i, n, line, start_line = 0, len(text), 1, None
    has_code = False
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        if ch == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            buf.append(text[i:j])
            i = j
            continue
        if ch == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j == -1 else j + 2
            line += text.count("\n", i, j)
            buf.append(text[i:j])
            i = j
            continue
        if ch in ("'", '"', "`"):
            if not has_code:
                has_code, start_line = True, line
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" and ch != "`" else 1
            j = min(j + 1, n)
            line += text.count("\n", i + 1, j)
            buf.append(text[i:j])
            i = j
            continue
        if ch == ";":
            if has_code:
                out.append((start_line, "".join(buf).strip()))
            buf, has_code, start_line = [], False, None
            i += 1
            continue
        if not ch.isspace() and not has_code:
            has_code, start_line = True, line
        buf.append(ch)
        i += 1
    if has_code:
        out.append((start_line, "".join(buf).strip()))
    return out


_UNIONTYPE = re.compile(r"\buniontype\s*<", re.IGNORECASE)


def parse_statement(text: str, dialect: str) -> exp.Expression:
    """Parse one statement; raise SourceError with a readable reason when sqlglot cannot."""
    if _UNIONTYPE.search(text):
        raise SourceError("uniontype columns have no Databricks equivalent; declare the column as STRING or a struct")
    try:
        parsed = sqlglot.parse(doubled_quotes(text) if "''" in text else text, read=dialect,
                               error_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.ParseError as e:
        first = e.errors[0] if e.errors else {}
        where = f" (line {first.get('line')}, col {first.get('col')} of the statement)" if first else ""
        raise SourceError(f"cannot parse: {first.get('description', str(e))}{where}", first.get("line")) from None
    except sqlglot.errors.TokenError as e:
        raise SourceError(f"cannot tokenize: {e}") from None
    except (IndexError, KeyError, TypeError, ValueError) as e:  # sqlglot's own faults on malformed input
        raise SourceError(f"cannot parse: sqlglot failed ({type(e).__name__}: {e})") from None
    parsed = [p for p in parsed if p is not None]
    if len(parsed) != 1:
        raise SourceError("expected one statement")
    stmt = parsed[0]
    if isinstance(stmt, exp.Command) and stmt.name.upper().split(" ")[0] not in NOT_DDL \
            and is_partition_change(text) is None:
        raise SourceError(f"unsupported syntax (sqlglot fell back to a raw command for {stmt.name!r})")
    split_dotted_names(stmt)
    if isinstance(stmt, exp.Create):
        athena_with_properties(stmt)
        double_quoted_columns(stmt)
        avro_columns(stmt)
    return stmt


# Statements a DDL file may hold that are not table DDL; sqlglot keeps some as raw commands. Reported as skipped.
NOT_DDL = frozenset({"MSCK", "UNLOAD", "INSERT", "SELECT", "SET", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "ANALYZE",
                     "REFRESH", "GRANT", "REVOKE", "OPTIMIZE", "VACUUM", "CALL", "LOAD", "ADD", "RESET"})

_PARTITION_CHANGE = re.compile(r"^\s*ALTER\s+TABLE\s+\S+\s+(ADD|DROP)\s+(IF\s+(NOT\s+)?EXISTS\s+)?PARTITION\b",
                               re.IGNORECASE)


def is_partition_change(text: str) -> str | None:
    """``ADD`` or ``DROP`` for ``ALTER TABLE t ADD|DROP PARTITION ...`` (sqlglot reads several partitions in one
    statement only as a raw command): partition bookkeeping that Delta tables do not need."""
    m = _PARTITION_CHANGE.match(code_start(text))
    return m.group(1).upper() if m else None


_LEADING_COMMENTS = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.DOTALL)


def code_start(text: str) -> str:
    """A statement without the comments above it (kept in its text, so the generated DDL keeps them too)."""
    return text[_LEADING_COMMENTS.match(text).end():]


def doubled_quotes(text: str) -> str:
    """``'it''s'`` (SQL's doubled quote, common in Athena COMMENTs) as ``'it\\'s'``, which the Hive
    parser reads; an empty literal ``''`` stays. Comments and other quotes are left alone."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("--", i) or text.startswith("/*", i):
            end = text.find("\n" if ch == "-" else "*/", i + 2)
            end = n if end < 0 else end + (0 if ch == "-" else 2)
            out.append(text[i:end])
            i = end
            continue
        if ch in "\"`":
            end = text.find(ch, i + 1)
            end = n if end < 0 else end + 1
            out.append(text[i:end])
            i = end
            continue
        if ch != "'":
            out.append(ch)
            i += 1
            continue
        j, buf = i + 1, ["'"]
        while j < n:
            if text[j] == "\\":
                buf.append(text[j:j + 2])
                j += 2
            elif text.startswith("''", j):
                buf.append("\\'")
                j += 2
            elif text[j] == "'":
                break
            else:
                buf.append(text[j])
                j += 1
        buf.append("'")
        out.append("".join(buf))
        i = j + 1
    return "".join(out)


def double_quoted_columns(create: exp.Create) -> exp.Create:
    """Athena accepts ``"name"`` for a column in DDL; the Hive parser reads it as a string literal, which
    would be written as ``'name' STRING``. Make it the quoted identifier it is (in place, parser output)."""
    for cd in create.find_all(exp.ColumnDef):
        name = cd.this
        if isinstance(name, exp.Literal) and name.is_string:
            cd.set("this", exp.to_identifier(name.this, quoted=True))
    return create


_AVRO_TYPES = {"string": "string", "int": "int", "long": "bigint", "float": "float", "double": "double",
               "boolean": "boolean", "bytes": "binary", "fixed": "binary", "enum": "string", "null": "string"}
_AVRO_LOGICAL = {"date": "date", "timestamp-millis": "timestamp", "timestamp-micros": "timestamp",
                 "local-timestamp-millis": "timestamp_ntz", "local-timestamp-micros": "timestamp_ntz"}


def avro_type(schema) -> str:
    """An Avro schema (JSON) as the Hive type the AvroSerDe gives it."""
    if isinstance(schema, list):  # a union: ["null", T] is a nullable T
        kinds = [s for s in schema if s != "null"]
        if len(kinds) != 1:
            raise SourceError(f"Avro union {json.dumps(schema)} has no Databricks type (only [null, T] unions do)")
        return avro_type(kinds[0])
    if isinstance(schema, str):
        if schema not in _AVRO_TYPES:
            raise SourceError(f"Avro type {schema!r} is a named type g2l cannot resolve; declare the columns")
        return _AVRO_TYPES[schema]
    if not isinstance(schema, dict):
        raise SourceError(f"Avro schema {schema!r} is not a type")
    kind, logical = schema.get("type"), schema.get("logicalType")
    if logical == "decimal":
        return f"decimal({schema.get('precision', 38)},{schema.get('scale', 0)})"
    if logical in _AVRO_LOGICAL:
        return _AVRO_LOGICAL[logical]
    if kind == "record":
        fields = schema.get("fields") or []
        return "struct<" + ",".join(f"`{f['name']}`:{avro_type(f['type'])}" for f in fields) + ">"
    if kind == "array":
        return f"array<{avro_type(schema.get('items'))}>"
    if kind == "map":
        return f"map<string,{avro_type(schema.get('values'))}>"
    return avro_type(kind)


def avro_columns(create: exp.Create) -> exp.Create:
    """An Avro table may declare its columns only in ``avro.schema.literal`` (TBLPROPERTIES or
    SERDEPROPERTIES): they become the column list, since a Delta table needs one. ``avro.schema.url`` is
    a file g2l cannot read: an error saying so, instead of a table without columns."""
    if isinstance(create.this, exp.Schema) or (create.args.get("kind") or "").upper() != "TABLE" \
            or create.expression is not None:
        return create
    values = {kv.name.lower(): kv.args.get("value") for kv in create.find_all(exp.Property)
              if type(kv) is exp.Property}
    literal = values.get("avro.schema.literal")
    if literal is None:
        if "avro.schema.url" in values:
            raise SourceError(f"columns are declared in avro.schema.url {_prop_text(values['avro.schema.url'])}, "
                              "a file g2l does not read: declare the columns in the statement")
        return create
    try:
        schema = json.loads(_prop_text(literal) or "")
        fields = schema["fields"]
        columns = [exp.ColumnDef(this=exp.to_identifier(f["name"], quoted=True),
                                 kind=exp.DataType.build(avro_type(f["type"]), dialect="hive", udt=False))
                   for f in fields]
    except (ValueError, KeyError, TypeError) as e:
        raise SourceError(f"avro.schema.literal does not read as an Avro record schema ({type(e).__name__}: {e})") \
            from None
    create.set("this", exp.Schema(this=create.this, expressions=columns))
    return create


def split_dotted_names(stmt: exp.Expression) -> exp.Expression:
    """Athena's SHOW CREATE TABLE writes ``CREATE EXTERNAL TABLE `db.tbl`(...)``: one backticked identifier
    that means database ``db``, table ``tbl``. Split such names in place (parser output only)."""
    for t in stmt.find_all(exp.Table):
        name = t.args.get("this")
        if (t.args.get("db") is None and isinstance(name, exp.Identifier) and name.args.get("quoted")
                and name.name.count(".") == 1 and all(name.name.split("."))):
            db, table = name.name.split(".")
            t.set("this", exp.to_identifier(table, quoted=True))
            t.set("db", exp.to_identifier(db, quoted=True))
    return stmt


def _strings_of(e: exp.Expression | None) -> list[str]:
    items = e.expressions if isinstance(e, (exp.Array, exp.Tuple)) else [e] if e is not None else []
    return [i.name for i in items if isinstance(i, (exp.Literal, exp.Identifier, exp.Column))]


def athena_with_properties(create: exp.Create) -> exp.Create:
    """Athena CTAS ``WITH (external_location=..., partitioned_by=ARRAY[...], bucketed_by=ARRAY[...],
    bucket_count=N, ...)`` in place as the Hive properties they mean: LOCATION, PARTITIONED BY (names),
    CLUSTERED BY ... INTO N BUCKETS; ``is_external`` is implied by the location and dropped."""
    props = create.args.get("properties")
    if props is None:
        return create
    out: list[exp.Expression] = []
    bucketed: list[str] = []
    buckets: exp.Expression | None = None
    for p in props.expressions:
        key = p.name.lower() if type(p) is exp.Property else ""
        if key == "external_location":
            out.append(exp.LocationProperty(this=p.args.get("value")))
        elif isinstance(p, exp.PartitionedByProperty) and isinstance(p.this, exp.Array):
            out.append(exp.PartitionedByProperty(this=exp.Schema(
                expressions=[exp.to_identifier(n) for n in _strings_of(p.this)])))
        elif key == "partitioned_by":
            out.append(exp.PartitionedByProperty(this=exp.Schema(
                expressions=[exp.to_identifier(n) for n in _strings_of(p.args.get("value"))])))
        elif key == "bucketed_by":
            bucketed = _strings_of(p.args.get("value"))
        elif key == "bucket_count":
            buckets = p.args.get("value")
        elif key == "location":  # Athena Iceberg CTAS
            out.append(exp.LocationProperty(this=p.args.get("value")))
        elif key == "partitioning":  # Athena Iceberg CTAS: ARRAY['day(ts)', 'category']
            parts = [sqlglot.parse_one(n, read="athena") for n in _strings_of(p.args.get("value"))]
            out.append(exp.PartitionedByProperty(this=exp.Schema(expressions=[
                e.this if isinstance(e, exp.Column) else e for e in parts])))
        elif key == "is_external":
            continue
        else:
            out.append(p)
    if bucketed:
        out.append(exp.ClusteredByProperty(expressions=[exp.column(n) for n in bucketed], buckets=buckets))
    props.set("expressions", out)
    return create


def _prop_text(e: exp.Expression | None) -> str | None:
    if e is None:
        return None
    return e.name if isinstance(e, (exp.Literal, exp.Var, exp.Identifier)) else e.sql("hive")


def comment_and_nullable(cd: exp.ColumnDef) -> tuple[str | None, bool]:
    """A column definition's COMMENT and whether it may be NULL (no NOT NULL constraint)."""
    comment, nullable = None, True
    for c in cd.args.get("constraints") or []:
        if isinstance(c.kind, exp.CommentColumnConstraint):
            comment = c.kind.this.name
        elif isinstance(c.kind, exp.NotNullColumnConstraint) and not c.kind.args.get("allow_null"):
            nullable = False
    return comment, nullable


def _column(cd: exp.ColumnDef) -> GlueColumn:
    comment, nullable = comment_and_nullable(cd)
    kind = cd.args.get("kind")
    return GlueColumn(cd.name, kind.sql("hive") if kind is not None else "string", comment, nullable)


def table_from_create(create: exp.Create) -> GlueTable:
    """The facts of a parsed Hive/Athena CREATE TABLE/VIEW/DATABASE."""
    kind = (create.args.get("kind") or "").upper()
    target = create.this
    table = target.this if isinstance(target, exp.Schema) else target
    if kind in ("DATABASE", "SCHEMA"):  # sqlglot puts the name of CREATE SCHEMA x LOCATION ... in db
        name = table.name or (table.args["db"].name if table.args.get("db") is not None else "")
        gt = GlueTable(kind="database", database=None, name=name)
    else:
        gt = GlueTable(
            kind="view" if kind == "VIEW" else "table",
            database=table.args.get("db") and table.args["db"].name or None,
            name=table.name,
        )
    if isinstance(target, exp.Schema):
        gt.columns = [_column(c) for c in target.expressions if isinstance(c, exp.ColumnDef)]
    if gt.kind == "view" and create.expression is not None:
        gt.view_sql = create.expression.sql("hive")
    gt.from_query = gt.kind == "table" and create.expression is not None
    props = create.args.get("properties")
    for p in props.expressions if props else []:
        if isinstance(p, exp.ExternalProperty):
            gt.external = True
        elif isinstance(p, exp.LocationProperty):
            gt.location = (_prop_text(p.this) or "").strip() or None
        elif isinstance(p, exp.SchemaCommentProperty):
            gt.comment = _prop_text(p.this)
        elif isinstance(p, exp.PartitionedByProperty):
            for e in p.this.expressions if isinstance(p.this, exp.Schema) else [p.this]:
                if isinstance(e, exp.ColumnDef):
                    gt.partition_keys.append(_column(e))
                elif isinstance(e, (exp.Identifier, exp.Column)):
                    match = next((c for c in gt.columns if c.name.lower() == e.name.lower()), None)
                    gt.partition_keys.append(match or GlueColumn(e.name, "string"))
                else:
                    gt.partition_transforms.append(e.sql("hive"))
        elif isinstance(p, exp.RowFormatSerdeProperty):
            gt.serde = _prop_text(p.this)
            sp = p.args.get("serde_properties")
            for kv in sp.expressions if sp else []:
                gt.serde_params[kv.name] = _prop_text(kv.args.get("value")) or ""
        elif isinstance(p, exp.SerdeProperties):
            for kv in p.expressions:
                gt.serde_params[kv.name] = _prop_text(kv.args.get("value")) or ""
        elif isinstance(p, exp.RowFormatDelimitedProperty):
            for key in ("fields", "escaped", "collection_items", "map_keys", "lines", "null"):
                if p.args.get(key) is not None:
                    gt.delimited[key] = _prop_text(p.args[key]) or ""
        elif isinstance(p, exp.FileFormatProperty):
            fmt = p.this
            if isinstance(fmt, exp.InputOutputFormat):
                gt.input_format = _prop_text(fmt.args.get("input_format"))
                gt.output_format = _prop_text(fmt.args.get("output_format"))
            else:
                gt.stored_as = (_prop_text(fmt) or "").upper()
        elif isinstance(p, exp.StorageHandlerProperty):
            gt.storage_handler = _prop_text(p.this)
        elif isinstance(p, exp.ClusteredByProperty):
            gt.bucketed_by = [e.name for e in p.expressions]
            gt.buckets = _prop_text(p.args.get("buckets"))
        elif isinstance(p, exp.Property):
            gt.parameters[p.name] = _prop_text(p.args.get("value")) or ""
    return gt


_DBPROPS = re.compile(r"^\s*CREATE\s+(?:DATABASE|SCHEMA)\b.*?\bWITH\s+DBPROPERTIES\s*\(", re.IGNORECASE | re.DOTALL)


def strip_dbproperties(text: str) -> tuple[str, str | None]:
    """Cut ``WITH DBPROPERTIES (...)`` out of a CREATE DATABASE statement (sqlglot cannot parse
    it; Unity Catalog schemas do not take it). Returns (text, the removed clause or None)."""
    m = _DBPROPS.match(text)
    if not m:
        return text, None
    depth, i = 1, m.end()
    quote = None
    while i < len(text) and depth:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        i += 1
    start = text.upper().rfind("WITH", 0, m.end())
    return text[:start] + text[i:], text[start:i]


