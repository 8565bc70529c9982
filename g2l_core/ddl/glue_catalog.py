"""Glue Data Catalog entries (the ``Table``/``TableInput`` and ``Database`` shapes of the Glue API, as
``aws glue get-table(s)`` exports and CloudFormation ``AWS::Glue::Table`` resources hold them) ->
``GlueTable`` -> the Hive CREATE statement it stands for (built as an expression, no text).

Entries are written by hand or by tools, so every field is type-checked: a wrong type is a
``SourceError`` naming the field, never a ``KeyError``/``AttributeError`` from deep inside."""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from sqlglot import exp

from .glue_model import GlueColumn, GlueTable, SourceError, SourceStatement
from .parse import parse_statement
from .templates import placeholders

_PRESTO_VIEW = re.compile(r"/\*\s*Presto View:\s*([A-Za-z0-9+/=\s]+?)\s*\*/")
_SCALARS = (str, int, float, bool)


def _view_sql_from_glue(original: str) -> str:
    """Athena stores views as ``/* Presto View: <base64 json> */``; the SQL is in ``originalSql``."""
    m = _PRESTO_VIEW.search(original or "")
    if not m:
        if "Presto View:" in (original or ""):
            unfilled = placeholders(original)
            if unfilled:  # Terraform builds it with base64encode(jsonencode({originalSql = var.sql, ...}))
                raise SourceError(f"ViewOriginalText: the view's SQL is built from {', '.join(unfilled)}, which is "
                                  "not resolved; give the values it needs under the project's ddl_vars setting")
            raise SourceError("ViewOriginalText: Presto view payload is not base64")
        return original
    try:
        return str(json.loads(base64.b64decode(m.group(1)))["originalSql"])
    except (binascii.Error, ValueError, KeyError, TypeError) as e:
        raise SourceError(f"ViewOriginalText: Presto view payload does not decode ({type(e).__name__})") from None


def _kind(v: Any) -> str:
    """What a wrongly typed value is, for the message (CloudFormation conditions are named as such)."""
    if isinstance(v, str) and v.startswith("${Fn::"):
        return f"an unresolved CloudFormation {v[2:-1]} (conditions cannot be resolved offline)"
    return type(v).__name__


def _obj(d: dict, key: str, where: str) -> dict:
    v = d.get(key)
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise SourceError(f"{where}{key}: expected an object, got {_kind(v)}")
    return v


def _text(d: dict, key: str, where: str, required: bool = False) -> str | None:
    v = d.get(key)
    if v is None:
        if required:
            raise SourceError(f"{where}{key}: is required")
        return None
    if not isinstance(v, _SCALARS):
        raise SourceError(f"{where}{key}: expected a string, got {_kind(v)}")
    return str(v)


def _strings(d: dict, key: str, where: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in _obj(d, key, where).items()}


def _glue_columns(d: dict, key: str, where: str) -> list[GlueColumn]:
    items = d.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise SourceError(f"{where}{key}: expected a list of columns, got {_kind(items)}")
    out = []
    for i, c in enumerate(items):
        if not isinstance(c, dict):
            raise SourceError(f"{where}{key}[{i}]: expected an object with Name and Type, got {_kind(c)}")
        at = f"{where}{key}[{i}]."
        out.append(GlueColumn(_text(c, "Name", at, True), _text(c, "Type", at) or "string", _text(c, "Comment", at)))
    return out


def database_from_glue_dict(d: Any, where: str = "") -> GlueTable:
    """A ``DatabaseInput``/``Database`` dict -> GlueTable of kind database."""
    if not isinstance(d, dict):
        raise SourceError(f"{where}expected an object, got {_kind(d)}")
    return GlueTable(kind="database", database=None, name=_text(d, "Name", where, True),
                     comment=_text(d, "Description", where), location=_text(d, "LocationUri", where))


def table_from_glue_dict(d: Any, database: str | None = None, where: str = "") -> GlueTable:
    """A ``TableInput``/``Table`` dict (Glue API shape) -> GlueTable."""
    if not isinstance(d, dict):
        raise SourceError(f"{where}expected a table object, got {_kind(d)}")
    if "Name" not in d:
        raise SourceError("table entry has no Name")
    sd = _obj(d, "StorageDescriptor", where)
    sd_where = f"{where}StorageDescriptor."
    serde = _obj(sd, "SerdeInfo", sd_where)
    ttype = (_text(d, "TableType", where) or "").upper()
    buckets = sd.get("BucketColumns") or []
    if not isinstance(buckets, list):
        raise SourceError(f"{sd_where}BucketColumns: expected a list, got {_kind(buckets)}")
    gt = GlueTable(
        kind="view" if ttype == "VIRTUAL_VIEW" else "table",
        database=_text(d, "DatabaseName", where) or database,
        name=_text(d, "Name", where, True),
        columns=_glue_columns(sd, "Columns", sd_where),
        partition_keys=_glue_columns(d, "PartitionKeys", where),
        external=ttype == "EXTERNAL_TABLE",
        location=_text(sd, "Location", sd_where),
        comment=_text(d, "Description", where),
        input_format=_text(sd, "InputFormat", sd_where),
        output_format=_text(sd, "OutputFormat", sd_where),
        serde=_text(serde, "SerializationLibrary", f"{sd_where}SerdeInfo."),
        serde_params=_strings(serde, "Parameters", f"{sd_where}SerdeInfo."),
        parameters=_strings(d, "Parameters", where),
        storage_parameters=_strings(sd, "Parameters", sd_where),
        bucketed_by=[str(b) for b in buckets],
    )
    if gt.parameters.get("EXTERNAL", "").upper() == "TRUE":
        gt.external = True
    if gt.kind == "view":
        gt.view_sql = _view_sql_from_glue(_text(d, "ViewOriginalText", where) or _text(d, "ViewExpandedText", where) or "")
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
    """The Hive-dialect CREATE statement a GlueTable stands for."""
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


def statement_from_table(path: str, index: int, gt: GlueTable, dialect: str, warnings: list[str] | None = None,
                         line: int | None = None) -> SourceStatement:
    """The statement a catalog entry stands for; an entry that does not build is an error statement."""
    st = SourceStatement(file=path, index=index, line=line, text=json.dumps({"Name": gt.name, "DatabaseName": gt.database}),
                         dialect=dialect, table=gt, warnings=list(warnings or []))
    try:
        st.expression = create_expression(gt, dialect)
    except SourceError as e:
        st.error = f"{gt.qualified_name}: {e}"
    return st
