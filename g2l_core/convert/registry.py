"""All rules, indexed by the call name they can match (first match wins, so order is priority)."""

from __future__ import annotations

import functools

from g2l_core.convert import (
    arguments, collections, context, flags, frames, functions, logging, purge, reads, sinks, streaming,
    transforms, writes,
)
from g2l_core.convert.connectors import rules as connectors
from g2l_core.convert.rules import Rule

# Flags first: a construct with no faithful equivalent must never be half-converted by a broader rule.
MODULES = (flags, context, arguments, connectors, reads, writes, sinks, streaming, transforms, frames, collections,
           logging, purge, functions)


class RuleIndex:
    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._by_key: dict[str, list[Rule]] = {}
        for rule in rules:
            for key in rule.KEYS:
                self._by_key.setdefault(key, []).append(rule)
        self.keys = frozenset(self._by_key)

    def rules_for(self, key: str | None) -> list[Rule]:
        return self._by_key.get(key, []) if key else []


@functools.cache
def rule_index() -> RuleIndex:
    return RuleIndex([cls() for module in MODULES for cls in module.RULES])


def all_rules() -> list[type[Rule]]:
    return [cls for module in MODULES for cls in module.RULES]
