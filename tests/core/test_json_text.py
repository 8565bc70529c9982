"""``dumps_indented`` writes exactly what ``json.dumps(value, indent=n)`` writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from g2l_core.json_text import dumps_indented

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=5), children, max_size=4)
    | st.dictionaries(st.integers() | st.booleans() | st.none(), children, max_size=3),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from([0, 1, 2, 4]))
def test_same_text_as_json_dumps(value, indent):
    assert dumps_indented(value, indent) == json.dumps(value, indent=indent)


@pytest.mark.parametrize("value", [
    {"summary": {"files": 2, "pct": 99.5}, "files": [{"file": "a.py", "notes": [], "residue": [{"line": 1}]}],
     "errors": [], "decisions": [{"file": "a.py", "line": 3, "message": "quote \" and \u00e9\nnew line"}]},
    [[], {}, [[]], {"k": {}}],
    {1: [1], "a": 2},  # a key that is not a string above an inner container
    "text", 1.5, None,
])
def test_report_shapes(value):
    assert dumps_indented(value) == json.dumps(value, indent=2)


def test_what_json_refuses_it_refuses():
    with pytest.raises(TypeError):
        dumps_indented({"a": [{1, 2}]})
