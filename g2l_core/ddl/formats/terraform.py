"""Terraform ``aws_glue_catalog_table`` and ``aws_glue_catalog_database`` resources (``.tf``, ``.tf.json``).

The file is evaluated as Terraform would (``jobs.formats.terraform``: variables with defaults, locals,
``for_each``/``count``, ``dynamic "columns"`` blocks); each table or database instance is then the Glue API
entry it creates, read like a ``get-table`` export. Values known only after apply stay as ``${...}`` and are
named in the statement's warnings. The other Terraform files of the file's folder, when the caller gives
them, are read with it as one module (``variables.tf`` with the defaults, the database resource a table
names), as ``terraform apply`` reads them; only the file's own resources become its statements. Variables
kept elsewhere resolve through the project's ``ddl_vars`` (``env: prod``)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from g2l_core.jobs.formats.terraform import Reading, evaluate_resources, parse
from g2l_core.jobs.model import Problem

from ..glue_catalog import database_from_glue_dict, statement_from_table, table_from_glue_dict
from ..glue_model import SourceError, SourceStatement
from .base import DdlFormat, line_of

KINDS = ("aws_glue_catalog_table", "aws_glue_catalog_database")
_META = ("for_each", "count", "depends_on", "provider", "lifecycle")


def load(path: str, text: str) -> Any:
    try:
        return {"text": text, "parsed": parse(path, text)}
    except ValueError as e:
        raise SourceError(f"cannot load {e}") from None


def accepts(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("parsed"), dict)


def _one(value) -> dict:
    """A block that occurs once comes as a one-element list."""
    if isinstance(value, list):
        value = value[0] if value else {}
    return value if isinstance(value, dict) else {}


def _columns(blocks) -> list[dict]:
    items = blocks if isinstance(blocks, list) else [blocks] if isinstance(blocks, dict) else []
    return [{"Name": c.get("name"), "Type": c.get("type"), "Comment": c.get("comment")}
            for c in items if isinstance(c, dict)]


def table_entry(body: dict) -> dict:
    """An ``aws_glue_catalog_table`` body as the Glue API ``TableInput`` it creates."""
    sd = _one(body.get("storage_descriptor"))
    serde = _one(sd.get("ser_de_info"))
    parameters = dict(body.get("parameters") or {})
    if body.get("open_table_format_input"):
        parameters.setdefault("table_type", "ICEBERG")
    entry = {
        "Name": body.get("name"), "DatabaseName": body.get("database_name"), "Description": body.get("description"),
        "TableType": body.get("table_type"), "Parameters": parameters,
        "PartitionKeys": _columns(body.get("partition_keys")),
        "ViewOriginalText": body.get("view_original_text"), "ViewExpandedText": body.get("view_expanded_text"),
        "StorageDescriptor": {
            "Location": sd.get("location"), "InputFormat": sd.get("input_format"),
            "OutputFormat": sd.get("output_format"), "Columns": _columns(sd.get("columns")),
            "BucketColumns": sd.get("bucket_columns"), "Parameters": sd.get("parameters"),
            "SerdeInfo": {"SerializationLibrary": serde.get("serialization_library"),
                          "Parameters": serde.get("parameters")},
        },
    }
    return _without_nulls(entry)


def _without_nulls(value):
    """Unset arguments dropped; booleans as Terraform passes them to the API (``true``, not ``True``)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return str(value).lower() if isinstance(value, bool) else value


@lru_cache(maxsize=8)
def _module(files: tuple[tuple[str, str], ...], variables: tuple[tuple[str, str], ...]
            ) -> tuple[list[tuple[str, str, str, dict]], list[Problem]]:
    """The Glue resources (file, kind, name, body) of one folder's Terraform files, evaluated once for all of
    the folder's files."""
    found: list[tuple[str, str, str, dict]] = []
    problems: list[Problem] = []
    evaluate_resources({posixpath.dirname(files[0][0]): dict(files)}, dict(variables),
                       Reading(KINDS, lambda b: {k: v for k, v in b.items() if k not in _META},
                               lambda p, kind, name, body: found.append((p, kind, name, body)), problems,
                               setting="ddl_vars"))
    return found, problems


def read_terraform(path: str, doc: dict, dialect: str, text: str = "",
                   variables: Mapping[str, str] | None = None,
                   folder: Mapping[str, str] | None = None) -> list[SourceStatement]:
    """``variables`` (the project's ``ddl_vars``) give the module's variables by name (``env: prod``);
    ``folder`` the other Terraform files of the file's folder (path -> text)."""
    others = {p: t for p, t in (folder or {}).items() if p != path and p.lower().endswith(FORMAT.suffixes)
              and posixpath.dirname(p) == posixpath.dirname(path)}
    for p, t in others.items():
        try:
            parse(p, t)
        except ValueError:
            others = {}  # a broken neighbour: read the file on its own, as before
            break
    files = tuple(sorted({path: doc["text"], **others}.items()))
    module, problems = _module(files, tuple(sorted((variables or {}).items())))
    found = [(kind, name, body) for p, kind, name, body in module if p == path]
    out = []
    for index, (kind, name, body) in enumerate(found, start=1):
        label = name.split("[", 1)[0]
        line = line_of(doc["text"], f'"{label}"')
        warns = [f"{p.where}: {p.message}" for p in problems if p.where.split("[", 1)[0].split(".")[1:2] == [label]
                 and p.where.startswith(kind)]
        try:
            if kind == "aws_glue_catalog_database":
                gt = database_from_glue_dict(_without_nulls({"Name": body.get("name"), "Description": body.get(
                    "description"), "LocationUri": body.get("location_uri")}))
            else:
                gt = table_from_glue_dict(table_entry(body))
            st = statement_from_table(path, index, gt, dialect, warns, line=line)
            if st.error:
                st.error = f"{kind}.{name}: {st.error}"
        except (SourceError, RecursionError) as e:
            st = SourceStatement(file=path, index=index, line=line, text=f"{kind}.{name}", dialect=dialect,
                                 error=f"{kind}.{name}: {e}")
        out.append(st)
    if not out:
        return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect,
                                skipped="Terraform without aws_glue_catalog_table or aws_glue_catalog_database")]
    return out


FORMAT = DdlFormat(name="Terraform", suffixes=(".tf", ".tf.json"), load=load, accepts=accepts,
                   read=read_terraform, order=30, takes_variables=True,
                   takes_folder=True)
