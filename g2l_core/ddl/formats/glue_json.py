"""Glue catalog JSON exports: ``aws glue get-table`` (``{"Table": ...}``), ``get-tables``
(``{"TableList": [...]}``) and ``get-database(s)``."""

from __future__ import annotations

import json
from typing import Any

from ..glue_catalog import database_from_glue_dict, statement_from_table, table_from_glue_dict
from ..glue_model import SourceError, SourceStatement
from .base import DdlFormat, line_of, load_json

_KEYS = ("Table", "TableList", "Database", "DatabaseList")


def accepts(doc: Any) -> bool:
    return isinstance(doc, dict) and any(k in doc for k in _KEYS)


def _entries(doc: dict) -> list[tuple[str, Any]]:
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


FORMAT = DdlFormat(name="a Glue get-table/get-tables/get-databases JSON export", suffixes=(".json",),
                   load=load_json, accepts=accepts, read=read_glue_json, order=10)
