"""The rule table: every rule module's ``RULES``, indexed for the visitor.

Order here does not matter: each rule says its node type and keys (from its matcher) and its
``PRIORITY``. Adding a rule is its class in a rule module (a new module is listed here once) and its test.
"""

from __future__ import annotations

import functools

from g2l_core.convert import (
    arguments, constants, context, flags, frame_collections, frames, functions, loggers, names, purge, reads, sinks,
    streaming, studio, transforms, writes,
)
from g2l_core.convert.connectors import rules as connector_rules
from g2l_core.convert.rules import Rule, RuleIndex

RULE_MODULES = (arguments, constants, context, flags, frame_collections, frames, functions, loggers, names, purge,
                reads, sinks, streaming, studio, transforms, writes, *connector_rules.MODULES)


def all_rules() -> list[type[Rule]]:
    return [cls for module in RULE_MODULES for cls in module.RULES]


@functools.cache
def rule_index() -> RuleIndex:
    return RuleIndex([cls() for cls in all_rules()])
