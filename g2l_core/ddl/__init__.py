"""Glue/Hive DDL -> Unity Catalog: conversion (sqlglot), local apply (Spark/pysail), Databricks
apply (SQL Statement Execution API through databricks-sdk)."""

from .apply import apply_tables, read_table_schema
from .convert import convert_ddl_file, convert_ddl_text, convert_path, convert_statements
from g2l_core.options import DdlOptions

from .model import ApplyOutcome, ApplyReport, Column, TableResult, TableSchemaInfo
from .sources import GlueColumn, GlueTable, SourceStatement, read_source
from .types import hive_type_to_databricks, is_widening, normalize_type

__all__ = [
    "ApplyOutcome", "ApplyReport", "Column", "DdlOptions", "GlueColumn", "GlueTable", "SourceStatement", "StatementExecutionClient",
    "StatementExecutionError", "TableResult", "TableSchemaInfo", "apply_tables", "connect", "convert_ddl_file",
    "convert_ddl_text", "convert_path", "convert_statements", "hive_type_to_databricks", "is_widening",
    "normalize_type", "read_source", "read_table_schema",
]


_LAZY = {"StatementExecutionClient", "StatementExecutionError", "connect"}


def __getattr__(name: str):
    """The workspace client is imported on first use: databricks-sdk takes most of a second to import,
    which conversion and the inventory's worker processes never need."""
    if name in _LAZY:
        from . import statement_api

        return getattr(statement_api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
