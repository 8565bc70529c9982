"""Glue/Hive DDL -> Unity Catalog: conversion (sqlglot), local apply (Spark/pysail), Databricks
apply (SQL Statement Execution API through databricks-sdk).

Names resolve on first use (``g2l_core.lazy``): the workspace client's databricks-sdk is imported only by
what applies to a workspace, and no submodule import leads back here.
"""

from __future__ import annotations

import logging

from g2l_core.lazy import lazy_exports

# sqlglot warns on statements it keeps as a Command (MSCK, ...); g2l reports those itself, per statement.
# Set here, so it holds whichever module of the package parses first.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

_EXPORTS = {
    "apply_tables": "apply", "read_table_schema": "apply",
    "convert_ddl_file": "convert", "convert_ddl_text": "convert", "convert_path": "convert",
    "convert_statements": "convert", "with_implied_schemas": "convert",
    "DdlOptions": "g2l_core.options",
    "ApplyOutcome": "model", "ApplyReport": "model", "Column": "model", "TableResult": "model",
    "TableSchemaInfo": "model",
    "GlueColumn": "sources", "GlueTable": "sources", "SourceStatement": "sources", "read_source": "sources",
    "folder_files": "sources",
    "hive_type_to_databricks": "types", "is_widening": "types", "normalize_type": "types",
    "StatementExecutionClient": "statement_api", "StatementExecutionError": "statement_api", "connect": "statement_api",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
