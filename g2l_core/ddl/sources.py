"""Read Glue table definitions from DDL files, Glue catalog JSON exports and CloudFormation/SAM
templates into one model: a ``SourceStatement`` per statement/resource, holding the Hive-dialect
sqlglot expression (what conversion transforms) and a ``GlueTable`` (the facts hints and warnings
are made from).

sqlglot 30 parses the Hive DDL met in Glue projects (SERDE ... WITH SERDEPROPERTIES, STORED AS
INPUTFORMAT/OUTPUTFORMAT, ION, DELIMITED, TBLPROPERTIES). The pre-parse steps are limited to
what it does not parse: ``CREATE DATABASE ... WITH DBPROPERTIES (...)`` (the clause is cut out
before parsing and reported, ``strip_dbproperties``) and ``uniontype`` columns (a clear error
instead of a parser message).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlglot
import yaml
from sqlglot import exp

DDL_EXTENSIONS = (".sql", ".hql", ".ddl")
JSON_EXTENSIONS = (".json",)
YAML_EXTENSIONS = (".yaml", ".yml", ".template")


@dataclass
class GlueColumn:
    name: str
    type: str
    comment: str | None = None
    nullable: bool = True


@dataclass
class GlueTable:
    """A Glue/Hive table, view or database as declared on the Glue side."""

    kind: str  # table | view | database
    database: str | None
    name: str
    columns: list[GlueColumn] = field(default_factory=list)
    partition_keys: list[GlueColumn] = field(default_factory=list)
    partition_transforms: list[str] = field(default_factory=list)
    external: bool = False
    location: str | None = None
    comment: str | None = None
    stored_as: str | None = None
    input_format: str | None = None
    output_format: str | None = None
    serde: str | None = None
    serde_params: dict[str, str] = field(default_factory=dict)
    delimited: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)
    bucketed_by: list[str] = field(default_factory=list)
    view_sql: str | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.database}.{self.name}" if self.database else self.name


@dataclass
class SourceStatement:
    """One statement of a DDL file, or one table/database of a JSON export or template."""

    file: str
    index: int
    line: int | None
    text: str
    dialect: str
    expression: exp.Expression | None = None
    table: GlueTable | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class SourceError(ValueError):
    pass


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
        parsed = sqlglot.parse(text, read=dialect, error_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.ParseError as e:
        first = e.errors[0] if e.errors else {}
        where = f" (line {first.get('line')}, col {first.get('col')} of the statement)" if first else ""
        raise SourceError(f"cannot parse: {first.get('description', str(e))}{where}") from None
    except sqlglot.errors.TokenError as e:
        raise SourceError(f"cannot tokenize: {e}") from None
    parsed = [p for p in parsed if p is not None]
    if len(parsed) != 1:
        raise SourceError("expected one statement")
    stmt = parsed[0]
    if isinstance(stmt, exp.Command) and not stmt.name.upper().startswith("MSCK"):
        raise SourceError(f"unsupported syntax (sqlglot fell back to a raw command for {stmt.name!r})")
    return stmt


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
    if kind in ("DATABASE", "SCHEMA"):
        gt = GlueTable(kind="database", database=None, name=table.name)
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
    props = create.args.get("properties")
    for p in props.expressions if props else []:
        if isinstance(p, exp.ExternalProperty):
            gt.external = True
        elif isinstance(p, exp.LocationProperty):
            gt.location = _prop_text(p.this)
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
        elif isinstance(p, exp.ClusteredByProperty):
            gt.bucketed_by = [e.name for e in p.expressions]
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


def read_sql_file(path: str, text: str, dialect: str) -> list[SourceStatement]:
    """Every statement of a DDL file, parsed on its own so one bad statement spoils nothing else."""
    if path.lower().endswith(".hql"):
        dialect = "hive"
    out = []
    for index, (line, stmt_text) in enumerate(split_statements(text), start=1):
        st = SourceStatement(file=path, index=index, line=line, text=stmt_text, dialect=dialect)
        try:
            parse_text, removed = strip_dbproperties(stmt_text)
            if removed:
                st.warnings.append(f"dropped {removed} (not supported by Unity Catalog schemas)")
            st.expression = parse_statement(parse_text, dialect)
            if isinstance(st.expression, exp.Create):
                st.table = table_from_create(st.expression)
        except SourceError as e:
            st.error = str(e)
        out.append(st)
    return out


# Glue catalog JSON (aws glue get-table / get-tables / get-databases) and CloudFormation.

_PRESTO_VIEW = re.compile(r"/\*\s*Presto View:\s*([A-Za-z0-9+/=\s]+?)\s*\*/")


def _view_sql_from_glue(original: str) -> str:
    """Athena stores views as ``/* Presto View: <base64 json> */``; the SQL is in ``originalSql``."""
    m = _PRESTO_VIEW.search(original or "")
    if m:
        return json.loads(base64.b64decode(m.group(1)))["originalSql"]
    return original


def _glue_columns(items: list[dict] | None) -> list[GlueColumn]:
    return [GlueColumn(str(c["Name"]), str(c.get("Type") or "string"), c.get("Comment")) for c in items or []]


def table_from_glue_dict(d: dict, database: str | None = None) -> GlueTable:
    """A ``TableInput``/``Table`` dict (Glue API shape) -> GlueTable."""
    if "Name" not in d:
        raise SourceError("table entry has no Name")
    sd = d.get("StorageDescriptor") or {}
    serde = sd.get("SerdeInfo") or {}
    ttype = (d.get("TableType") or "").upper()
    gt = GlueTable(
        kind="view" if ttype == "VIRTUAL_VIEW" else "table",
        database=d.get("DatabaseName") or database,
        name=str(d["Name"]),
        columns=_glue_columns(sd.get("Columns")),
        partition_keys=_glue_columns(d.get("PartitionKeys")),
        external=ttype == "EXTERNAL_TABLE",
        location=sd.get("Location"),
        comment=d.get("Description"),
        input_format=sd.get("InputFormat"),
        output_format=sd.get("OutputFormat"),
        serde=serde.get("SerializationLibrary"),
        serde_params={str(k): str(v) for k, v in (serde.get("Parameters") or {}).items()},
        parameters={str(k): str(v) for k, v in (d.get("Parameters") or {}).items()},
        bucketed_by=list(sd.get("BucketColumns") or []),
    )
    if gt.parameters.get("EXTERNAL", "").upper() == "TRUE":
        gt.external = True
    if gt.kind == "view":
        gt.view_sql = _view_sql_from_glue(d.get("ViewOriginalText") or d.get("ViewExpandedText") or "")
    return gt


def _ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name))


def _column_def(c: GlueColumn, type_dialect: str = "hive") -> exp.ColumnDef:
    from .types import parse_type

    constraints = []
    if not c.nullable:
        constraints.append(exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
    if c.comment:
        constraints.append(exp.ColumnConstraint(kind=exp.CommentColumnConstraint(this=exp.Literal.string(c.comment))))
    try:
        kind = parse_type(c.type, type_dialect)
    except Exception as e:
        raise SourceError(f"column {c.name}: cannot parse type {c.type!r}: {e}") from None
    return exp.ColumnDef(this=_ident(c.name), kind=kind, constraints=constraints or None)


def _table_ref(database: str | None, name: str) -> exp.Table:
    return exp.Table(this=_ident(name), db=_ident(database) if database else None)


def create_expression(gt: GlueTable, dialect: str = "athena") -> exp.Create:
    """The Hive-dialect CREATE statement a GlueTable stands for (built as an expression, no text)."""
    if gt.kind == "database":
        props = [exp.SchemaCommentProperty(this=exp.Literal.string(gt.comment))] if gt.comment else []
        if gt.location:
            props.append(exp.LocationProperty(this=exp.Literal.string(gt.location)))
        return exp.Create(this=_table_ref(None, gt.name), kind="DATABASE", exists=True,
                          properties=exp.Properties(expressions=props) if props else None)
    if gt.kind == "view":
        select = parse_statement(gt.view_sql or "", dialect)
        return exp.Create(this=_table_ref(gt.database, gt.name), kind="VIEW", expression=select)
    props: list[exp.Expression] = []
    if gt.external:
        props.append(exp.ExternalProperty())
    if gt.comment:
        props.append(exp.SchemaCommentProperty(this=exp.Literal.string(gt.comment)))
    if gt.partition_keys:
        props.append(exp.PartitionedByProperty(this=exp.Schema(expressions=[_column_def(c) for c in gt.partition_keys])))
    if gt.serde:
        sp = exp.SerdeProperties(expressions=[exp.Property(this=exp.Literal.string(k), value=exp.Literal.string(v))
                                              for k, v in gt.serde_params.items()], with_=True)
        props.append(exp.RowFormatSerdeProperty(this=exp.Literal.string(gt.serde), serde_properties=sp if gt.serde_params else None))
    if gt.input_format or gt.output_format:
        props.append(exp.FileFormatProperty(this=exp.InputOutputFormat(
            input_format=exp.Literal.string(gt.input_format or ""), output_format=exp.Literal.string(gt.output_format or "")),
            hive_format=True))
    if gt.location:
        props.append(exp.LocationProperty(this=exp.Literal.string(gt.location)))
    for k, v in gt.parameters.items():
        props.append(exp.Property(this=exp.Literal.string(k), value=exp.Literal.string(v)))
    schema = exp.Schema(this=_table_ref(gt.database, gt.name), expressions=[_column_def(c) for c in gt.columns])
    return exp.Create(this=schema, kind="TABLE", properties=exp.Properties(expressions=props) if props else None)


def _statement_from_table(path: str, index: int, gt: GlueTable, dialect: str, warnings: list[str] | None = None) -> SourceStatement:
    st = SourceStatement(file=path, index=index, line=None, text=json.dumps({"Name": gt.name, "DatabaseName": gt.database}),
                         dialect=dialect, table=gt, warnings=list(warnings or []))
    try:
        st.expression = create_expression(gt, dialect)
    except SourceError as e:
        st.error = f"{gt.qualified_name}: {e}"
    return st


def read_glue_json(path: str, data: Any, dialect: str = "athena") -> list[SourceStatement]:
    """``aws glue get-table`` ({"Table": ...}), ``get-tables`` ({"TableList": [...]}) and
    ``get-databases``/``get-database`` exports."""
    items: list[tuple[str, dict]] = []
    if isinstance(data, dict):
        if isinstance(data.get("Table"), dict):
            items.append(("table", data["Table"]))
        items += [("table", t) for t in data.get("TableList") or []]
        if isinstance(data.get("Database"), dict):
            items.append(("database", data["Database"]))
        items += [("database", t) for t in data.get("DatabaseList") or []]
    out = []
    for index, (kind, d) in enumerate(items, start=1):
        try:
            if not isinstance(d, dict):
                raise SourceError(f"entry {index} is not an object")
            if kind == "database":
                gt = GlueTable(kind="database", database=None, name=str(d["Name"]), comment=d.get("Description"),
                               location=d.get("LocationUri"))
            else:
                gt = table_from_glue_dict(d)
            out.append(_statement_from_table(path, index, gt, dialect))
        except (SourceError, KeyError, ValueError) as e:
            out.append(SourceStatement(file=path, index=index, line=None, text=json.dumps(d)[:500], dialect=dialect,
                                       error=f"Glue export entry {index}: {e}"))
    return out


class CfnTag:
    """An unresolved CloudFormation short-form tag (``!Ref X``, ``!Sub '...'``)."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"CfnTag({self.tag!r}, {self.value!r})"


class CfnLoader(yaml.SafeLoader):
    """SafeLoader that keeps CloudFormation intrinsic tags (!Ref, !Sub, !GetAtt...) as CfnTag."""


def _construct_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> CfnTag:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return CfnTag(suffix, value)


CfnLoader.add_multi_constructor("!", _construct_tag)


class _CfnResolver:
    """Resolves Ref / Fn::Sub / Fn::Join against template parameter defaults and Glue database
    resources; what cannot be resolved stays as ``${Name}`` and is reported."""

    def __init__(self, template: dict):
        self.values: dict[str, str] = {"AWS::Region": "${AWS::Region}", "AWS::AccountId": "${AWS::AccountId}"}
        for name, spec in (template.get("Parameters") or {}).items():
            if isinstance(spec, dict) and "Default" in spec:
                self.values[name] = str(spec["Default"])
        self.unresolved: set[str] = set()
        self.resources = template.get("Resources") or {}
        for name, res in self.resources.items():
            if isinstance(res, dict) and res.get("Type") == "AWS::Glue::Database":
                db_name = ((res.get("Properties") or {}).get("DatabaseInput") or {}).get("Name")
                if db_name is not None:
                    self.values[name] = self.resolve(db_name)

    def ref(self, name: str) -> str:
        if name in self.values:
            return self.values[name]
        self.unresolved.add(name)
        return "${" + name + "}"

    def sub(self, value: Any) -> str:
        template, extra = (value[0], value[1]) if isinstance(value, list) else (value, {})
        local = {k: self.resolve(v) for k, v in (extra or {}).items()}
        return re.sub(r"\$\{([^}!]+)\}", lambda m: local.get(m.group(1)) or self.ref(m.group(1)), str(template))

    def resolve(self, v: Any) -> Any:
        if isinstance(v, CfnTag):
            v = {("Ref" if v.tag == "Ref" else f"Fn::{v.tag}"): v.value}
        if isinstance(v, dict):
            if set(v) == {"Ref"}:
                return self.ref(str(v["Ref"]))
            if set(v) == {"Fn::Sub"}:
                return self.sub(v["Fn::Sub"])
            if set(v) == {"Fn::Join"}:
                sep, parts = v["Fn::Join"]
                return str(sep).join(str(self.resolve(p)) for p in parts)
            if len(v) == 1 and next(iter(v)).startswith("Fn::"):
                key = next(iter(v))
                self.unresolved.add(key)
                return "${" + key + "}"
            return {k: self.resolve(x) for k, x in v.items()}
        if isinstance(v, list):
            return [self.resolve(x) for x in v]
        return v


def load_template(text: str) -> Any:
    return yaml.load(text, Loader=CfnLoader)  # noqa: S506 - SafeLoader subclass


def read_cfn_template(path: str, template: dict, dialect: str = "athena") -> list[SourceStatement]:
    """``AWS::Glue::Table`` and ``AWS::Glue::Database`` resources of a CloudFormation/SAM template."""
    resolver = _CfnResolver(template)
    out = []
    index = 0
    for logical, res in (template.get("Resources") or {}).items():
        if not isinstance(res, dict) or res.get("Type") not in ("AWS::Glue::Table", "AWS::Glue::Database"):
            continue
        index += 1
        resolver.unresolved = set()
        try:
            props = resolver.resolve(res.get("Properties") or {})
            if res["Type"] == "AWS::Glue::Database":
                di = props.get("DatabaseInput") or {}
                gt = GlueTable(kind="database", database=None, name=str(di["Name"]), comment=di.get("Description"),
                               location=di.get("LocationUri"))
            else:
                ti = props.get("TableInput")
                if not isinstance(ti, dict):
                    raise SourceError("no TableInput")
                gt = table_from_glue_dict(ti, database=props.get("DatabaseName"))
            warns = [f"CloudFormation values not resolvable offline: {', '.join(sorted(resolver.unresolved))}"] if resolver.unresolved else []
            st = _statement_from_table(path, index, gt, dialect, warns)
            if st.error:
                st.error = f"resource {logical}: {st.error}"
            out.append(st)
        except (SourceError, KeyError, ValueError, TypeError) as e:
            out.append(SourceStatement(file=path, index=index, line=None, text=logical, dialect=dialect,
                                       error=f"resource {logical}: {e}"))
    return out


def read_source(path: str, text: str, dialect: str = "athena") -> list[SourceStatement]:
    """Dispatch on extension and content: DDL text, Glue JSON export or CloudFormation template.

    A JSON/YAML file that is neither a Glue export nor a template yields nothing (many repos keep
    unrelated config next to their DDL); a file that does not load yields one error statement.
    """
    lower = path.lower()
    if lower.endswith(DDL_EXTENSIONS):
        return read_sql_file(path, text, dialect)
    if lower.endswith(JSON_EXTENSIONS + YAML_EXTENSIONS):
        try:
            data = json.loads(text) if lower.endswith(".json") else load_template(text)
        except (json.JSONDecodeError, yaml.YAMLError) as e:
            return [SourceStatement(file=path, index=1, line=getattr(e, "lineno", None), text="", dialect=dialect,
                                    error=f"cannot load {path}: {e}")]
        if isinstance(data, dict) and isinstance(data.get("Resources"), dict):
            return read_cfn_template(path, data, dialect)
        if isinstance(data, dict) and any(k in data for k in ("Table", "TableList", "Database", "DatabaseList")):
            return read_glue_json(path, data, dialect)
        return []
    return []


def is_ddl_source(path: Path) -> bool:
    return path.suffix.lower() in DDL_EXTENSIONS + JSON_EXTENSIONS + YAML_EXTENSIONS
