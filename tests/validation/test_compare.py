"""Row and schema comparison: order-insensitive multisets, float tolerance, exact decimals."""

import datetime as dt
from decimal import Decimal

import pytest

from g2l_core.compare import compare_tables, schema_differences

SCHEMA = [("id", "string"), ("amount", "double"), ("limit", "decimal(18,2)")]


@pytest.mark.parametrize("expected, actual, passed, fragment", [
    ([("a", 1.0, Decimal("5.00"))], [("a", 1.0, Decimal("5.00"))], True, "matches the reference (1 rows"),
    ([("a", 1.0, None), ("b", 2.0, None)], [("b", 2.0, None), ("a", 1.0, None)], True, "matches"),  # order
    ([("a", 0.1 + 0.2, None)], [("a", 0.3, None)], True, "matches"),  # float summation order
    ([("a", 1.0, None)], [("a", 1.0001, None)], False, "1 unexpected rows, e.g. {id='a', amount=1.0001"),
    ([("a", 1.0, Decimal("5.00"))], [("a", 1.0, Decimal("5.01"))], False, "limit=Decimal('5.00')"),
    ([("a", 1.0, None), ("a", 1.0, None)], [("a", 1.0, None)], False, "row count 1, reference 2"),  # multiset
    ([("a", None, None)], [("a", float("nan"), None)], False, "1 reference rows missing"),
])
def test_rows(expected, actual, passed, fragment):
    result = compare_tables(SCHEMA, expected, SCHEMA, actual)
    assert result.passed is passed
    assert fragment in result.message


def test_value_on_a_rounding_boundary_still_matches_within_tolerance():
    # 9 significant digits buckets these apart; the tolerance pass pairs them up
    a, b = 1.0000000005, 1.0000000004999
    assert compare_tables(SCHEMA, [("x", a, None)], SCHEMA, [("x", b, None)]).passed


def test_rows_compared_on_common_columns_and_schema_reported():
    actual_schema = [("amount", "double"), ("ID", "string")]
    result = compare_tables(SCHEMA, [("a", 1.0, Decimal("1"))], actual_schema, [(1.0, "a")])
    assert not result.passed
    assert result.problems == ["missing columns: limit"]


@pytest.mark.parametrize("expected, actual, problems", [
    ([("q", "bigint")], [("q", "long")], []),
    ([("q", "bigint")], [("q", "int")], ["column q is int, reference bigint"]),
    ([("d", "date")], [("d", "string"), ("x", "string")], ["extra columns: x", "column d is string, reference date"]),
])
def test_schema(expected, actual, problems):
    assert schema_differences(expected, actual) == problems


def test_dates_must_be_equal():
    schema = [("d", "date")]
    assert not compare_tables(schema, [(dt.date(2024, 3, 28),)], schema, [(dt.date(2024, 3, 27),)]).passed
