"""Terraform ``aws_glue_catalog_table`` and ``aws_glue_catalog_database`` resources (``.tf`` HCL, ``.tf.json``).

Each resource's arguments are the Glue API's ``TableInput`` in snake case with blocks for the nested
objects (``storage_descriptor { columns {...} ser_de_info {...} }``), so they are renamed into that shape
and read like a catalog export. References resolve as the job definitions' Terraform reader resolves
them, within the file: ``var.x`` to the variable's default, ``local.x``, another Glue resource's
``name``; anything else (``aws_kinesis_stream.s.arn``) stays as ``${...}`` and is reported.
"""

from __future__ import annotations

from typing import Any

from g2l_core.jobs.formats.terraform import Resolver, parse

from ..glue_catalog import database_from_glue_dict, statement_from_table, table_from_glue_dict
from ..glue_model import SourceError, SourceStatement
from ..templates import placeholders, unresolved_message
from .base import DdlFormat, line_of

TABLE, DATABASE = "aws_glue_catalog_table", "aws_glue_catalog_database"
# snake_case argument -> Glue API key, for the arguments whose key is not plain CamelCase of it
_KEYS = {"ser_de_info": "SerdeInfo", "serialization_library": "SerializationLibrary",
         "view_original_text": "ViewOriginalText", "view_expanded_text": "ViewExpandedText", "location_uri": "LocationUri"}
_LISTS = ("columns", "partition_keys", "bucket_columns", "sort_columns")  # blocks that repeat
_MAPS = ("parameters",)  # string maps: their keys are Glue's own (typeOfData, EXTERNAL), never renamed


def load(path: str, text: str) -> Any:
    try:
        return parse(path, text)
    except ValueError as e:
        raise SourceError(str(e)) from None


def _blocks(value) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value or [] if isinstance(v, dict)]


def _resources(doc: dict):
    for block in _blocks(doc.get("resource")):
        for kind, named in block.items():
            for name, bodies in (named or {}).items() if isinstance(named, dict) else ():
                for body in _blocks(bodies):
                    yield kind, name, body


def accepts(doc: Any) -> bool:
    return isinstance(doc, dict) and any(kind in (TABLE, DATABASE) for kind, _, _ in _resources(doc))


def glue_shape(value: Any, key: str = "") -> Any:
    """Terraform's arguments and blocks as the Glue API's objects (``storage_descriptor`` ->
    ``StorageDescriptor``, a one-element block list -> the object)."""
    if key in _MAPS:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value
    if isinstance(value, list) and key not in _LISTS and len(value) == 1 and isinstance(value[0], dict):
        value = value[0]
    if isinstance(value, dict):
        return {_KEYS.get(k) or "".join(p.title() for p in k.split("_")): glue_shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [glue_shape(v) for v in value]
    return value


def read_terraform(path: str, doc: dict, dialect: str, text: str = "") -> list[SourceStatement]:
    variables = {name: body.get("default") for block in _blocks(doc.get("variable")) for name, body in block.items()
                 if isinstance(body, dict) and "default" in body}
    locals_ = {k: v for block in _blocks(doc.get("locals")) for k, v in block.items()}
    names = {f"{kind}.{name}": body.get("name") for kind, name, body in _resources(doc) if kind in (TABLE, DATABASE)}
    out = []
    for index, (kind, name, body) in enumerate([r for r in _resources(doc) if r[0] in (TABLE, DATABASE)], start=1):
        problems: list = []
        resolved = Resolver(variables, locals_, names, path, problems).value(body, f"{kind}.{name}")
        line = line_of(text, f'"{kind}" "{name}"') if text else None
        try:
            shaped = glue_shape(resolved)
            gt = database_from_glue_dict(shaped) if kind == DATABASE else table_from_glue_dict(shaped)
            unnamed = placeholders(f"{gt.database or ''} {gt.name}")
            if unnamed:
                raise SourceError(unresolved_message(unnamed))
            warnings = [f"Terraform value not resolvable offline: {p.message.split(';')[0]}; give it under the "
                        "project's ddl_vars" for p in problems]
            statement = statement_from_table(path, index, gt, dialect, warnings, line=line)
            if statement.error:
                statement.error = f"resource {kind}.{name}: {statement.error}"
            out.append(statement)
        except (SourceError, RecursionError) as e:
            out.append(SourceStatement(file=path, index=index, line=line, text=f"{kind}.{name}", dialect=dialect,
                                       error=f"resource {kind}.{name}: {e}"))
    return out


FORMAT = DdlFormat(name="Terraform with aws_glue_catalog_table resources", suffixes=(".tf", ".tf.json"), load=load,
                   accepts=accepts, read=read_terraform, order=30)
