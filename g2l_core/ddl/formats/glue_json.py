"""Glue catalog JSON exports: ``aws glue get-table`` (``{"Table": ...}``), ``get-tables``
(``{"TableList": [...]}``), ``get-database(s)``, and one table object as the console's "View JSON" shows it
(``{"Name": ..., "StorageDescriptor": ...}``). Projects keep such exports as ``.json``, and some as ``.sql``
next to their DDL: a ``.sql`` file whose text is a JSON object is read here too."""

from __future__ import annotations

import json
from typing import Any

from ..glue_catalog import database_from_glue_dict, statement_from_table, table_from_glue_dict
from ..glue_model import SourceError, SourceStatement
from .base import DdlFormat, line_of, load_json

_KEYS = ("Table", "TableList", "Database", "DatabaseList")


def _is_table_object(doc: Any) -> bool:
    return isinstance(doc, dict) and "Name" in doc and any(k in doc for k in ("StorageDescriptor", "PartitionKeys",
                                                                              "TableType"))


def accepts(doc: Any) -> bool:
    return isinstance(doc, dict) and (any(k in doc for k in _KEYS) or _is_table_object(doc))


def load(path: str, text: str) -> Any:
    """JSON of a ``.json`` file; of another suffix only when its text is a JSON object (SQL text is not)."""
    if not path.lower().endswith(".json") and not text.lstrip().startswith("{"):
        raise SourceError(f"{path} is not a JSON document")
    return load_json(path, text)


def _entries(doc: dict) -> list[tuple[str, Any]]:
    if _is_table_object(doc) and not any(k in doc for k in _KEYS):
        return [("table", doc)]
    items: list[tuple[str, Any]] = []
    for key, kind, many in (("Table", "table", False), ("TableList", "table", True),
                            ("Database", "database", False), ("DatabaseList", "database", True)):
        value = doc.get(key)
        if value is None:
            continue
        if many and not isinstance(value, list):
            raise SourceError(f"{key}: expected a list of entries, got {type(value).__name__}")
        items += [(kind, v) for v in value] if many else [(kind, value)]
    return items


def read_glue_json(path: str, doc: dict, dialect: str, text: str = "") -> list[SourceStatement]:
    try:
        items = _entries(doc)
    except SourceError as e:
        return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect, error=f"Glue export: {e}")]
    out = []
    for index, (kind, d) in enumerate(items, start=1):
        try:
            gt = database_from_glue_dict(d) if kind == "database" else table_from_glue_dict(d)
            out.append(statement_from_table(path, index, gt, dialect, line=line_of(text, f'"{gt.name}"')))
        except (SourceError, RecursionError) as e:
            out.append(SourceStatement(file=path, index=index, line=None, text=json.dumps(d, default=str)[:500],
                                       dialect=dialect, error=f"Glue export entry {index}: {e}"))
    return out


FORMAT = DdlFormat(name="a Glue get-table/get-tables/get-databases JSON export", suffixes=(".json", ".sql"),
                   load=load, accepts=accepts, read=read_glue_json, order=10)
