"""Rule base class and the view of one call site that rules work on.

A rule is one Glue construct: a libcst matcher (``MATCHER``, checked against the original call), the
call names it can match (``KEYS``, used to pick candidate call sites cheaply), and ``rewrite``, which
returns what the call becomes. Every rule records a decision for the call site, converted or flagged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.bindings import argument
from g2l_core.convert.model import CONVERTED, CONVERTED_WITH_HELPER, FLAGGED, Kind

if TYPE_CHECKING:
    from g2l_core.convert.transformer import Conversion


@dataclass(frozen=True)
class ReplaceStatement:
    """Replace the statement holding the call (an empty tuple removes it; its comments move down)."""

    statements: Sequence[cst.BaseSmallStatement | cst.BaseStatement] = ()


REMOVE = ReplaceStatement(())

NAMESPACES = frozenset({"create_dynamic_frame", "create_data_frame", "write_dynamic_frame", "write_data_frame"})

Outcome = cst.BaseExpression | ReplaceStatement | None


class Site:
    """One Glue call being converted: the original node (for analysis) and the updated one (to build on)."""

    def __init__(self, conversion: Conversion, original: cst.Call, updated: cst.Call) -> None:
        self.conversion = conversion
        self.original = original
        self.updated = updated
        self.options = conversion.options
        self._decided = False
        self.path_helper = False  # a run-time path was wrapped in g2l_helpers.map_path

    # arguments -------------------------------------------------------------------------------------
    def arg(self, position: int, name: str) -> cst.BaseExpression | None:
        """Updated value passed for parameter ``name`` (positional index ``position``, -1: keyword only)."""
        return argument(self.updated, position, name)

    def original_arg(self, position: int, name: str) -> cst.BaseExpression | None:
        return argument(self.original, position, name)

    def literal(self, position: int, name: str, default=None):
        """Literal value of an argument (following module-level constants); ``default`` when absent.

        Raises ``ValueError`` when the argument is computed at run time."""
        node = self.original_arg(position, name)
        if node is None:
            return default
        return build.literal_value(self.constant(node))

    def constant(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """Follow a module-level ``NAME = <literal>`` once."""
        if isinstance(node, cst.Name) and node.value in self.conversion.facts.constants:
            bindings = self.conversion.facts.assigns.get((0, node.value), [])
            if len(bindings) == 1:
                return self.conversion.facts.constants[node.value]
        return node

    def receiver(self) -> cst.BaseExpression:
        """Updated receiver of a method call ``receiver.method(...)``."""
        func = self.updated.func
        assert isinstance(func, cst.Attribute)
        return func.value

    def context(self) -> cst.BaseExpression:
        """Updated GlueContext expression of ``ctx.method(...)`` or ``ctx.namespace.method(...)``
        (``create_dynamic_frame.from_catalog`` and the like)."""
        value = self.receiver()
        original = self.original_receiver()
        if isinstance(original, cst.Attribute) and original.attr.value in NAMESPACES:
            assert isinstance(value, cst.Attribute)
            return value.value
        return value

    def original_receiver(self) -> cst.BaseExpression:
        func = self.original.func
        assert isinstance(func, cst.Attribute)
        return func.value

    def kind(self, node: cst.BaseExpression) -> Kind | None:
        return self.conversion.resolver.kind_at(node, self.original)

    # context -----------------------------------------------------------------------------------------
    @property
    def line(self) -> int:
        return self.conversion.line_of(self.original)

    @property
    def statement(self) -> cst.CSTNode | None:
        return self.conversion.facts.statement.get(id(self.original))

    def assigned_to(self) -> cst.BaseExpression | None:
        """Target of ``target = <this call>`` when the call is the whole right-hand side."""
        stmt = self.statement
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
            small = stmt.body[0]
            if isinstance(small, cst.Assign) and small.value is self.original and len(small.targets) == 1:
                return small.targets[0].target
        return None

    def is_statement(self) -> bool:
        """The call is an expression statement on its own."""
        stmt = self.statement
        return (
            isinstance(stmt, cst.SimpleStatementLine)
            and len(stmt.body) == 1
            and isinstance(stmt.body[0], cst.Expr)
            and stmt.body[0].value is self.original
        )

    # effects -----------------------------------------------------------------------------------------
    def decide(self, rule: Rule, action: str, message: str, api: str | None = None) -> None:
        self._decided = True
        if self.path_helper and action != FLAGGED:
            action = CONVERTED_WITH_HELPER
            message += "; path known only at run time: g2l_helpers.map_path applies path_map to it"
        self.conversion.decide(self.original, api or rule.API, action, type(rule).__name__, message)

    def converted(self, rule: Rule, message: str, api: str | None = None) -> None:
        self.decide(rule, CONVERTED, message, api)

    def with_helper(self, rule: Rule, message: str, api: str | None = None) -> None:
        self.decide(rule, CONVERTED_WITH_HELPER, message, api)

    def flag(self, rule: Rule, message: str, api: str | None = None) -> None:
        """Record a manual-review decision and put ``# g2l: review: message`` above the statement."""
        self.decide(rule, FLAGGED, message, api)
        self.review(message)

    def review(self, message: str) -> None:
        self.conversion.review(self.original, message)

    def helper(self, name: str) -> cst.Attribute:
        """``g2l_helpers.<name>``; the helper module import is added to the file."""
        return self.conversion.use_helper(name)

    def functions(self) -> cst.Name:
        """``F`` with ``from pyspark.sql import functions as F`` added."""
        return self.conversion.use_functions()

    def need_import(self, module: str, name: str | None = None) -> None:
        self.conversion.need_import(module, name)

    def spark(self) -> cst.Name:
        """The session name in converted code; receivers that were GlueContext names are renamed to it."""
        return build.name("spark")


class Rule:
    """One Glue construct and what it becomes."""

    DESCRIPTION: ClassVar[str] = ""
    API: ClassVar[str] = ""
    KEYS: ClassVar[frozenset[str]] = frozenset()
    MATCHER: ClassVar[m.BaseMatcherNode] = m.Call()

    def matches(self, site: Site) -> bool:
        return predicate(self.MATCHER)(site.original)

    def rewrite(self, site: Site) -> Outcome:
        raise NotImplementedError


def call_key(call: cst.Call) -> str | None:
    """The name rules are indexed by: ``f`` for ``f(...)``, ``m`` for ``x.m(...)``."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return None


_PREDICATES: dict[int, tuple[m.BaseMatcherNode, Callable[[cst.CSTNode], bool]]] = {}
_DO_NOT_CARE = m.DoNotCare()


def predicate(matcher: m.BaseMatcherNode) -> Callable[[cst.CSTNode], bool]:
    """A plain function equal to ``m.matches(node, matcher)``, built once per matcher.

    ``m.matches`` walks every field of the matcher on every call, which cost an eighth of a parse over a
    file's call sites; rule matchers only constrain ``func``, ``value``, ``attr`` and names, so those
    become isinstance and string checks. Any other matcher shape is left to ``m.matches``."""
    cached = _PREDICATES.get(id(matcher))
    if cached is not None and cached[0] is matcher:
        return cached[1]
    try:
        test = _compile(matcher)
    except _Unsupported:
        test = lambda node: m.matches(node, matcher)  # noqa: E731
    _PREDICATES[id(matcher)] = (matcher, test)  # the matcher is held, so its id is never reused
    return test


class _Unsupported(Exception):
    pass


def _fields(matcher, allowed: tuple[str, ...]) -> dict:
    out = {}
    for f in dataclasses.fields(matcher):
        value = getattr(matcher, f.name)
        if value is _DO_NOT_CARE:
            continue
        if f.name not in allowed:
            raise _Unsupported(f.name)
        out[f.name] = value
    return out


def _compile(matcher) -> Callable[[cst.CSTNode], bool]:
    if isinstance(matcher, m.OneOf):
        options = matcher.options
        if all(isinstance(o, m.Name) and isinstance(o.value, str) and not _fields_set(o) for o in options):
            values = frozenset(o.value for o in options)
            return lambda node: isinstance(node, cst.Name) and node.value in values
        tests = tuple(_compile(o) for o in options)
        return lambda node: any(test(node) for test in tests)
    if isinstance(matcher, m.Name):
        fields = _fields(matcher, ("value",))
        if not fields:
            return lambda node: isinstance(node, cst.Name)
        value = fields["value"]
        if not isinstance(value, str):
            raise _Unsupported("value")
        return lambda node: isinstance(node, cst.Name) and node.value == value
    if isinstance(matcher, m.Attribute):
        fields = _fields(matcher, ("value", "attr"))
        value = _compile(fields["value"]) if "value" in fields else None
        attr = _compile(fields["attr"]) if "attr" in fields else None
        return lambda node: isinstance(node, cst.Attribute) and (value is None or value(node.value)) and (
            attr is None or attr(node.attr))
    if isinstance(matcher, m.Call):
        fields = _fields(matcher, ("func",))
        func = _compile(fields["func"]) if "func" in fields else None
        if func is None:
            return lambda node: isinstance(node, cst.Call)
        return lambda node: isinstance(node, cst.Call) and func(node.func)
    raise _Unsupported(type(matcher).__name__)


def _fields_set(matcher) -> bool:
    """The matcher constrains something besides ``value``."""
    return any(getattr(matcher, f.name) is not _DO_NOT_CARE for f in dataclasses.fields(matcher) if f.name != "value")


def glue_method(*names: str) -> m.BaseMatcherNode:
    """Matcher for ``<anything>.name(...)``."""
    return m.Call(func=m.Attribute(attr=m.OneOf(*(m.Name(n) for n in names))))


def namespaced(namespace: str, *names: str) -> m.BaseMatcherNode:
    """Matcher for ``<anything>.namespace.name(...)``, e.g. ``glueContext.create_dynamic_frame.from_catalog``."""
    return m.Call(func=m.Attribute(value=m.Attribute(attr=m.Name(namespace)),
                                   attr=m.OneOf(*(m.Name(n) for n in names))))


def transform_apply(*classes: str) -> m.BaseMatcherNode:
    """Matcher for ``Transform.apply(...)`` of an awsglue.transforms class."""
    return m.Call(func=m.Attribute(value=m.OneOf(*(m.Name(c) for c in classes)), attr=m.Name("apply")))


__all__ = [
    "CONVERTED", "CONVERTED_WITH_HELPER", "FLAGGED", "REMOVE", "Outcome", "ReplaceStatement", "Rule", "Site",
    "call_key", "glue_method", "namespaced", "predicate", "transform_apply",
]
