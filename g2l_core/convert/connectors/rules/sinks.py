"""``sink = glueContext.getSink(connection_type=<a connector>, **options)`` (Kafka, JDBC, Redshift, Spark
connectors, ...) then ``sink.writeFrame(frame)`` or ``sink.write(frame)`` -> that connector's write. The
builder and its ``setFormat`` fold into the write, as file sinks do (``g2l_core.convert.sinks``); a sink
whose plan cannot be made is left to those rules, which flag it."""

from __future__ import annotations

import libcst as cst

from g2l_core.convert.bindings import argument
from g2l_core.convert.connectors import dispatch, render, streaming
from g2l_core.convert.connectors.plan import Plan, Unsupported, Value, literal
from g2l_core.convert.connectors.rules.base import decide, describe
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import EARLY, REMOVE, Outcome, Rule, Site, glue_method
from g2l_core.convert.sinks import SINK_WRITES, as_settings, builder_call, config_calls, settings_note, shown_lines, stray_use
from g2l_core.convert.writes import as_statement

BUILDER_ARGUMENTS = ("connection_type", "format", "transformation_ctx")


def sink_options(call: cst.Call) -> tuple[str, dict[str, Value]] | None:
    """``(connection_type, options)`` of ``getSink(connection_type, format=None, transformation_ctx="",
    **options)`` written with keyword options; ``format`` is Glue's classification."""
    node = argument(call, 0, "connection_type")
    kind = literal(node, None) if node is not None else None
    if not isinstance(kind, str) or any(a.star for a in call.args):
        return None
    options: dict[str, Value] = {a.keyword.value: a.value for a in call.args
                                 if a.keyword is not None and a.keyword.value not in BUILDER_ARGUMENTS}
    fmt = argument(call, 1, "format")
    if fmt is not None:
        options["classification"] = fmt
    return kind, options


def sink_plan(site: Site, name: cst.Name, call: cst.Call | None = None) -> tuple[str, Plan] | None:
    """``(connection_type, plan)`` of the connector sink bound to ``name``, when its set-up folds away:
    nothing but its configuration and writes uses it (or shows it), it names no catalog table unless it
    writes to a stream (whose table's DDL names the topic or stream), and the plan is made."""
    call = call if call is not None else builder_call(site, name)
    found = sink_options(call) if call is not None else None
    if found is None or found[0] not in dispatch.CONNECTION_TYPES:
        return None
    catalog = config_calls(site, name, "setCatalogInfo")
    if stray_use(site, name.value) is not None or (catalog and found[0] not in streaming.TYPES):
        return None
    kind, options = found
    formats = config_calls(site, name, "setFormat")
    if formats and formats[-1].args:
        options["classification"] = formats[-1].args[0].value
    if catalog:
        database, table = (argument(catalog[-1], i, key) for i, key in enumerate(("catalogDatabase", "catalogTableName")))
        names = [literal(site.constant(n), None) if n is not None else None for n in (database, table)]
        stream = site.options.stream_table(*names) if all(isinstance(n, str) for n in names) else None
        shown = ".".join(n if isinstance(n, str) else "(computed)" for n in names)
        return kind, streaming.catalog_write_plan(kind, options, shown, stream if stream and stream.kind == kind else None)
    try:
        plan = dispatch.write_plan(kind, options)
    except Unsupported:
        return None
    return None if plan is None else (kind, plan)


class ConnectorSink(Rule):
    DESCRIPTION = ("`sink = glueContext.getSink(connection_type='kafka'|'postgresql'|..., **options)`, "
                   "`sink.setFormat(...)`, `sink.setCatalogInfo(...)` (Kafka/Kinesis tables), `sink.writeFrame(frame)` "
                   "-> the connector's `df.write`")
    API = "GlueContext.getSink"
    MATCHER = glue_method("getSink", "setFormat", "setCatalogInfo", *SINK_WRITES)
    PRIORITY = EARLY  # before the file sink rules, which flag every connection type but s3

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        receiver = site.original_receiver()
        if method == "getSink":
            target = site.assigned_to()
            return (site.kind(receiver) in (Kind.GLUE_CONTEXT, None) and isinstance(target, cst.Name)
                    and sink_plan(site, target, site.original) is not None)
        if site.kind(receiver) is not Kind.SINK or not isinstance(receiver, cst.Name):
            return False
        if sink_plan(site, receiver) is None:
            return False
        return site.is_statement() if method in ("setFormat", "setCatalogInfo") else site.original.args != ()

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        if method in ("getSink", "setFormat", "setCatalogInfo"):
            api = self.API if method == "getSink" else f"DataSink.{method}"
            name = site.assigned_to() if method == "getSink" else site.original_receiver()
            assert isinstance(name, cst.Name)
            if shown_lines(site, name.value):
                site.converted(self, "folded into the connector write at writeFrame; " + settings_note(site, name.value),
                               api)
                return as_settings(site, name.value)
            site.converted(self, "folded into the connector write at writeFrame", api)
            return REMOVE
        receiver = site.original_receiver()
        assert isinstance(receiver, cst.Name)
        found = sink_plan(site, receiver)
        assert found is not None
        _, plan = found
        frame = site.arg(0, "dynamic_frame") or site.arg(0, "dynamic_frame_or_dfc")
        assert frame is not None
        decide(self, site, plan, f"DataSink.{method}", describe(plan, write=True))
        return as_statement(site, render.write(plan, frame, site.helper))


RULES = (ConnectorSink,)
