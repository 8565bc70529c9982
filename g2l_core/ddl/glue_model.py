"""What the Glue side declares, whatever file it came from: ``GlueTable`` (the facts hints and warnings
are made from) and ``SourceStatement`` (one statement or resource with its Hive-dialect sqlglot
expression, which conversion transforms). Every DDL format reads into these."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp


@dataclass
class GlueColumn:
    name: str
    type: str
    comment: str | None = None
    nullable: bool = True


@dataclass
class GlueTable:
    """A Glue/Hive table, view or database as declared on the Glue side."""

    kind: str  # table | view | database
    database: str | None
    name: str
    columns: list[GlueColumn] = field(default_factory=list)
    partition_keys: list[GlueColumn] = field(default_factory=list)
    partition_transforms: list[str] = field(default_factory=list)
    external: bool = False
    location: str | None = None
    comment: str | None = None
    stored_as: str | None = None
    input_format: str | None = None
    output_format: str | None = None
    serde: str | None = None
    serde_params: dict[str, str] = field(default_factory=dict)
    delimited: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)
    storage_parameters: dict[str, str] = field(default_factory=dict)  # StorageDescriptor.Parameters (streams)
    bucketed_by: list[str] = field(default_factory=list)
    buckets: str | None = None
    view_sql: str | None = None
    from_query: bool = False  # CREATE TABLE ... AS SELECT: the data comes from the query
    storage_handler: str | None = None  # STORED BY '<class>': the data lives outside the file system

    @property
    def qualified_name(self) -> str:
        return f"{self.database}.{self.name}" if self.database else self.name

    @property
    def stream_kind(self) -> str | None:
        """``kinesis``/``kafka`` for a table over a stream (``typeOfData``, else the parameters only a stream
        table has, at table or storage level), else None."""
        parameters = {**self.parameters, **self.storage_parameters}
        declared = str(parameters.get("typeOfData", "")).lower()
        if declared in ("kinesis", "kafka"):
            return declared
        if {"streamARN", "streamName"} & set(parameters):
            return "kinesis"
        if "topicName" in parameters and {"bootstrap.servers", "kafka.bootstrap.servers", "connectionName"} & set(parameters):
            return "kafka"
        return None


@dataclass
class SourceStatement:
    """One statement of a DDL file, or one table/database of a JSON export or template.

    ``error``: why it cannot be read (``error_line``: the file line it concerns, when known);
    ``skipped``: why it is deliberately not DDL to convert (a query, an unrelated JSON file)."""

    file: str
    index: int
    line: int | None
    text: str
    dialect: str
    expression: exp.Expression | None = None
    table: GlueTable | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    error_line: int | None = None
    skipped: str | None = None
    end_line: int | None = None


class SourceError(ValueError):
    """A statement or entry that cannot be read; ``line`` is relative to the statement when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line
