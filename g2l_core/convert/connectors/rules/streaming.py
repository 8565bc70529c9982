"""Kinesis and Kafka sources (``create_data_frame.from_options(connection_type="kinesis"|"kafka")``) ->
``spark.readStream.format("kinesis"|"kafka")``; writes to them are flagged with a recipe."""

from __future__ import annotations

from g2l_core.convert.connectors import render, streaming
from g2l_core.convert.connectors.plan import Plan, Value, literal
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite, bound_dict, decide, describe
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method, namespaced


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


class StreamCatalogRead(Rule):
    DESCRIPTION = ("`create_data_frame.from_catalog(db, table, additional_options={startingPosition|startingOffsets})` "
                   "(a stream table) -> `spark.readStream.format('kinesis'|'kafka')`, flagged: the stream is named in "
                   "the catalog table")
    API = "GlueContext.create_data_frame.from_catalog"
    KEYS = frozenset({"from_catalog", "create_data_frame_from_catalog"})
    MATCHER = namespaced("create_data_frame", "from_catalog") | glue_method("create_data_frame_from_catalog")

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        additional = bound_dict(site, site.arg(5, "additional_options"))
        return bool(additional) and streaming.catalog_kind(additional) is not None

    def rewrite(self, site: Site) -> Outcome:
        additional = bound_dict(site, site.arg(5, "additional_options")) or {}
        kind = streaming.catalog_kind(additional)
        assert kind is not None
        table = ".".join(_shown(site.arg(position, name)) for position, name in ((0, "database"), (1, "table_name")))
        plan = streaming.catalog_read_plan(kind, additional, table)
        decide(self, site, plan, self.API, describe(plan, write=False))
        return render.read(plan, site.context(), site.helper)


def _shown(node) -> str:
    value = literal(node, None) if node is not None else None
    return value if isinstance(value, str) else "(computed)"


class StreamWrite(ConnectorWrite):
    DESCRIPTION = "`write_dynamic_frame.from_options(frame, 'kinesis'|'kafka', ...)` -> flagged with a recipe"
    TYPES = streaming.TYPES


RULES = (StreamRead, StreamCatalogRead, StreamWrite)
