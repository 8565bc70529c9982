"""Kinesis and Kafka sources (``create_data_frame.from_options(connection_type="kinesis"|"kafka")``) ->
``spark.readStream.format("kinesis"|"kafka")``; Kafka writes -> ``format("kafka")`` with the records as JSON,
Kinesis writes -> ``g2l_helpers.write_kinesis`` (JSON records put from each partition)."""

from __future__ import annotations

import libcst as cst

from g2l_core.convert.bindings import argument
from g2l_core.convert.connectors import render, streaming
from g2l_core.convert.connectors.plan import HelperCall, Plan, Value, literal
from g2l_core.convert.connectors.rules.base import (
    READ_MATCHER, ConnectorRead, ConnectorWrite, bound_dict, decide, describe, local_value, same_scope,
)
from g2l_core.convert.rules import EARLY, REMOVE, Outcome, Rule, Site, glue_method, namespaced, predicate
from g2l_core.convert.sinks import builder_call
from g2l_core.convert.storage import context_expr
from g2l_core.convert.streaming import ForEachBatch
from g2l_core.convert.writes import CatalogWrite, as_statement, write_api
from g2l_core.options import StreamTable


def stream_source(site: Site, call: cst.BaseExpression | None) -> tuple[str, dict[str, Value]] | None:
    """``(kind, options)`` of a Kinesis/Kafka read: ``create_data_frame.from_options(...)`` or
    ``source.getFrame()`` of a ``getSource(...)`` builder."""
    if isinstance(call, cst.Call) and predicate(glue_method("getFrame"))(call):
        call = builder_call(site, call.func.value)  # type: ignore[attr-defined]
        found = source_call(call) if isinstance(call, cst.Call) else None
    elif isinstance(call, cst.Call) and predicate(StreamCatalogRead.MATCHER)(call):
        catalog = catalog_source(site, call)
        found = None if catalog is None else (catalog[0], catalog[2])
    elif isinstance(call, cst.Call) and predicate(READ_MATCHER)(call):
        node = argument(call, 0, "connection_type")
        kind = literal(node, None) if node is not None else None
        options = bound_dict(site, argument(call, 1, "connection_options"))
        found = (kind, options) if isinstance(kind, str) and options is not None else None
    else:
        found = None
    return found if found is not None and found[0] in streaming.TYPES else None


def catalog_source(site: Site, call: cst.Call) -> tuple[str, dict[str, Value], dict[str, Value], StreamTable | None] | None:
    """``(kind, additional_options, connection options, stream table)`` of a ``create_data_frame.from_catalog``
    read of a stream: a table the project's DDL declares as one, or a read whose options only a stream
    takes; None for any other table."""
    additional = bound_dict(site, argument(call, 5, "additional_options"))
    if additional is None:
        return None
    names = [literal(site.constant(node), None) if node is not None else None
             for node in (argument(call, 0, "database"), argument(call, 1, "table_name"))]
    stream = site.options.stream_table(*names) if all(isinstance(n, str) for n in names) else None
    if stream is not None:
        return stream.kind, additional, streaming.table_options(stream, additional), stream
    kind = streaming.catalog_kind(additional)
    return None if kind is None else (kind, additional, dict(additional), None)


def source_call(call: cst.Call) -> tuple[str, dict[str, Value]] | None:
    """``getSource(connection_type, **options)``: the type and the options as keyword arguments."""
    node = argument(call, 0, "connection_type")
    kind = literal(node, None) if node is not None else None
    if not isinstance(kind, str) or any(a.star for a in call.args):
        return None
    options = {a.keyword.value: a.value for a in call.args
               if a.keyword is not None and a.keyword.value not in ("connection_type", "transformation_ctx")}
    if "format" in options:
        options.setdefault("classification", options.pop("format"))
    return kind, options


def json_stream(site: Site, frame: cst.BaseExpression | None) -> str | None:
    """``kinesis``/``kafka`` when ``frame`` names a stream read whose JSON records Glue parsed with an
    inferred schema (bound once, earlier, in the site's scope), else None."""
    call = local_value(site, frame, mutable=False) if isinstance(frame, cst.Name) else None
    found = stream_source(site, call)
    return found[0] if found is not None and streaming.parses_in_batches(found[1]) else None


def stream_plan(site: Site, kind: str, options: dict[str, Value]) -> Plan:
    """The read; its records are parsed in the batch functions when it only feeds ``forEachBatch``."""
    return streaming.read_plan(kind, options, parsed_in_batches=parsed_in_batches(site, options))


def parsed_in_batches(site: Site, options: dict[str, Value]) -> str:
    """``all``/``some``/``""``: how many uses of the read's records are batch functions that parse them."""
    target = site.assigned_to()
    batches, others = batch_uses(site, target.value) if isinstance(target, cst.Name) else (0, 1)
    return "" if not (batches and streaming.parses_in_batches(options)) else "some" if others else "all"


def batch_uses(site: Site, name: str) -> tuple[int, int]:
    """``(frame of a forEachBatch in the site's scope, any other use)`` counts for ``name``."""
    batches = others = 0
    for use in site.uses_of(name):
        arg = site.parent(use)
        if isinstance(arg, cst.AssignTarget):
            continue
        call = site.parent(arg) if isinstance(arg, cst.Arg) else None
        if (isinstance(call, cst.Call) and predicate(ForEachBatch.MATCHER)(call) and same_scope(site, call)
                and argument(call, 0, "frame") is use):
            batches += 1
        else:
            others += 1
    return batches, others


class StreamRead(ConnectorRead):
    DESCRIPTION = ("`create_data_frame.from_options('kinesis', {streamARN, startingPosition})` -> "
                   "`spark.readStream.format('kinesis').option('streamName', ...).option('region', ...)`; "
                   "`'kafka'` -> `format('kafka')` with subscribe/startingOffsets")
    TYPES = streaming.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan:
        fmt = site.arg(2, "format")
        if fmt is not None and "classification" not in options:
            options = {**options, "classification": fmt}
        return stream_plan(site, kind, options)


class StreamCatalogRead(Rule):
    DESCRIPTION = ("`create_data_frame.from_catalog(db, table, additional_options)` of a stream table -> "
                   "`spark.readStream.format('kinesis'|'kafka')` with the stream and record schema from the table's "
                   "DDL; flagged without it (startingPosition|startingOffsets say it is a stream)")
    API = "GlueContext.create_data_frame.from_catalog"
    PRIORITY = EARLY  # before the catalog read, which would read a table
    MATCHER = namespaced("create_data_frame", "from_catalog") | glue_method("create_data_frame_from_catalog")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and catalog_source(site, site.original) is not None

    def rewrite(self, site: Site) -> Outcome:
        found = catalog_source(site, site.original)
        assert found is not None
        kind, additional, options, stream = found
        table = ".".join(_shown(site, site.arg(position, name)) for position, name in ((0, "database"), (1, "table_name")))
        plan = streaming.catalog_read_plan(kind, additional, table, stream, parsed_in_batches(site, options))
        decide(self, site, plan, self.API, describe(plan, write=False))
        return render.read(plan, site.context(), site.helper)


def _shown(site: Site, node) -> str:
    """A name as the note shows it: its value, or the code computing it in braces (``{args['db']}``)."""
    value = literal(node, None) if node is not None else None
    if isinstance(value, str):
        return value
    return f"{{{site.code(node)}}}" if node is not None else "(missing)"


class ParsedForEachBatch(ForEachBatch):
    PRIORITY = EARLY  # takes the streams whose batches it parses from ForEachBatch
    DESCRIPTION = ("`forEachBatch(frame, fn, options)` over a JSON Kinesis/Kafka stream -> "
                   "`writeStream.foreachBatch(g2l_helpers.parsed_batches(fn, 'data'|'value'))...`: each batch "
                   "parsed as Glue hands it to fn")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and json_stream(site, site.original_arg(0, "frame")) is not None

    def batch_function(self, site: Site) -> cst.BaseExpression | None:
        function = super().batch_function(site)
        kind = json_stream(site, site.original_arg(0, "frame"))
        if function is None or kind is None:
            return function
        return render.expression(HelperCall("parsed_batches", (function, streaming.record_column(kind))), site.helper)


class StreamSource(Rule):
    DESCRIPTION = ("`source = glueContext.getSource('kinesis'|'kafka', **options)` then `source.getFrame()` -> "
                   "the builder is removed and getFrame becomes `spark.readStream.format(...)`")
    API = "GlueContext.getSource"
    MATCHER = glue_method("getSource", "getFrame")
    PRIORITY = EARLY  # before the source builder rules, which convert files only

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        if site.original.func.attr.value == "getSource":  # type: ignore[attr-defined]
            found = source_call(site.original)
            return found is not None and found[0] in streaming.TYPES and isinstance(site.assigned_to(), cst.Name)
        return stream_source(site, site.original) is not None

    def rewrite(self, site: Site) -> Outcome:
        if site.original.func.attr.value == "getSource":  # type: ignore[attr-defined]
            site.converted(self, "folded into the stream read at getFrame")
            return REMOVE
        found = stream_source(site, site.original)
        assert found is not None
        source = builder_call(site, site.original_receiver())
        assert isinstance(source, cst.Call) and isinstance(source.func, cst.Attribute)
        plan = stream_plan(site, *found)
        decide(self, site, plan, "DataSource.getFrame", describe(plan, write=False))
        return render.read(plan, context_expr(site, source.func.value), site.helper)


class StreamWrite(ConnectorWrite):
    DESCRIPTION = ("`write_dynamic_frame.from_options(frame, 'kafka', {connectionName, topic})` -> "
                   "`df.selectExpr('to_json(struct(*)) AS value').write.format('kafka')`; 'kinesis' -> "
                   "`g2l_helpers.write_kinesis(frame, stream, region, partitionKey)`")
    TYPES = streaming.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan:
        plan = super().plan(site, kind, options)
        frame = site.original_arg(0, "frame")
        call = local_value(site, frame, mutable=False) if isinstance(frame, cst.Name) else None
        if plan is not None and stream_source(site, call) is not None:
            plan.flags.append("the frame is a stream, which a batch write cannot take: write it in a forEachBatch "
                              "batch function, as Glue does, or with writeStream and a checkpointLocation")
        return plan


class StreamCatalogWrite(Rule):
    DESCRIPTION = ("`write_dynamic_frame.from_catalog(frame, db, table)` to a Kafka/Kinesis table of the project's DDL "
                   "-> the Kafka write or `g2l_helpers.write_kinesis` with the table's topic or stream")
    PRIORITY = EARLY  # before the catalog write, which would append to a Delta table
    MATCHER = CatalogWrite.MATCHER

    def stream(self, site: Site) -> StreamTable | None:
        names = [literal(site.constant(node), None) if node is not None else None
                 for node in (site.original_arg(1, "database"), site.original_arg(2, "table_name"))]
        return site.options.stream_table(*names) if all(isinstance(n, str) for n in names) else None

    def matches(self, site: Site) -> bool:
        return super().matches(site) and self.stream(site) is not None

    def rewrite(self, site: Site) -> Outcome:
        api = write_api(site)
        stream = self.stream(site)
        assert stream is not None
        frame = site.arg(0, "frame")
        additional = bound_dict(site, site.arg(5, "additional_options"))
        if frame is None or additional is None:
            site.flag(self, f"{stream.kind} catalog write with its frame or additional_options computed at run time: "
                            "write it by hand", api)
            return None
        table = ".".join(_shown(site, site.arg(position, name)) for position, name in ((1, "database"), (2, "table_name")))
        plan = streaming.catalog_write_plan(stream.kind, additional, table, stream)
        decide(self, site, plan, api, describe(plan, write=True))
        return as_statement(site, render.write(plan, frame, site.helper))


RULES = (StreamRead, StreamCatalogRead, StreamSource, ParsedForEachBatch, StreamWrite, StreamCatalogWrite)
