"""``awsgluedq`` ``EvaluateDataQuality`` -> ``g2l_helpers.evaluate_data_quality`` (rule outcomes) and
``evaluate_data_quality_rows`` (``process_rows``: outcomes and row-level results), flagged rule by rule
for the DQDL rules the helper cannot evaluate."""

from __future__ import annotations

import libcst.matchers as m

from g2l_core.convert.connectors import data_quality, render
from g2l_core.convert.connectors.rules.base import decide
from g2l_core.convert.rules import Outcome, Rule, Site, predicate

_CLASS = m.Name("EvaluateDataQuality")


class EvaluateDataQuality(Rule):
    DESCRIPTION = ("`EvaluateDataQuality.apply(frame, ruleset)` -> `g2l_helpers.evaluate_data_quality(frame, ruleset)`; "
                   "`EvaluateDataQuality().process_rows(...)` -> `g2l_helpers.evaluate_data_quality_rows(...)`")
    API = "EvaluateDataQuality"
    MATCHER = m.Call(func=m.Attribute(value=_CLASS, attr=m.Name("apply") | m.Name("process_rows"))) | m.Call(
        func=m.Attribute(value=m.Call(func=_CLASS), attr=m.Name("process_rows")))

    def matches(self, site: Site) -> bool:
        return predicate(self.MATCHER)(site.original) and site.glue_import("EvaluateDataQuality") is not None

    def rewrite(self, site: Site) -> Outcome:
        row_level = site.original.func.attr.value == "process_rows"  # type: ignore[attr-defined]
        api = f"{self.API}.{'process_rows' if row_level else 'apply'}"
        frame, ruleset = site.arg(0, "frame"), site.arg(1, "ruleset")
        if frame is None or ruleset is None:
            site.flag(self, "EvaluateDataQuality without frame/ruleset", api)
            return None
        plan = data_quality.plan(frame, ruleset, row_level, site.constant(ruleset))
        decide(self, site, plan, api, "DQDL rules evaluated as DataFrame checks (Glue's outcome table)")
        assert plan.reader is not None
        return render.expression(plan.reader, site.helper)


RULES = (EvaluateDataQuality,)
