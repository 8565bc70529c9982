"""Glue Data Quality (``awsgluedq`` ``EvaluateDataQuality`` with a DQDL ruleset) -> plain DataFrame checks
by ``g2l_helpers.evaluate_data_quality``, which returns Glue's outcome table (``Rule``, ``Outcome``,
``FailureReason``, ``EvaluatedMetrics``); ``process_rows`` also gets the row-level outcomes.

The DQDL grammar lives once, in the helper module (converted jobs parse their ruleset at run time); a
literal ruleset is read here as well, to flag each rule the helper cannot evaluate.
"""

from __future__ import annotations

from g2l_core.convert.connectors.plan import HelperCall, Plan, Value, literal


def unsupported_rules(ruleset: str) -> list[str]:
    """Reasons, one per rule of ``ruleset`` that the helper does not evaluate."""
    # Imported here: the helper module imports pyspark, which conversion otherwise never loads.
    from g2l_core.convert.helpers.g2l_helpers import dqdl_rule, dqdl_rules

    try:
        rules = dqdl_rules(ruleset)
    except ValueError as exc:
        return [str(exc)]
    reasons = []
    for rule in rules:
        try:
            dqdl_rule(rule)
        except ValueError as exc:
            reasons.append(str(exc))
    return reasons


def plan(frame: Value, ruleset: Value, row_level: bool, ruleset_value: Value | None = None) -> Plan:
    """``EvaluateDataQuality.apply`` (rule outcomes) or ``EvaluateDataQuality().process_rows`` (a dict
    with ``ruleOutcomes`` and ``rowLevelOutcomes``, as Glue's collection). ``ruleset_value``: what a
    ruleset constant holds, read for the rule-by-rule check while the code keeps the constant's name."""
    name = "evaluate_data_quality_rows" if row_level else "evaluate_data_quality"
    out = Plan("data quality", reader=HelperCall(name, (frame, ruleset)))
    text = literal(ruleset if ruleset_value is None else ruleset_value, None)
    if isinstance(text, str):
        out.flags += [f"data quality rule not converted: {reason}" for reason in unsupported_rules(text)]
    else:
        out.notes.append("ruleset known at run time: rules the helper cannot evaluate raise there, by name")
    out.notes.append("results are not published to Glue Data Quality; write the outcome table to a Delta "
                     "table to keep them")
    return out
