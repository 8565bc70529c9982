"""Small sqlglot transforms, each Expression -> Expression, that turn a Hive/Athena CREATE into
its Unity Catalog form. Every function leaves its input alone; ``convert`` chains them, and a chain
copies the statement once up front instead of once per step (copying was a third of conversion time)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar

from sqlglot import exp

from g2l_core.options import uc_schema

from .types import map_type

_CHAIN_OWNS_INPUT: ContextVar[bool] = ContextVar("_CHAIN_OWNS_INPUT", default=False)


def _own(create: exp.Create) -> exp.Create:
    """The expression a transform may change: a copy, unless ``chain`` already made one for its steps."""
    return create if _CHAIN_OWNS_INPUT.get() else create.copy()


# TBLPROPERTIES that only mean something to Glue, Athena or the Hive metastore (storage, statistics,
# crawler bookkeeping, projection, other table formats). Anything else is user metadata and is kept.
GLUE_ONLY_KEYS = frozenset(
    k.lower()
    for k in (
        "EXTERNAL", "classification", "skip.header.line.count", "skip.footer.line.count", "storage.location.template",
        "has_encrypted_data", "typeOfData", "areColumnsQuoted", "columnsOrdered", "compressionType", "delimiter",
        "recordCount", "averageRecordSize", "objectCount", "sizeKey", "UPDATED_BY_CRAWLER", "transient_lastDdlTime",
        "table_type", "format", "numFiles", "numRows", "totalSize", "rawDataSize", "COLUMN_STATS_ACCURATE",
        "bucketing_version", "write_compression", "compression_level", "metadata_location",
        "previous_metadata_location", "comment", "last_modified_by", "last_modified_time", "serialization.format",
        "serialization.null.format", "field.delim", "is_partition_projection_enabled",
        "field_delimiter", "parquet_compression", "orc_compression",  # Athena CTAS storage options
        "write_target_data_file_size_bytes",  # Athena Iceberg file sizing
    )
)
GLUE_ONLY_PREFIXES = (
    "projection.", "crawlerschema", "parquet.", "orc.", "avro.", "serialization.", "hoodie.", "write.",
    "spark.sql.", "presto_", "vacuum_", "optimize_", "iceberg.", "format-version", "athena.",
)


def is_glue_only_key(key: str) -> bool:
    k = key.lower()
    return k in GLUE_ONLY_KEYS or k.startswith(GLUE_ONLY_PREFIXES)


def _props(create: exp.Create) -> list[exp.Expression]:
    p = create.args.get("properties")
    return list(p.expressions) if p else []


def _set_props(create: exp.Create, props: list[exp.Expression]) -> None:
    create.set("properties", exp.Properties(expressions=props) if props else None)


def property_label(p: exp.Expression) -> str:
    """Short human name of a property for the 'dropped' warning."""
    if isinstance(p, exp.ExternalProperty):
        return "EXTERNAL"
    if isinstance(p, exp.RowFormatSerdeProperty):
        sp = p.args.get("serde_properties")
        keys = ", ".join(kv.name for kv in sp.expressions) if sp else ""
        return f"ROW FORMAT SERDE '{p.this.name}'" + (f" WITH SERDEPROPERTIES ({keys})" if keys else "")
    if isinstance(p, exp.RowFormatDelimitedProperty):
        return "ROW FORMAT DELIMITED"
    if isinstance(p, exp.FileFormatProperty):
        if isinstance(p.this, exp.InputOutputFormat):
            return f"STORED AS INPUTFORMAT '{p.this.args['input_format'].name}'"
        return f"STORED AS {p.this.name}"
    if isinstance(p, exp.LocationProperty):
        return f"LOCATION '{p.this.name}'"
    if isinstance(p, exp.ClusteredByProperty):
        return "CLUSTERED BY ... INTO BUCKETS"
    if isinstance(p, exp.Property) and type(p) is exp.Property:
        return f"TBLPROPERTIES {p.name}"
    return p.sql("hive")


def _kept(p: exp.Expression, keep_location: bool) -> bool:
    if isinstance(p, (exp.SchemaCommentProperty, exp.PartitionedByProperty, exp.ClusterProperty, exp.LikeProperty)):
        return True
    if isinstance(p, exp.LocationProperty):
        return keep_location
    if type(p) is exp.Property:
        return not is_glue_only_key(p.name)
    return False


def dropped_properties(create: exp.Create, keep_location: bool, labelled_elsewhere: tuple[type, ...] = ()) -> list[str]:
    """Labels of the properties ``keep_delta_properties`` removes (for the warning), except the kinds the
    caller describes in a note of their own."""
    return [property_label(p) for p in _props(create)
            if not _kept(p, keep_location) and not isinstance(p, labelled_elsewhere)]


def keep_delta_properties(create: exp.Create, keep_location: bool) -> exp.Create:
    """Keep comment, partitioning/clustering, user TBLPROPERTIES (and LOCATION when the table stays
    external); drop storage/SerDe/Glue properties; declare ``USING DELTA``."""
    out = _own(create)
    kept = [p for p in _props(out) if _kept(p, keep_location)]
    like = any(isinstance(p, exp.LikeProperty) for p in kept)  # LIKE must come first; the copy keeps Delta
    _set_props(out, ([] if like else [exp.FileFormatProperty(this=exp.Var(this="DELTA"))]) + kept)
    return out


def delta_table_root(create: exp.Create, manifest_folder: str) -> exp.Create:
    """A Delta table that Athena reads through ``<table>/_symlink_format_manifest/`` is the folder above it:
    a kept LOCATION names that folder."""
    out = _own(create)
    for p in _props(out):
        if isinstance(p, exp.LocationProperty) and manifest_folder in p.this.name:
            p.set("this", exp.Literal.string(p.this.name.split(manifest_folder)[0]))
    return out


def fold_partition_columns(create: exp.Create) -> exp.Create:
    """Hive ``PARTITIONED BY (dt string)`` declares columns outside the column list; Databricks
    wants them in the list and only their names in PARTITIONED BY."""
    out = _own(create)
    schema = out.this
    if not isinstance(schema, exp.Schema):
        return out
    for p in _props(out):
        if not isinstance(p, exp.PartitionedByProperty) or not isinstance(p.this, exp.Schema):
            continue
        names = []
        existing = {c.name.lower() for c in schema.expressions if isinstance(c, exp.ColumnDef)}
        for e in p.this.expressions:
            if isinstance(e, exp.ColumnDef):
                if e.name.lower() not in existing:
                    schema.append("expressions", e.copy())
                names.append(exp.to_identifier(e.name, quoted=e.this.args.get("quoted", False)))
            elif isinstance(e, exp.Column):
                names.append(e.this.copy())
            else:
                names.append(e.copy())
        p.set("this", exp.Schema(expressions=names))
    return out


def _is_transform(e: exp.Expression) -> bool:
    return not isinstance(e, (exp.Identifier, exp.Column, exp.ColumnDef))


def partition_transforms_to_clustering(create: exp.Create) -> exp.Create:
    """Iceberg partition transforms (``day(ts)``, ``bucket(16, id)``) have no Delta equivalent;
    cluster by the columns they read instead."""
    out = _own(create)
    props = _props(out)
    for i, p in enumerate(props):
        if isinstance(p, exp.PartitionedByProperty) and isinstance(p.this, exp.Schema) and any(
            _is_transform(e) for e in p.this.expressions
        ):
            cols: list[str] = []
            for e in p.this.expressions:
                for c in ([e] if not _is_transform(e) else list(e.find_all(exp.Column))):
                    if c.name not in cols:
                        cols.append(c.name)
            props[i] = exp.ClusterProperty(expressions=[exp.column(c) for c in cols])
    _set_props(out, props)
    return out


def partitions_to_clustering(create: exp.Create) -> exp.Create:
    """``PARTITIONED BY (a, b)`` -> ``CLUSTER BY (a, b)`` (liquid clustering)."""
    out = _own(create)
    props = []
    for p in _props(out):
        if isinstance(p, exp.PartitionedByProperty) and isinstance(p.this, exp.Schema):
            p = exp.ClusterProperty(expressions=[exp.column(e.name) for e in p.this.expressions])
        props.append(p)
    _set_props(out, props)
    return out


def map_column_types(create: exp.Create, notes: list[str] | None = None) -> exp.Create:
    """Map every column type (including partition column definitions) to Databricks."""
    out = _own(create)
    for cd in out.find_all(exp.ColumnDef):
        if isinstance(cd.parent, exp.DataType):
            continue  # struct fields: mapped with their parent type
        kind = cd.args.get("kind")
        if kind is not None:
            cd.set("kind", map_type(kind, notes))
    return out


def _ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name))


def qualify_target(create: exp.Create, catalog: str, schema: str) -> exp.Create:
    """Name the created object ``catalog.schema.name`` (for CREATE SCHEMA: ``catalog.schema``); the name in
    lower case, as Unity Catalog (and the Glue catalog) store it, so every engine finds it by one name."""
    out = _own(create)
    target = out.this.this if isinstance(out.this, exp.Schema) else out.this
    if (out.args.get("kind") or "").upper() in ("DATABASE", "SCHEMA"):
        target.set("this", _ident(schema))
        target.set("db", _ident(catalog))
        target.set("catalog", None)
        out.set("kind", "SCHEMA")
    else:
        target.set("this", _ident(target.name.lower()))
        target.set("db", _ident(schema))
        target.set("catalog", _ident(catalog))
    return out


def if_not_exists(create: exp.Create) -> exp.Create:
    out = _own(create)
    out.set("exists", True)
    out.set("replace", False)
    return out


def or_replace(create: exp.Create) -> exp.Create:
    out = _own(create)
    out.set("exists", False)
    out.set("replace", True)
    return out


def qualify_view_references(
    create: exp.Create, catalog: str, schema_for: Callable[[str], str], default_db: str
) -> exp.Create:
    """Point every table a view reads (or ``CREATE TABLE ... LIKE`` copies) at ``catalog.<mapped schema>.table``;
    CTE names are left alone."""
    out = _own(create)
    body = out.expression
    like = [p.this for p in _props(out) if isinstance(p, exp.LikeProperty) and isinstance(p.this, exp.Table)]
    if body is None and not like:
        return out
    cte_names = {c.alias_or_name.lower() for c in body.find_all(exp.CTE)} if body is not None else set()
    for t in [*like, *(body.find_all(exp.Table) if body is not None else ())]:
        if t.args.get("catalog") is not None or not t.name:
            continue
        if t.args.get("db") is None and t.name.lower() in cte_names:
            continue
        db = t.args["db"].name if t.args.get("db") is not None else default_db
        t.set("db", _ident(schema_for(db)))
        t.set("catalog", _ident(catalog))
    return out


def _query(create: exp.Create) -> exp.Expression | None:
    return create.expression


def flatten_parenthesized_from(create: exp.Create) -> exp.Create:
    """Athena views write ``FROM (t CROSS JOIN UNNEST(t.items) u (item))``; sqlglot turns an UNNEST into
    Databricks' ``LATERAL VIEW explode`` only among a SELECT's own joins, and leaves the parenthesized one as
    ``EXPLODE(items, u(item))``, which Databricks cannot read. Without joins of its own, the SELECT reads the
    same rows from ``t CROSS JOIN UNNEST(...)`` unparenthesized."""
    out = _own(create)
    body = _query(out)
    for select in (body.find_all(exp.Select) if body is not None else ()):
        source = select.args.get("from_")
        inner = source.this if source is not None else None
        if (isinstance(inner, exp.Subquery) and not inner.alias and isinstance(inner.this, exp.Table)
                and inner.this.args.get("joins") and not select.args.get("joins")):
            table = inner.this
            joins = table.args["joins"]
            table.set("joins", None)
            source.set("this", table)
            select.set("joins", joins)
    return out


# sqlglot keeps a parsed date format in strftime form; its Databricks form of some (``%Y-%m-%dT%H:%i:%SZ``)
# is not a valid pattern (letters such as T and Z unquoted, ``%m`` as M), so a view would fail when read.
_JAVA_PATTERN = {"Y": "yyyy", "y": "yy", "m": "MM", "-m": "M", "d": "dd", "-d": "d", "H": "HH", "-H": "H",
                 "I": "hh", "-I": "h", "M": "mm", "-M": "m", "S": "ss", "-S": "s", "f": "SSSSSS", "p": "a",
                 "j": "DDD", "-j": "D", "a": "EEE", "A": "EEEE", "b": "MMM", "B": "MMMM", "Z": "z", "z": "Z"}
_STRFTIME = re.compile(r"%(-?[A-Za-z])(?:strict)?")


def java_pattern(strftime: str) -> str | None:
    """The Databricks (Java) datetime pattern of a strftime-style format, letters of the text quoted; None
    for a directive it has no pattern for."""
    out, literal, i = [], "", 0
    while i < len(strftime):
        m = _STRFTIME.match(strftime, i)
        if strftime[i] == "%" and (m is None or m.group(1) not in _JAVA_PATTERN):
            return None
        if m is None:
            literal += strftime[i]
            i += 1
            continue
        if literal:
            out.append(f"'{literal}'" if re.search(r"[A-Za-z']", literal) else literal)
            literal = ""
        out.append(_JAVA_PATTERN[m.group(1)])
        i = m.end()
    if literal:
        out.append(f"'{literal}'" if re.search(r"[A-Za-z']", literal) else literal)
    return "".join(p if not p.startswith("'") else "'" + p[1:-1].replace("'", "''") + "'" for p in out)


_DATETIME_FUNCTIONS = {"format_datetime": "DATE_FORMAT", "parse_datetime": "TO_TIMESTAMP"}  # Trino, Java patterns


def untranslated_time_formats(create: exp.Create) -> list[str]:
    """The date formats of a view or CTAS query that ``java_pattern`` has no Databricks pattern for (``%U``,
    week of the year, say): a human checks them."""
    body = _query(create)
    found = []
    for node in (body.find_all(exp.StrToTime, exp.StrToDate, exp.TimeToStr, exp.UnixToStr) if body is not None else ()):
        fmt = node.args.get("format")
        if isinstance(fmt, exp.Literal) and fmt.is_string and "%" in fmt.name and java_pattern(fmt.name) is None:
            found.append(fmt.name)
    return found


def spark_time_formats(create: exp.Create) -> exp.Create:
    """Date formats of a view or CTAS query as Databricks patterns (``java_pattern``), and Trino's
    ``format_datetime``/``parse_datetime`` (already Java patterns) as ``date_format``/``to_timestamp``."""
    out = _own(create)
    body = _query(out)
    for node in list(body.find_all(exp.StrToTime, exp.StrToDate, exp.TimeToStr, exp.UnixToStr, exp.Anonymous,
                                   exp.ParseDatetime) if body is not None else ()):
        if isinstance(node, exp.ParseDatetime):
            if node.args.get("format") is not None:
                node.replace(exp.Anonymous(this="TO_TIMESTAMP", expressions=[node.this, node.args["format"]]))
            continue
        if isinstance(node, exp.Anonymous):
            if node.name.lower() in _DATETIME_FUNCTIONS:
                node.set("this", _DATETIME_FUNCTIONS[node.name.lower()])
            continue
        fmt = node.args.get("format")
        pattern = java_pattern(fmt.name) if isinstance(fmt, exp.Literal) and fmt.is_string else None
        if pattern is not None:
            node.set("format", exp.Literal.string(pattern))
    return out


def database_properties(create: exp.Create) -> exp.Create:
    """CREATE SCHEMA keeps only its comment (Unity Catalog manages storage)."""
    out = _own(create)
    _set_props(out, [p for p in _props(out) if isinstance(p, exp.SchemaCommentProperty)])
    return out


def local_apply_form(create: exp.Create, location: str) -> exp.Create:
    """The Databricks DDL adapted to the embedded engine (pysail): no CLUSTER BY (the table is
    created unpartitioned), an explicit local LOCATION, and ``LIKE src`` (which pysail does not take) as an
    empty copy of ``src``'s columns (``AS SELECT * FROM src WHERE FALSE``). Only used for local apply."""
    out = _own(create)
    props = [p for p in _props(out) if not isinstance(p, (exp.ClusterProperty, exp.LocationProperty))]
    like = next((p for p in props if isinstance(p, exp.LikeProperty)), None)
    if like is not None and out.expression is None:
        props.remove(like)
        props.insert(0, exp.FileFormatProperty(this=exp.Var(this="DELTA")))
        out.set("expression", exp.select("*").from_(like.this.copy()).where(exp.false()))
    props.append(exp.LocationProperty(this=exp.Literal.string(location)))
    _set_props(out, props)
    return out


def chain(expression: exp.Create, *steps: Callable[[exp.Create], exp.Create]) -> exp.Create:
    """``steps`` applied in order to one private copy of ``expression`` (the input is left alone)."""
    token = _CHAIN_OWNS_INPUT.set(True)
    try:
        expression = expression.copy()
        for step in steps:
            expression = step(expression)
        return expression
    finally:
        _CHAIN_OWNS_INPUT.reset(token)


def schema_lookup(schema_map: Mapping[str, str]) -> Callable[[str], str]:
    return lambda db: uc_schema(schema_map, db)
