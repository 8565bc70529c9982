"""Glue/Hive DDL -> Unity Catalog: conversion (sqlglot), local apply (Spark/pysail), Databricks
apply (SQL Statement Execution API)."""

from .apply import apply_tables, read_table_schema
from .convert import convert_ddl_file, convert_ddl_text, convert_path, convert_statements
from .model import ApplyOutcome, Column, DdlOptions, TableResult, TableSchemaInfo
from .sources import GlueColumn, GlueTable, SourceStatement, read_source
from .statement_api import StatementExecutionClient, StatementExecutionError
from .types import hive_type_to_databricks, is_widening, normalize_type

__all__ = [
    "ApplyOutcome", "Column", "DdlOptions", "GlueColumn", "GlueTable", "SourceStatement", "StatementExecutionClient",
    "StatementExecutionError", "TableResult", "TableSchemaInfo", "apply_tables", "convert_ddl_file",
    "convert_ddl_text", "convert_path", "convert_statements", "hive_type_to_databricks", "is_widening",
    "normalize_type", "read_source", "read_table_schema",
]
