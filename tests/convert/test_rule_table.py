"""The rule table itself: keys come from the matchers, priority is explicit, and a new rule is one class."""

import libcst as cst
import libcst.matchers as m
import pytest

from g2l_core.convert import ConvertOptions
from g2l_core.convert.registry import all_rules
from g2l_core.convert.rules import FLAGS_FIRST, Rule, RuleIndex, Site, glue_method, matcher_keys
from g2l_core.convert.state import Conversion


@pytest.mark.parametrize(("matcher", "keys"), [
    (glue_method("getSink", "writeFrame"), {"getSink", "writeFrame"}),
    (m.Call(func=m.Name("GlueContext")) | m.Call(func=m.Attribute(attr=m.Name("getOrCreate"))),
     {"GlueContext", "getOrCreate"}),
    (m.Attribute(attr=m.Name("spark_session")), {"spark_session"}),
    (m.Call(), None),
    (m.Name(), None),
])
def test_keys_are_read_off_the_matcher(matcher, keys):
    assert matcher_keys(matcher) == (None if keys is None else frozenset(keys))


def test_a_call_rule_must_name_what_it_matches():
    class Anything(Rule):
        MATCHER = m.Call()

    with pytest.raises(ValueError, match="Anything: a call rule's MATCHER must name the function or method"):
        RuleIndex([Anything()])


def test_priority_not_listing_order_decides():
    class Broad(Rule):
        MATCHER = glue_method("getSink")

    class Flag(Rule):
        MATCHER = glue_method("getSink")
        PRIORITY = FLAGS_FIRST

    assert [type(r) for r in RuleIndex([Broad(), Flag()]).rules_for(cst.Call, "getSink")] == [Flag, Broad]
    assert all(rule.PRIORITY == FLAGS_FIRST for rule in all_rules() if rule.__module__.endswith(".flags"))


def test_a_new_rule_plugs_in_with_its_class_alone():
    class Shout(Rule):
        DESCRIPTION = "`logger.shout(x)` -> `logger.warning(x)`"
        MATCHER = glue_method("shout")

        def rewrite(self, site: Site):
            site.converted(self, "renamed")
            return site.updated.with_changes(func=site.updated.func.with_changes(attr=cst.Name("warning")))

    from g2l_core.convert.visitor import GlueToDatabricks
    from libcst.codemod import CodemodContext

    module = cst.parse_module("log.shout('x')\n")
    conversion = Conversion(module, "m.py", ConvertOptions(), RuleIndex([Shout()]))
    out = GlueToDatabricks(CodemodContext(), conversion).transform_module(module)
    assert out.code == "log.warning('x')\n"
    assert [d.rule for d in conversion.decisions] == ["Shout"]
