"""The converted module's text, built from source slices of the untouched top-level statements, is
exactly libcst's ``Module.code`` of the converted tree; where the line count could be wrong it falls back."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.codemod import CodemodContext

from g2l_core.convert import ConvertOptions, codegen
from g2l_core.convert.registry import rule_index
from g2l_core.convert.state import Conversion
from g2l_core.convert.visitor import GlueToDatabricks
from g2l_core.pytree import decode_source

ROOT = Path(__file__).resolve().parents[2]

GLUE = '''#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Job doc."""

import sys  # trailing comment
from awsglue.context import GlueContext
from awsglue.transforms import ApplyMapping, Filter
from pyspark.context import SparkContext

glueContext = GlueContext(SparkContext.getOrCreate())
TABLE = "orders"  # kept as is


# a comment block
# above a decorated function
@decorator(
    "arg",
)
@other

def keep(a, b):
    """Untouched function."""
    text = f"""{a}
multi-line {b!r}"""
    return text \\
        + "tail"


def convert(frame):
    # inside a function that changes
    return Filter.apply(frame=frame, f=lambda r: r["x"] > 1)


frame = glueContext.create_dynamic_frame.from_catalog(database="db", table_name=TABLE)
x = 1; y = 2
\x0c
data = {
    "k": [1,
          2],  # inner comment
}
mapped = ApplyMapping.apply(frame=frame, mappings=[("a", "string", "a", "long")])
if x:
    pass
else:
    y = 3
# footer comment

# last line
'''

SLICED, GENERATED, FALLBACK = "sliced", "generated", "fallback"  # some statements sliced, none, codegen
CASES = {
    "glue": (GLUE, SLICED),
    "crlf": (GLUE.replace("\n", "\r\n"), SLICED),
    "only glue": ("from awsglue.context import GlueContext\ng = GlueContext(sc)\n", GENERATED),
    "lone carriage returns": (GLUE.replace("\n", "\r"), FALLBACK),
    "no final newline": (GLUE.rstrip("\n"), FALLBACK),
    "carriage return in a string": (GLUE + 'z = "a\\r"\nw = """a\rb"""\n', FALLBACK),
}


def _converted(text: str):
    module = cst.parse_module(text)
    conversion = Conversion(module, "job.py", ConvertOptions(), rule_index())
    new = GlueToDatabricks(CodemodContext(filename="job.py"), conversion).transform_module(module)
    return module, new, conversion.facts


@pytest.mark.parametrize("name", CASES)
def test_module_code_equals_libcst_codegen(name):
    text, expected = CASES[name]
    module, new, facts = _converted(text)
    assert new is not module
    assert codegen.module_code(new, module, text, facts) == new.code
    spans = codegen._statement_spans(module, text, facts)
    if expected == FALLBACK:
        assert spans is None
        return
    kept = [s for s in new.body if id(s) in spans]
    assert (0 < len(kept) < len(new.body)) if expected == SLICED else not kept
    for statement in module.body:
        start, end = spans[id(statement)]
        assert text[start:end] == module.code_for_node(statement)


def test_a_line_count_that_disagrees_with_the_text_falls_back():
    module, new, facts = _converted(GLUE)
    facts.end_line -= 1  # a line break the walk did not see
    assert codegen._statement_spans(module, GLUE, facts) is None
    assert codegen.module_code(new, module, GLUE, facts) == new.code


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "corpus" / "jobs").rglob("*.py")),
                         ids=lambda p: p.name)
def test_corpus_module_code_equals_libcst_codegen(path):
    text, _ = decode_source(path.read_bytes())
    module, new, facts = _converted(text)
    assert codegen._statement_spans(module, text, facts) is not None
    assert codegen.module_code(new, module, text, facts) == new.code


NODE_SOURCES = {
    "tabs and CRLF": "if x:\r\n\tdf = (a\r\n\t      .b(1))  # note\r\n\tpass\r\n",
    "parenthesized expressions": "y = ((a + b) * -c) if not d else [e for e in f if e]\n",
    "multi-line call": 'w(\n    "x",  # one\n    key=2,\n)\n',
    "f-string and lambda": 'v = f"{a!r:>{n}}" + (lambda r: r["k"] > 1)(row)\n',
}


@pytest.mark.parametrize("name", NODE_SOURCES)
def test_node_code_equals_libcst_code_for_node(name):
    module = cst.parse_module(NODE_SOURCES[name])
    nodes = [module.body[0], *module.body[0].children]
    for node in nodes:
        assert codegen.node_code(node, module) == module.code_for_node(node)
