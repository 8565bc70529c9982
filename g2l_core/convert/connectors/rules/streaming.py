"""Kinesis and Kafka sources (``create_data_frame.from_options(connection_type="kinesis"|"kafka")``) ->
``spark.readStream.format("kinesis"|"kafka")``; writes to them are flagged with a recipe."""

from __future__ import annotations

from g2l_core.convert.connectors import streaming
from g2l_core.convert.connectors.plan import Plan, Value
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite
from g2l_core.convert.rules import Site


class StreamRead(ConnectorRead):
    DESCRIPTION = ("`create_data_frame.from_options('kinesis', {streamARN, startingPosition})` -> "
                   "`spark.readStream.format('kinesis').option('streamName', ...).option('region', ...)`; "
                   "`'kafka'` -> `format('kafka')` with subscribe/startingOffsets")
    TYPES = streaming.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan:
        fmt = site.arg(2, "format")
        if fmt is not None and "classification" not in options:
            options = {**options, "classification": fmt}
        return streaming.read_plan(kind, options)


class StreamWrite(ConnectorWrite):
    DESCRIPTION = "`write_dynamic_frame.from_options(frame, 'kinesis'|'kafka', ...)` -> flagged with a recipe"
    TYPES = streaming.TYPES


RULES = (StreamRead, StreamWrite)
