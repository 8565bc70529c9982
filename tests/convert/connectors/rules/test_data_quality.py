"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.data_quality``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param('''RULES = """Rules = [ IsComplete "order_id", ColumnValues "amount" > 0, CustomSql "select count(*) from primary" > 0 ]"""


def check(frame):
    return EvaluateDataQuality.apply(frame=frame, ruleset=RULES,
                                     publishing_options={"dataQualityEvaluationContext": "orders_check"})
''',
                 '''import g2l_helpers

RULES = """Rules = [ IsComplete "order_id", ColumnValues "amount" > 0, CustomSql "select count(*) from primary" > 0 ]"""


def check(frame):
    return g2l_helpers.evaluate_data_quality(frame, RULES)
''',
                 [('EvaluateDataQuality', 'converted_with_helper')], id='dq_apply'),
]

test_connector_rule = check_cases(CASES)
