"""What every connector rule shares: reading Glue's option dict off the call, turning a plan into the
converted call, and recording the decision (flagged when the plan needs review, the code converted
either way, so no Glue call is left below a flag)."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.connectors import dispatch, render
from g2l_core.convert.connectors.plan import Plan, Unsupported, Value, literal
from g2l_core.convert.reads import note_bookmarks, read_api
from g2l_core.convert.rules import EARLY, Outcome, Rule, Site, glue_method, namespaced
from g2l_core.convert.writes import as_statement, write_api

READ_MATCHER = namespaced("create_dynamic_frame", "from_options") | namespaced(
    "create_data_frame", "from_options") | glue_method("create_dynamic_frame_from_options", "create_data_frame_from_options")
WRITE_MATCHER = namespaced("write_dynamic_frame", "from_options") | namespaced(
    "write_data_frame", "from_options") | glue_method("write_dynamic_frame_from_options", "write_from_options")


def bound_dict(site: Site, node: cst.BaseExpression | None) -> dict[str, cst.BaseExpression] | None:
    """Items of the dict display passed as ``node``: written in the call, a module constant, or a name
    assigned once, earlier, in the same function (``kinesis_options = {...}``)."""
    if node is None:
        return {}
    node = site.constant(node)
    if isinstance(node, cst.Name):
        node = local_value(site, node) or node
    return build.dict_items(node)


def local_value(site: Site, name: cst.Name, mutable: bool = True) -> cst.BaseExpression | None:
    """The value of a name bound once, before the site, in its scope; for a ``mutable`` value (a dict),
    only while nothing may have changed it (``opts["k"] = v``, ``opts.update(...)``: any subscript or
    attribute on the name)."""
    uses = site.uses_of(name.value)
    stores = [u for u in uses if isinstance(site.parent(u), cst.AssignTarget) and same_scope(site, u)]
    value = site.binding_before(name.value)
    if len(stores) != 1 or value is None or not same_scope(site, value):
        return None
    if mutable and any(isinstance(site.parent(use), (cst.Subscript, cst.Attribute)) for use in uses):
        return None
    return value


def same_scope(site: Site, node: cst.CSTNode) -> bool:
    return site.scope_of(node) == site.scope


def connection_type(site: Site, position: int) -> str | None:
    try:
        value = site.literal(position, "connection_type")
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def decide(rule: Rule, site: Site, plan: Plan, api: str, what: str) -> None:
    """Flagged with every reason when the plan has some; else converted (with the helper when it uses one)."""
    if plan.flags:
        site.flag(rule, f"{what}: " + "; ".join(plan.flags), api)
        return
    message = "; ".join([what, *plan.notes])
    if plan.helpers():
        site.with_helper(rule, message, api)
    else:
        site.converted(rule, message, api)


def describe(plan: Plan, write: bool) -> str:
    target = "write" if write else ("stream read" if plan.streaming else "read")
    shown = literal(plan.format, None)
    if plan.reader is not None or plan.writer is not None or not isinstance(shown, str):
        return f"{plan.family} {target}"
    return f"{plan.family} {target} with format('{shown}')"


class ConnectorCall(Rule):
    """A ``from_options`` read (``WRITE`` False) or write whose literal ``connection_type`` is one of ``TYPES``.

    Early: the generic ``from_options`` rules convert files and flag every other connection type."""

    PRIORITY = EARLY
    TYPES: ClassVar[frozenset[str]] = frozenset()
    WRITE: ClassVar[bool] = False

    def matches(self, site: Site) -> bool:
        return super().matches(site) and connection_type(site, int(self.WRITE)) in self.TYPES

    def kind(self, site: Site) -> str | None:
        """The connection type the call is planned as."""
        return connection_type(site, int(self.WRITE))

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan | None:
        return (dispatch.write_plan if self.WRITE else dispatch.read_plan)(kind, options)

    def rewrite(self, site: Site) -> Outcome:
        shift = int(self.WRITE)  # a write's arguments start with the frame
        api = write_api(site) if self.WRITE else read_api(site)
        kind = self.kind(site)
        assert kind is not None
        frame = site.arg(0, "frame") if self.WRITE else None
        if self.WRITE and frame is None:
            site.flag(self, f"{kind} write without a frame", api)
            return None
        node = site.arg(1 + shift, "connection_options")
        options = bound_dict(site, node)
        try:
            plan = self.plan(site, kind, options) if options is not None else dispatch.opaque_plan(
                kind, node, write=self.WRITE)
        except Unsupported as exc:
            site.flag(self, str(exc), api)
            return None
        if plan is None:
            site.flag(self, f"{kind} options computed at run time: build the {kind} call from them by hand", api)
            return None
        decide(self, site, plan, api, describe(plan, write=self.WRITE))
        if self.WRITE:
            assert frame is not None
            return as_statement(site, render.write(plan, frame, site.helper))
        if not plan.streaming and options is not None:
            keys = options.get("jobBookmarkKeys")
            note_bookmarks(self, site, 4, {"jobBookmarkKeys": literal(keys, "(computed)")} if keys is not None else None)
        return render.read(plan, site.context(), site.helper)


class ConnectorRead(ConnectorCall):
    """``create_dynamic_frame.from_options(connection_type=<one of TYPES>, connection_options)``."""

    MATCHER = READ_MATCHER


class ConnectorWrite(ConnectorCall):
    """``write_dynamic_frame.from_options(frame, connection_type=<one of TYPES>, connection_options)``."""

    MATCHER = WRITE_MATCHER
    WRITE = True
