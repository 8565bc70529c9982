"""Glue catalog tables that describe a Kinesis stream or a Kafka topic, for the code converter.

A streaming job reads such a table with ``create_data_frame.from_catalog``: the stream's name, region or
brokers and the record format are in the table's parameters (table level or ``StorageDescriptor``, as
the Glue console, CloudFormation and get-table exports write them), the record's schema in its columns.
The converter sees only the database and table name, so these facts reach it as
``ConvertOptions.stream_tables``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from g2l_core.options import StreamTable

from .glue_model import GlueTable, SourceStatement
from .sources import read_source
from .templates import placeholders

KINESIS_KEYS = frozenset({"streamARN", "streamName", "endpointUrl", "region", "awsSTSRoleARN", "awsSTSSessionName"})
KAFKA_KEYS = frozenset({"topicName", "bootstrap.servers", "kafka.bootstrap.servers", "connectionName",
                        "security.protocol", "subscribePattern", "assign"})
RECORD_KEYS = frozenset({"classification", "delimiter", "typeOfData"})


def stream_table(table: GlueTable) -> StreamTable | None:
    """What the converter needs of ``table`` when it is a stream, else None."""
    merged = {**table.parameters, **table.storage_parameters}
    kind = table.stream_kind
    if kind is None or table.kind != "table":
        return None
    keys = (KINESIS_KEYS if kind == "kinesis" else KAFKA_KEYS) | RECORD_KEYS
    parameters = {k: v for k, v in merged.items() if k in keys and not placeholders(v)}  # unresolved: not known
    delimiter = table.serde_params.get("field.delim") or table.delimited.get("fields")
    if delimiter and "delimiter" not in parameters:
        parameters["delimiter"] = delimiter
    return StreamTable(kind, parameters, tuple((c.name, c.type) for c in table.columns))


def stream_tables(statements: Iterable[SourceStatement]) -> dict[str, StreamTable]:
    """``"database.table"`` (lower case) -> stream, for the stream tables among ``statements``."""
    out = {}
    for statement in statements:
        table = statement.table
        if table is None or statement.error or not table.database:
            continue
        found = stream_table(table)
        if found is not None:
            out[f"{table.database}.{table.name}".lower()] = found
    return out


def read_stream_tables(sources: Mapping[str, str], dialect: str = "athena",
                       variables: Mapping[str, str] | None = None) -> dict[str, StreamTable]:
    """The stream tables declared in DDL source files (path -> text), as the DDL stage reads them."""
    out: dict[str, StreamTable] = {}
    for path, text in sorted(sources.items()):
        out.update(stream_tables(read_source(path, text, dialect, variables)))
    return out
