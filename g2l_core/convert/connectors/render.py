"""A connector ``Plan`` as PySpark code: ``spark.read[Stream].format(...).option(...).load()`` or
``df.write.format(...).mode(...).option(...).save()``, with secrets and run-time values as helper calls."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.connectors.plan import FRAME, SESSION, HelperCall, Method, Plan, Secret, Template, Value, literal

Helper = Callable[[str], cst.BaseExpression]  # "connection_secret" -> g2l_helpers.connection_secret


def expression(value: Value, helper: Helper, session: cst.BaseExpression | None = None,
               frame: cst.BaseExpression | None = None) -> cst.BaseExpression:
    """``value`` as code; ``session``/``frame`` stand in for the ``SESSION``/``FRAME`` markers."""
    if isinstance(value, cst.BaseExpression):
        return value
    if value is SESSION or value is FRAME:
        node = session if value is SESSION else frame
        assert node is not None, "a helper taking the session or frame needs its expression"
        return node
    if isinstance(value, Secret):
        return build.call(helper("connection_secret"), expression(value.connection, helper, session, frame),
                          value.field)
    if isinstance(value, HelperCall):
        return build.call(helper(value.name), *(expression(a, helper, session, frame) for a in value.args))
    if isinstance(value, Method):
        return build.method(expression(value.target, helper, session, frame), value.name,
                            *(expression(a, helper, session, frame) for a in value.args))
    if isinstance(value, Template):
        texts = [literal(a, None) for a in value.args]
        if all(isinstance(t, str) for t in texts):
            return build.string(value.text.format(*texts))
        return build.method(build.string(value.text), "format",
                            *(expression(a, helper, session, frame) for a in value.args))
    return build.literal(value)


def read(plan: Plan, session: cst.BaseExpression, helper: Helper) -> cst.BaseExpression:
    if plan.reader is not None:
        return expression(plan.reader, helper, session)
    node: cst.BaseExpression = build.attribute(session, "readStream" if plan.streaming else "read")
    node = _options(build.method(node, "format", expression(plan.format, helper, session)), plan, helper)
    node = build.method(node, "load", *(() if plan.path is None else (expression(plan.path, helper),)))
    return node if plan.after is None else expression(plan.after, helper, session, frame=node)


def write(plan: Plan, frame: cst.BaseExpression, helper: Helper) -> cst.BaseExpression:
    if plan.writer is not None:
        return expression(plan.writer, helper, frame=frame)
    if plan.before is not None:
        frame = expression(plan.before, helper, frame=frame)
    node: cst.BaseExpression = build.method(build.attribute(frame, "write"), "format", expression(plan.format, helper))
    if plan.mode is not None:
        node = build.method(node, "mode", plan.mode)
    node = _options(node, plan, helper)
    return build.method(node, "save", *(() if plan.path is None else (expression(plan.path, helper),)))


def _options(node: cst.BaseExpression, plan: Plan, helper: Helper) -> cst.BaseExpression:
    for key, value in plan.options.items():
        node = build.method(node, "option", key, expression(value, helper))
    if plan.spread is not None:
        node = build.method(node, "options", cst.Arg(expression(plan.spread, helper), star="**"))
    return node


def code(node: cst.CSTNode) -> str:
    """Source text of a built expression (tests and messages)."""
    return cst.Module(body=[]).code_for_node(node)
