"""Compare a job's output with the reference output: schema, then rows as multisets.

Rows are compared without regard to order. Floating-point values match within a relative tolerance
(Glue and Databricks may sum doubles in a different order); decimals, integers, strings and dates must
be equal. Column order is not compared: Glue DynamicFrames and Delta appends order columns differently
without changing the data.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from g2l_core.ddl.types import normalize_type

REL_TOL = 1e-9
ABS_TOL = 1e-9
EXAMPLES = 3


@dataclass
class Comparison:
    passed: bool
    expected_rows: int
    actual_rows: int
    problems: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        head = f"{self.actual_rows} rows, reference {self.expected_rows}"
        if self.passed:
            return f"matches the reference ({self.actual_rows} rows, schema equal)"
        return head + ": " + "; ".join(self.problems)


def schema_differences(expected: Sequence[tuple[str, str]], actual: Sequence[tuple[str, str]]) -> list[str]:
    """Column names (case-insensitive) and types after normalisation (``bigint`` = ``long``, ...)."""
    exp = {n.lower(): normalize_type(t).lower() for n, t in expected}
    act = {n.lower(): normalize_type(t).lower() for n, t in actual}
    out = []
    missing = [n for n in exp if n not in act]
    extra = [n for n in act if n not in exp]
    if missing:
        out.append("missing columns: " + ", ".join(missing))
    if extra:
        out.append("extra columns: " + ", ".join(extra))
    out += [f"column {n} is {act[n]}, reference {exp[n]}" for n in exp if n in act and act[n] != exp[n]]
    return out


def _key(value):
    """Hashable, tolerance-bucketed form of one value (floats rounded to 9 significant digits)."""
    if isinstance(value, float):
        if math.isnan(value):
            return ("nan",)
        return ("f", float(f"{value:.9g}"))
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if hasattr(value, "asDict"):
        return _key(value.asDict())
    return value


def _close(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if hasattr(a, "asDict") and hasattr(b, "asDict"):
        return _close(a.asDict(), b.asDict())
    return a == b


def _show(columns: Sequence[str], row: tuple) -> str:
    return "{" + ", ".join(f"{c}={v!r}" for c, v in zip(columns, row)) + "}"


def compare_rows(columns: Sequence[str], expected: Sequence[tuple], actual: Sequence[tuple]) -> tuple[list[tuple], list[tuple]]:
    """(missing, extra): reference rows the output lacks and output rows the reference lacks, as multisets."""
    want = Counter(tuple(_key(v) for v in r) for r in expected)
    have = Counter(tuple(_key(v) for v in r) for r in actual)
    by_key_e: dict[tuple, list[tuple]] = {}
    for r in expected:
        by_key_e.setdefault(tuple(_key(v) for v in r), []).append(r)
    by_key_a: dict[tuple, list[tuple]] = {}
    for r in actual:
        by_key_a.setdefault(tuple(_key(v) for v in r), []).append(r)
    missing = [r for k, n in (want - have).items() for r in by_key_e[k][:n]]
    extra = [r for k, n in (have - want).items() for r in by_key_a[k][:n]]
    # a value on a rounding boundary lands in different buckets: pair such rows up by tolerance
    unmatched_extra = list(extra)
    still_missing = []
    for r in missing:
        hit = next((i for i, x in enumerate(unmatched_extra) if _close(r, x)), None)
        if hit is None:
            still_missing.append(r)
        else:
            unmatched_extra.pop(hit)
    return still_missing, unmatched_extra


def compare_tables(expected_schema: Sequence[tuple[str, str]], expected: Sequence[tuple],
                   actual_schema: Sequence[tuple[str, str]], actual: Sequence[tuple]) -> Comparison:
    """Schema and rows of an output against the reference; rows compared on the columns both have."""
    problems = schema_differences(expected_schema, actual_schema)
    e_cols = [n.lower() for n, _ in expected_schema]
    a_cols = [n.lower() for n, _ in actual_schema]
    common = [c for c in e_cols if c in a_cols]
    e_idx = [e_cols.index(c) for c in common]
    a_idx = [a_cols.index(c) for c in common]
    exp_rows = [tuple(r[i] for i in e_idx) for r in expected]
    act_rows = [tuple(r[i] for i in a_idx) for r in actual]
    if len(exp_rows) != len(act_rows):
        problems.append(f"row count {len(act_rows)}, reference {len(exp_rows)}")
    missing, extra = compare_rows(common, exp_rows, act_rows)
    if missing:
        problems.append(f"{len(missing)} reference rows missing, e.g. " + "; ".join(_show(common, r) for r in missing[:EXAMPLES]))
    if extra:
        problems.append(f"{len(extra)} unexpected rows, e.g. " + "; ".join(_show(common, r) for r in extra[:EXAMPLES]))
    return Comparison(not problems, len(expected), len(actual), problems)
