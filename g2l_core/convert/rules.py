"""Rule base class, the matcher helpers rules are written with, and the index the visitor dispatches by.

A rule is one Glue construct: the node type it applies to (``NODE``: calls unless said otherwise), a
libcst matcher (``MATCHER``, checked against the original node), a ``PRIORITY`` (lower runs first; ties
go by name) and ``rewrite``, which returns what the node becomes. The names a rule can match (its keys,
used to pick candidate nodes cheaply) are read off the matcher, so they cannot drift from it.
Every call rule records a decision for its site, converted or flagged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import ClassVar

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.model import CONVERTED, CONVERTED_WITH_HELPER, FLAGGED, Kind
from g2l_core.convert.state import REMOVE, Outcome, ReplaceStatement, Site

# Flags run first: a construct with no faithful equivalent must never be half-converted by a broader rule.
FLAGS_FIRST = 0
EARLY = 50
NORMAL = 100
LAST = 200  # catch-alls: only what no other rule took

class Rule:
    """One Glue construct and what it becomes."""

    DESCRIPTION: ClassVar[str] = ""
    API: ClassVar[str] = ""
    NODE: ClassVar[type[cst.CSTNode]] = cst.Call
    MATCHER: ClassVar[m.BaseMatcherNode] = m.Call()
    PRIORITY: ClassVar[int] = NORMAL
    # Top-level packages the file must import for the rule to apply (empty: any file). A call is a candidate
    # only in files importing one of them, so rules for boto3 or awswrangler calls cost other files nothing.
    PACKAGES: ClassVar[frozenset[str]] = frozenset()
    # For a rule taking any method (``ANY_CALL``) of what a value is: the kinds of receiver it is for. The pass
    # visits every method call on a receiver of these kinds, whatever the method's name.
    RECEIVERS: ClassVar[frozenset[Kind]] = frozenset()

    @classmethod
    def keys(cls) -> frozenset[str] | None:
        """Call/attribute/name values the matcher can match; None: any node of type ``NODE``."""
        return matcher_keys(cls.MATCHER)

    def matches(self, site: Site) -> bool:
        return predicate(self.MATCHER)(site.original)

    def rewrite(self, site: Site) -> Outcome:
        raise NotImplementedError


class RuleIndex:
    """Rules by node type and key, in priority order."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = sorted(rules, key=lambda r: (r.PRIORITY, type(r).__name__))
        self._by_key: dict[tuple[type, str | None], list[Rule]] = {}
        for rule in self.rules:
            keys = type(rule).keys()
            if keys is None and rule.NODE is cst.Call and not getattr(rule, "ANY_CALL", False):
                raise ValueError(f"{type(rule).__name__}: a call rule's MATCHER must name the function or method")
            for key in keys if keys is not None else (None,):
                self._by_key.setdefault((rule.NODE, key), []).append(rule)
        self._merged: dict[tuple[type, str | None], list[Rule]] = {}  # rules_for, by node type and key
        self.call_keys = frozenset(k for t, k in self._by_key if t is cst.Call)
        # Call keys whose every rule needs one of some packages imported: key -> those packages.
        self.gated_keys = {k: frozenset().union(*(r.PACKAGES for r in rules)) for (t, k), rules in self._by_key.items()
                           if t is cst.Call and k is not None and all(r.PACKAGES for r in rules)}
        self.attribute_keys = frozenset(k for t, k in self._by_key if t is cst.Attribute and k is not None)
        self.receiver_kinds: frozenset[Kind] = frozenset().union(*(r.RECEIVERS for r in self.rules))

    def rules_for(self, node_type: type, key: str | None) -> list[Rule]:
        """Rules for a node of this type and key (``call_key``, name or attribute), in priority order."""
        if (node_type, key) not in self._by_key:
            key = None  # no rule names it: the type's general rules (and the cache stays as small as the table)
        found = self._merged.get((node_type, key))
        if found is None:
            keyed = self._by_key[(node_type, key)] if key is not None else []
            general = self._by_key.get((node_type, None), [])
            found = sorted([*keyed, *general], key=lambda r: (r.PRIORITY, type(r).__name__))
            self._merged[(node_type, key)] = found
        return found


def matcher_keys(matcher) -> frozenset[str] | None:
    """What a matcher pins down: a call's function or method name, a name's value, an attribute's name."""
    if isinstance(matcher, m.OneOf):
        parts = [matcher_keys(o) for o in matcher.options]
        return None if any(p is None for p in parts) else frozenset().union(*parts)
    if isinstance(matcher, m.Call):
        return matcher_keys(matcher.func)
    if isinstance(matcher, m.Attribute):
        return matcher_keys(matcher.attr)
    if isinstance(matcher, m.Name) and isinstance(matcher.value, str):
        return frozenset({matcher.value})
    return None


def matcher_names(matcher) -> frozenset[str]:
    """Every literal name anywhere in a matcher (classes in ``Class.apply`` included)."""
    if isinstance(matcher, m.Name):
        return frozenset({matcher.value}) if isinstance(matcher.value, str) else frozenset()
    if isinstance(matcher, m.OneOf):
        return frozenset().union(*(matcher_names(o) for o in matcher.options))
    if dataclasses.is_dataclass(matcher):
        return frozenset().union(*(matcher_names(getattr(matcher, f.name)) for f in dataclasses.fields(matcher)))
    return frozenset()


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
    "CONVERTED", "CONVERTED_WITH_HELPER", "EARLY", "FLAGGED", "FLAGS_FIRST", "LAST", "NORMAL", "REMOVE", "Outcome",
    "ReplaceStatement", "Rule", "RuleIndex", "Site", "glue_method", "matcher_keys", "matcher_names", "namespaced",
    "predicate", "transform_apply",
]
