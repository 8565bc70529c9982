"""Entity inventory: modules, classes, functions, methods, jobs and tables of a Glue and a Databricks
repository, extracted incrementally (unchanged git blobs are not parsed again).

Names are resolved lazily so that parse worker processes importing ``g2l_core.extract.python_source``
do not pay for polars and sqlglot.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "ENTITY_COLUMNS": "schema", "empty_frame": "schema", "entity_id": "rows",
    "extract_module": "python_source", "sql_table_refs": "python_source",
    "extract_ddl_tables": "ddl_tables",
    "FileHistory": "git_history", "file_history": "git_history", "inventory_files": "git_history",
    "InventoryResult": "inventory", "RepoSnapshot": "inventory", "build_inventory": "inventory",
    "metadata_markdown": "report",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'g2l_core.extract' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"g2l_core.extract.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
