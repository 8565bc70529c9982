"""``getSink``/``getSource`` builder objects are folded into one ``df.write`` / ``spark.read`` chain.

Glue's sink is configured over several statements (``setFormat``, ``setCatalogInfo``) and written by
``writeFrame``; the configuring statements are removed and ``writeFrame`` becomes the write. With
``setCatalogInfo`` the target is the Unity Catalog table (its own format and location apply);
``enableUpdateCatalog`` becomes Delta ``mergeSchema``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build, storage
from g2l_core.convert.model import Kind
from g2l_core.convert.reads import csv_header_plan
from g2l_core.convert.rules import REMOVE, Outcome, Rule, Site, glue_method

SINK_CONFIG = ("setFormat", "setCatalogInfo")
SINK_WRITES = ("writeFrame", "write")
# Parameter names of the positional arguments of the builder calls, for their settings dict.
POSITIONAL = {"getSink": ("connection_type", "format", "transformation_ctx"), "setFormat": ("format",),
              "setCatalogInfo": ("catalogDatabase", "catalogTableName", "catalogId")}
SHOWING_CALLS = frozenset({"print", "str", "repr"})
LOGGER_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})


def builder_call(site: Site, receiver: cst.BaseExpression) -> cst.Call | None:
    """The ``getSink``/``getSource`` call a sink/source variable was assigned from."""
    if not isinstance(receiver, cst.Name):
        return None
    value = site.binding_before(receiver.value)
    return value if isinstance(value, cst.Call) else None


def config_calls(site: Site, receiver: cst.Name, method: str) -> list[cst.Call]:
    """``receiver.method(...)`` statements in the scope that builds the sink: a module-level set-up
    configures the sink a batch function writes with."""
    builder = builder_call(site, receiver)
    return site.method_calls(receiver.value, method, site.scope_of(builder) if builder is not None else None)


def shows_only(site: Site, use: cst.Name) -> bool:
    """The use only shows the value: printed, logged, formatted into an f-string."""
    parent = site.parent(use)
    if isinstance(parent, cst.FormattedStringExpression):
        return True
    call = site.parent(parent) if isinstance(parent, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    return ((isinstance(func, cst.Name) and func.value in SHOWING_CALLS)
            or (isinstance(func, cst.Attribute) and func.attr.value in LOGGER_METHODS))


def shown_lines(site: Site, name: str) -> list[int]:
    """Lines where the sink variable ``name`` is only shown (see ``shows_only``)."""
    return [site.line_of(use) for use in site.uses_of(name) if shows_only(site, use)]


def as_settings(site: Site, name: str) -> cst.Call:
    """A builder call as plain data, for a sink variable that is still printed or logged: ``getSink(...)``
    -> ``dict(...)``, ``sink.setFormat(...)``/``sink.setCatalogInfo(...)`` -> ``sink.update(...)``, every
    argument by its Glue parameter name."""
    call = site.updated
    method = site.original.func.attr.value  # type: ignore[attr-defined]
    names = POSITIONAL[method]
    args = [a.with_changes(keyword=cst.Name(names[i]), equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
            if a.keyword is None and not a.star and i < len(names) else a for i, a in enumerate(call.args)]
    func = build.name("dict") if method == "getSink" else build.attribute(build.name(name), "update")
    return call.with_changes(func=func, args=args)


def settings_note(site: Site, name: str) -> str:
    lines = ", ".join(str(n) for n in shown_lines(site, name))
    return f"`{name}` is still shown on line {lines}: kept as a dict of the sink's settings"


def stray_use(site: Site, name: str) -> str | None:
    """Why the sink variable ``name`` must stay: a use other than its set-up, its writes and showing it
    (None: none)."""
    for use in site.uses_of(name):
        parent = site.parent(use)
        if isinstance(parent, cst.AssignTarget) or shows_only(site, use):
            continue
        call = site.parent(parent) if isinstance(parent, cst.Attribute) and parent.value is use else None
        if not (isinstance(call, cst.Call) and call.func is parent and parent.attr.value in (*SINK_CONFIG, *SINK_WRITES)):
            return f"`{name}` is also used on line {site.line_of(use)}, so its set-up is kept"
    return None


def fold_blocker(site: Site, name: str, sink: cst.Call | None, other_uses: bool = False) -> str | None:
    """Why the sink variable ``name`` cannot be folded into its write (None: it can; with ``other_uses``,
    whether its writes convert whatever else uses it).

    Its set-up statements are removed only when every use of the variable is one of them or a write
    that converts; a use anywhere else would be left naming a deleted variable."""
    if sink is None:
        return "sink defined elsewhere"
    stray = stray_use(site, name)
    if stray is not None and not other_uses:
        return stray
    options = _kwargs(sink)
    connection = options.get("connection_type") or (sink.args[0].value if sink.args and sink.args[0].keyword is None
                                                    else None)
    try:
        connection_type = build.literal_value(site.constant(connection)) if connection is not None else None
    except ValueError:
        connection_type = None
    if connection_type != "s3":
        return f"sink connection_type={connection_type!r} has no automatic equivalent"
    if config_calls(site, cst.Name(name), "setCatalogInfo"):
        return None
    fmt_calls = config_calls(site, cst.Name(name), "setFormat")
    try:
        fmt = build.literal_value(fmt_calls[-1].args[0].value) if fmt_calls and fmt_calls[-1].args else None
    except ValueError:
        fmt = None
    if options.get("path") is None or storage.FILE_FORMATS.get(fmt or "") is None:
        return "sink without catalog info needs a path and a known format"
    return None


def path_sink_format_options(sink: cst.Call, fmt_calls: list[cst.Call]) -> dict[str, cst.BaseExpression]:
    """Format options of a sink writing files: ``getSink(format_options={...}, compression=...)`` and the
    keywords of its last ``setFormat("csv", separator="|")``."""
    options = _kwargs(sink)
    items = dict(build.dict_items(options["format_options"]) or {}) if "format_options" in options else {}
    if "compression" in options:
        items["compression"] = options["compression"]
    if fmt_calls:
        items.update(_kwargs(fmt_calls[-1]))
    return items


def _kwargs(call: cst.Call) -> dict[str, cst.BaseExpression]:
    return {a.keyword.value: a.value for a in call.args if a.keyword is not None}


def frame_sink_maker(site: Site, receiver: cst.BaseExpression) -> str | None:
    """The module function a ``maker(...).writeFrame(frame)`` receiver calls, when it returns a file or
    catalog sink it built with ``getSink`` (which becomes ``g2l_helpers.FrameSink``), else None."""
    function = site.local_function(receiver) if isinstance(receiver, cst.Call) else None
    if function is None:
        return None
    returned = {r.value.value for r in m.findall(function, m.Return(value=m.Name()))}  # type: ignore[union-attr]
    for assign in m.findall(function, m.Assign(targets=[m.AssignTarget(target=m.Name())],
                                               value=m.Call(func=m.Attribute(attr=m.Name("getSink"))))):
        call = assign.value  # type: ignore[attr-defined]
        connection = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "connection_type"), None)
        if assign.targets[0].target.value in returned and isinstance(connection, cst.SimpleString) \
                and connection.evaluated_value == "s3":  # type: ignore[attr-defined]
            return function.name.value
    return None


FRAME_SINK_METHODS = {"setFormat": "set_format", "setCatalogInfo": "set_catalog_info", "writeFrame": "write_frame",
                      "write": "write_frame"}


def as_frame_sink(rule: Rule, site: Site, stray: str, api: str) -> Outcome:
    """The set-up of a file or catalog sink that is also used elsewhere (returned, passed on): ``getSink``
    becomes ``g2l_helpers.FrameSink``, Glue's sink over DataFrames, and ``setFormat``/``setCatalogInfo``
    its ``set_format``/``set_catalog_info``; its writes here convert as usual."""
    method = site.original.func.attr.value  # type: ignore[attr-defined]
    if method != "getSink":
        site.converted(rule, f"{stray}: g2l_helpers.FrameSink.{FRAME_SINK_METHODS[method]}", api)
        return site.updated.with_changes(func=build.attribute(site.receiver(), FRAME_SINK_METHODS[method]))
    site.with_helper(rule, f"{stray}: it becomes g2l_helpers.FrameSink, Glue's sink over DataFrames", api)
    call = site.updated
    layout = call.whitespace_before_args  # arguments one per line: the session gets its own line too
    after = layout if isinstance(layout, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace(" ")
    first = cst.Arg(site.receiver(), comma=cst.Comma(whitespace_after=after))
    return call.with_changes(func=site.helper("FrameSink"), args=[first, *call.args])


class SinkConfig(Rule):
    DESCRIPTION = "`sink = glueContext.getSink(...)`, `sink.setFormat(...)`, `sink.setCatalogInfo(...)` fold into writeFrame"
    API = "GlueContext.getSink"
    MATCHER = glue_method("getSink", *SINK_CONFIG)

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        if method == "getSink":
            return site.kind(site.original_receiver()) in (Kind.GLUE_CONTEXT, None) and isinstance(
                site.assigned_to(), cst.Name)
        return site.kind(site.original_receiver()) is Kind.SINK and site.is_statement()

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = f"DataSink.{method}" if method != "getSink" else self.API
        name = site.assigned_to() if method == "getSink" else site.original_receiver()
        assert isinstance(name, cst.Name)
        sink = site.original if method == "getSink" else builder_call(site, name)
        blocker = fold_blocker(site, name.value, sink)
        stray = stray_use(site, name.value)
        if stray is not None and fold_blocker(site, name.value, sink, other_uses=True) is None:
            return as_frame_sink(self, site, stray, api)
        if blocker is not None:
            site.flag(self, blocker, api)
            return None
        if shown_lines(site, name.value):
            site.converted(self, "folded into the write at writeFrame; " + settings_note(site, name.value), api)
            return as_settings(site, name.value)
        site.converted(self, "folded into the write at writeFrame", api)
        return REMOVE


class SinkWriteFrame(Rule):
    DESCRIPTION = ("`sink.writeFrame(frame)` or `sink.write(frame)` -> `frame.write.mode('append')...saveAsTable(uc_name)`"
                   " or `.save(path)`")
    API = "DataSink.writeFrame"
    MATCHER = glue_method(*SINK_WRITES)

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.SINK

    def rewrite(self, site: Site) -> Outcome:
        receiver = site.original_receiver()
        sink = builder_call(site, receiver)
        api = f"DataSink.{site.original.func.attr.value}"  # type: ignore[attr-defined]
        frame = site.arg(0, "dynamic_frame") or site.arg(0, "dynamic_frame_or_dfc")
        maker = frame_sink_maker(site, receiver)
        if maker is not None and frame is not None:
            site.converted(self, f"the sink comes from {maker}(), whose getSink becomes g2l_helpers.FrameSink: its "
                                 "write_frame appends as Glue's writeFrame does", api)
            return site.updated.with_changes(func=build.attribute(site.receiver(), "write_frame"))
        if sink is None or frame is None or not isinstance(receiver, cst.Name):
            site.flag(self, "sink defined elsewhere; write the frame with df.write by hand", api)
            return None
        options = _kwargs(sink)
        fmt_calls = config_calls(site, receiver, "setFormat")
        catalog_calls = config_calls(site, receiver, "setCatalogInfo")
        calls: list = [(".write", ())]
        fmt = None
        if fmt_calls and fmt_calls[-1].args:
            try:
                fmt = build.literal_value(fmt_calls[-1].args[0].value)
            except ValueError:
                fmt = None
        calls.append(("mode", ("append",)))
        calls.append(storage.partition_by(options.get("partitionKeys")))
        update = options.get("enableUpdateCatalog")
        behavior = options.get("updateBehavior")
        logs_only = isinstance(behavior, cst.SimpleString) and behavior.evaluated_value == "LOG"
        if update is not None and not (isinstance(update, cst.Name) and update.value == "False") and not logs_only:
            calls.append(("option", ("mergeSchema", "true")))
        if catalog_calls:
            info = _kwargs(catalog_calls[-1])
            positional = [a.value for a in catalog_calls[-1].args if a.keyword is None]
            database = info.get("catalogDatabase", positional[0] if positional else None)
            table = info.get("catalogTableName", positional[1] if len(positional) > 1 else None)
            name, note = storage.table_name(site, database, table)
            if name is None:
                site.flag(self, "setCatalogInfo without database/table", api)
                return None
            calls.append(("saveAsTable", (name,)))
            message = "appends to the Unity Catalog table (its format and location apply)"
            if note:
                message += f"; {note}"
        else:
            path = options.get("path")
            spark_format = storage.FILE_FORMATS.get(fmt or "")
            if path is None or spark_format is None:
                site.flag(self, "sink without catalog info needs a path and a known format", api)
                return None
            calls.insert(1, ("format", (spark_format,)))
            format_items = path_sink_format_options(sink, fmt_calls)
            if spark_format == "csv" and "writeHeader" not in format_items:
                calls.append(("option", ("header", True)))  # Glue writes a header line by default
            option_calls, unknown = storage.format_option_calls(format_items, write=True)
            calls += option_calls
            calls.append(("save", (storage.mapped_path(site, path),)))
            message = f"appends {spark_format} files"
            if unknown:
                site.flag(self, f"{message}; format options without a Spark equivalent: {', '.join(sorted(unknown))}",
                          api)
                return storage.chain(frame, *calls)
        if update is not None:
            message += ("; updateBehavior LOG: the table's schema is not widened (no mergeSchema)" if logs_only
                        else "; enableUpdateCatalog -> Delta mergeSchema")
        site.converted(self, message, api)
        return storage.chain(frame, *calls)


class SourceConfig(Rule):
    DESCRIPTION = "`source = glueContext.getSource(...)`, `source.setFormat(...)` fold into getFrame"
    API = "GlueContext.getSource"
    MATCHER = glue_method("getSource", "setFormat")

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        if site.original.func.attr.value == "getSource":  # type: ignore[attr-defined]
            return site.kind(site.original_receiver()) is Kind.GLUE_CONTEXT and isinstance(site.assigned_to(), cst.Name)
        return site.kind(site.original_receiver()) is Kind.SOURCE and site.is_statement()

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = self.API if method == "getSource" else "DataSource.setFormat"
        if method == "getSource":
            try:
                connection_type = site.literal(0, "connection_type")
            except ValueError:
                connection_type = None
            if connection_type != "s3":
                site.flag(self, f"source connection_type={connection_type!r} has no automatic equivalent", api)
                return None
        site.converted(self, "folded into the read at getFrame", api)
        return REMOVE


class SourceGetFrame(Rule):
    DESCRIPTION = "`source.getFrame()` -> `spark.read.format(fmt).load(paths)`"
    API = "DataSource.getFrame"
    MATCHER = glue_method("getFrame")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.SOURCE

    def rewrite(self, site: Site) -> Outcome:
        receiver = site.original_receiver()
        source = builder_call(site, receiver)
        if source is None or not isinstance(receiver, cst.Name):
            site.flag(self, "source defined elsewhere; read with spark.read by hand")
            return None
        options = _kwargs(source)
        fmt_calls = config_calls(site, receiver, "setFormat")
        fmt = None
        format_items: dict = {}
        if fmt_calls and fmt_calls[-1].args:
            try:
                fmt = build.literal_value(fmt_calls[-1].args[0].value)
            except ValueError:
                fmt = None
            format_items = {a.keyword.value: a.value for a in fmt_calls[-1].args if a.keyword is not None}
        spark_format = storage.FILE_FORMATS.get(fmt or "")
        if "paths" not in options or spark_format is None:
            site.flag(self, "source without literal paths/format; read with spark.read by hand")
            return None
        numbered, _ = csv_header_plan(fmt or "", format_items)
        option_calls, unknown = storage.format_option_calls(format_items)
        context = storage.context_expr(site, source.func.value)  # type: ignore[attr-defined]
        read = storage.chain(context, (".read", ()), ("format", (spark_format,)), *option_calls,
                        ("load", (storage.single_path(storage.mapped_path(site, options["paths"])),)))
        if numbered:  # Glue names a headerless CSV's columns col0, col1, ...
            read = build.call(site.helper("glue_csv_column_names"), read,
                              *((build.literal(True),) if "withHeader" in format_items else ()))
        if unknown:
            site.flag(self, f"format options without a Spark equivalent: {', '.join(unknown)}")
        elif numbered:
            site.with_helper(self, f"{spark_format} files read with spark.read; columns named col0, col1, ...")
        else:
            site.converted(self, f"{spark_format} files read with spark.read")
        return read


RULES = (SinkConfig, SinkWriteFrame, SourceConfig, SourceGetFrame)
