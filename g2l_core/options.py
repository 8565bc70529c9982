"""Project settings the stages read, typed, in one place: conversion options, DDL options, and the
Glue-to-Unity-Catalog naming both of them follow.

Naming rule (one behaviour for code and DDL): the Glue Data Catalog stores database and table names in
lower case and matches them case-insensitively, so a Glue database is looked up in ``schema_map``
ignoring case, and an unmapped one becomes its lower-cased name. A name that is not a plain identifier
(hyphen, leading digit) is quoted with backticks in the three-level name.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from g2l_core.glue_api import HELPER_MODULE

PARAM_MODES = ("argv", "widgets")
_PLAIN_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SECRET_SCOPE = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")  # Databricks secret scope names
_SECRET_KEY_FIELDS = {"connection", "field"}


def uc_schema(schema_map: Mapping[str, str], database: str) -> str:
    """Unity Catalog schema for a Glue database: ``schema_map`` looked up ignoring case, else lower case."""
    wanted = database.lower()
    for key, value in schema_map.items():
        if key.lower() == wanted:
            return value
    return wanted


def quote_identifier(name: str) -> str:
    """``name`` as one SQL identifier part: plain identifiers as they are, anything else in backticks."""
    if _PLAIN_IDENTIFIER.match(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def path_part(name: str) -> str:
    """``name`` (a schema or table name from input) as ONE file-name segment that can never leave its folder:
    characters other than letters, digits, ``_`` and ``-`` are percent-encoded (``/`` -> ``%2F``,
    ``..`` -> ``%2E%2E``), so plain identifiers stay as they are."""
    if not name:
        return "%00"
    return "".join(c if (c.isascii() and (c.isalnum() or c in "_-")) else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in name)


def uc_table_name(catalog: str, schema_map: Mapping[str, str], database: str, table: str) -> str:
    """Three-level Unity Catalog name of a Glue catalog table, each part quoted where needed."""
    return ".".join(quote_identifier(part) for part in (catalog, uc_schema(schema_map, database), table.lower()))


@dataclass(frozen=True)
class StreamTable:
    """A Glue catalog table over a Kinesis stream or a Kafka topic, as the project's DDL declares it:
    ``kind`` (kinesis, kafka), the stream's parameters (``streamARN``, ``topicName``, ``classification``,
    ...) and the record's columns as ``(name, type)`` pairs."""

    kind: str
    parameters: Mapping[str, str] = field(default_factory=dict)
    columns: tuple[tuple[str, str], ...] = ()

    def schema(self) -> str | None:
        """The record's columns as a Spark DDL schema (``from_json``/``from_csv``), None without columns."""
        if not self.columns:
            return None
        return ", ".join(f"`{name.replace('`', '``')}` {kind}" for name, kind in self.columns)


@dataclass(frozen=True)
class ConvertOptions:
    """Project settings that change what converted code looks like."""

    catalog: str = "main"
    schema_map: Mapping[str, str] = field(default_factory=dict)  # glue database -> UC schema
    path_map: Mapping[str, str] = field(default_factory=dict)  # s3 prefix -> target prefix
    params: str = "argv"  # "argv" or "widgets"
    bookmarks: Mapping[str, bool] = field(default_factory=dict)  # job file or job name -> enabled
    helper_module: str = HELPER_MODULE
    # Glue connection credentials: secret scope, and the key of one field of a connection.
    secret_scope: str = "glue-connections"
    secret_key_pattern: str = "{connection}-{field}"
    # Glue catalog tables over streams, from the project's DDL: "database.table" (lower case) -> StreamTable.
    stream_tables: Mapping[str, StreamTable] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.params not in PARAM_MODES:
            raise ValueError(f"params: expected 'argv' or 'widgets', got {self.params!r}")
        if not self.helper_module.isidentifier():
            raise ValueError(f"helper_module: {self.helper_module!r} is not a Python module name")
        if not _SECRET_SCOPE.match(self.secret_scope):
            raise ValueError(f"secret_scope: {self.secret_scope!r} is not a Databricks secret scope name "
                             "(letters, digits, '-', '_', '.')")
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(self.secret_key_pattern) if name is not None}
        except ValueError:
            fields = set()
        if fields != _SECRET_KEY_FIELDS:
            raise ValueError(f"secret_key_pattern: {self.secret_key_pattern!r} must use exactly the placeholders "
                             "{connection} and {field}")

    def uc_schema(self, database: str) -> str:
        return uc_schema(self.schema_map, database)

    def table_name(self, database: str, table: str) -> str:
        """Unity Catalog three-level name of a Glue catalog table."""
        return uc_table_name(self.catalog, self.schema_map, database, table)

    def stream_table(self, database: str, table: str) -> StreamTable | None:
        """The stream a Glue catalog table describes, when the project's DDL declares one (names ignore case)."""
        return self.stream_tables.get(f"{database}.{table}".lower())

    def map_path(self, path: str) -> str:
        """Rewrite an S3 path by the longest matching ``path_map`` prefix; unmatched paths are kept."""
        best = max((p for p in self.path_map if path.startswith(p)), key=len, default=None)
        return path if best is None else self.path_map[best] + path[len(best):]

    @property
    def no_job_bookmarks(self) -> bool:
        """The job definitions are known and none turns bookmarks on: no read of library code is incremental."""
        return bool(self.bookmarks) and not any(self.bookmarks.values())

    def bookmarks_enabled(self, path: str) -> bool:
        """Looked up by relative path, file name or job name (file stem)."""
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        stem = name[:-3] if name.endswith(".py") else name
        return any(self.bookmarks.get(key, False) for key in (path, name, stem))


@dataclass(frozen=True)
class DdlOptions:
    """Project settings for DDL conversion.

    ``external``: True keeps LOCATION for every table, a collection of ``db.table`` names (Glue side)
    keeps it for those only. ``cluster_by_partitions`` turns Hive partitioning into liquid clustering.
    ``read_dialect`` is the sqlglot dialect for .sql/.ddl files (Athena: Hive DDL, Trino views);
    ``.hql`` files are always read as hive. ``ddl_vars`` fills templated names in DDL sources
    (``${env}``, ``${self:service}``, ``{{ db }}``: variable name -> value).
    """

    catalog: str = "main"
    schema_map: Mapping[str, str] = field(default_factory=dict)
    external: bool | Collection[str] = False
    cluster_by_partitions: bool = False
    read_dialect: str = "athena"
    ddl_vars: Mapping[str, str] = field(default_factory=dict)

    def target_schema(self, database: str) -> str:
        return uc_schema(self.schema_map, database)

    def keeps_location(self, database: str, table: str) -> bool:
        if isinstance(self.external, bool):
            return self.external
        wanted = {name.lower() for name in self.external}
        return f"{database}.{table}".lower() in wanted


CLOUDS = ("aws", "azure", "gcp")
COMPUTE_KINDS = ("job_cluster", "serverless")


@dataclass(frozen=True)
class BundleOptions:
    """Project settings for the Databricks Asset Bundle written from the Glue job definitions.

    ``node_types`` overrides the Glue worker type -> node type table of ``g2l_core.jobs.compute`` for
    ``cloud``; ``hosts`` gives a workspace host per bundle target (``dev``, ``prod``): the Databricks CLI
    refuses variables in ``workspace.host``, so an unset host comes from ``DATABRICKS_HOST`` at deploy time.
    """

    name: str = "g2l"
    cloud: str = "aws"
    compute: str = "job_cluster"
    node_types: Mapping[str, str] = field(default_factory=dict)
    spark_version: str | None = None
    hosts: Mapping[str, str] = field(default_factory=dict)
    autoscale: bool = False

    def __post_init__(self) -> None:
        if self.cloud not in CLOUDS:
            raise ValueError(f"cloud: expected one of {', '.join(CLOUDS)}, got {self.cloud!r}")
        if self.compute not in COMPUTE_KINDS:
            raise ValueError(f"compute: expected one of {', '.join(COMPUTE_KINDS)}, got {self.compute!r}")
