"""The fast paths behind the conversion budget agree with libcst's own (slow) answers.

The scan's field walk must meet nodes in source order with the right line numbers (checked against
``PositionProvider``), the field table must list children as ``CSTNode.children`` does, containment by
statement indexes must agree with climbing the parents, the layout's width sum must equal the generated
code's length, string values read off the text must equal ``evaluated_value``, and compiled rule matchers
must agree with ``m.matches``. The corpus is the bundled sample plus a module using most of Python's syntax.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import libcst.matchers as m
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from g2l_core.convert import ConvertOptions, build, layout
from g2l_core.pytree import GETTERS
from g2l_core.convert.registry import rule_index
from g2l_core.convert.rules import predicate
from g2l_core.convert.scan import scan

ROOT = Path(__file__).resolve().parents[2]

SYNTAX = '''"""Doc."""
import os, sys as system
from a.b import (c as d, e)
from . import f

@decorator(arg=1)
class K(Base, metaclass=Meta):
    x: int = 1

    async def m(self, a, /, b: "T" = 2, *args, c, d=3, **kw) -> None:
        async with ctx() as (p, q):
            await thing(a)
        async for i in aiter():
            yield i
        return [y for y in range(3) if y] or {k: v for k, v in kw.items()}

def g(glueContext, frame=None):
    global G
    total = 0
    for i, j in zip(a, b):
        total += i * j if i else -j
    else:
        pass
    while total > 0:
        total -= 1
        if total == 3:
            break
        elif total == 4:
            continue
    try:
        risky(f"""{total!r:>10}
multi {'line'}""")
    except (ValueError, TypeError) as exc:
        raise RuntimeError("x") from exc
    except OSError:
        pass
    finally:
        del total
    match frame:
        case {"k": [1, *rest]} | Point(x=0, y=_) as p if p:
            lam = lambda z, *w, **kw: (z, w)
        case _:
            s = x[1:2, ::3]
    assert frame is not None, "msg"
    return glueContext.create_dynamic_frame.from_catalog(
        database="db",  # comment
        table_name=("a"
                    "b"),
    ).toDF() \\
        .select("x")

value = (yield_ := 1) + ~2 ** -3 // 4 @ m
text = u"text" r"raw" """long
string"""
x = {**a, 'b': {1, 2}, 'c': (1,), 'd': ()}; y = x[...]
'''


def _corpus() -> list[tuple[str, str]]:
    files = sorted((ROOT / "examples" / "risk_engine" / "glue").rglob("*.py"))
    return [("syntax", SYNTAX), ("crlf", "a = f(\r\n  b)\r\nc = g()\r\n")] + [
        (str(p), p.read_text(encoding="utf-8")) for p in files]


CORPUS = _corpus()


@pytest.mark.parametrize("name,text", CORPUS, ids=[n.rsplit("/", 1)[-1] for n, _ in CORPUS])
def test_scan_lines_match_position_provider(name, text):
    module = cst.parse_module(text)
    facts = scan(module)
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    checked = 0
    # The scan's line is where a node's own opening parenthesis is; PositionProvider starts inside it.
    for nodes in [facts.calls, *facts.names.values(), *facts.attributes.values()]:
        for node in nodes:
            if node.lpar:
                continue
            assert facts.lines[id(node)] == positions[node].start.line, cst.Module([]).code_for_node(node)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("name,text", CORPUS, ids=[n.rsplit("/", 1)[-1] for n, _ in CORPUS])
def test_field_table_lists_children_in_lexical_order(name, text):
    stack: list[cst.CSTNode] = [cst.parse_module(text)]
    seen = 0
    while stack:
        node = stack.pop()
        listed = []
        for value in GETTERS[type(node)](node):
            if isinstance(value, (tuple, list)):
                listed.extend(value)
            elif isinstance(value, cst.CSTNode):
                listed.append(value)
        children = list(node.children)
        assert [id(c) for c in listed] == [id(c) for c in children], type(node).__name__
        stack.extend(children)
        seen += 1
    assert seen > 10


def test_scan_records_source_order_scopes_and_statements():
    module = cst.parse_module("def f(glueContext):\n    x = g(\n        h())\n    return x\n\ny = f(1)\n")
    facts = scan(module)
    function = module.body[0]
    inner = facts.calls[0]
    assert [c.func.value for c in facts.calls] == ["g", "h", "f"]
    assert facts.lines[id(facts.calls[1])] == 3
    assert facts.where[id(inner)] == (id(function), 2)
    assert facts.statement[id(inner)] is function.body.body[0]
    assert facts.params[(id(function), "glueContext")].position == 0
    assert [b.index for b in facts.assigns[(0, "y")]] == [4]


@pytest.mark.parametrize("name,text", CORPUS, ids=[n.rsplit("/", 1)[-1] for n, _ in CORPUS])
def test_within_agrees_with_climbing_the_parents(name, text):
    facts = scan(cst.parse_module(text))
    names = [n for nodes in facts.names.values() for n in nodes]
    statements = [facts.statement.get(id(c)) for c in facts.calls]
    holders = [*facts.calls, *facts.functions.values(), *statements, *(p for n in names for p in facts.ancestors(n))]
    inside = 0
    for holder in {id(h): h for h in holders if h is not None}.values():
        for node in names:
            expected = any(p is holder for p in facts.ancestors(node))
            assert facts.within(node, holder) is expected, (cst.Module([]).code_for_node(node), type(holder).__name__)
            inside += expected
    assert inside > 0


STRINGS = ['""', "''", '"abc"', "'a\"b'", '"""x\ny"""', "''''''", "'''a'''", '""" "a" """', '"\\n"', "r'a\\b'",
           'b"xy"', "u'v'", '"\\u00e9"', "'\\\\'", '"""a\\\nb"""']


@pytest.mark.parametrize("literal", STRINGS)
def test_string_values_read_off_the_text_equal_evaluated_value(literal):
    node = cst.parse_expression(literal)
    assert build.string_value(node) == node.evaluated_value


def test_corpus_string_values_equal_evaluated_value():
    strings = [n for _, text in CORPUS for n in _nodes_of(cst.parse_module(text)) if isinstance(n, cst.SimpleString)]
    assert len(strings) > 20
    for node in strings:
        assert build.string_value(node) == node.evaluated_value, node.value


def _nodes_of(root: cst.CSTNode):
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


def _expressions(text: str):
    wanted = (cst.Call, cst.Assign, cst.Expr, cst.Return, cst.List, cst.Dict, cst.Tuple, cst.Attribute, cst.Arg)
    stack: list[cst.CSTNode] = [cst.parse_module(text)]
    while stack:
        node = stack.pop()
        if isinstance(node, wanted):
            yield node
        stack.extend(node.children)


def test_layout_width_equals_generated_code_length():
    empty = cst.Module(body=[])
    built = cst.Call(func=cst.Name("f"), args=[
        cst.Arg(cst.List([cst.Element(cst.SimpleString('"x"'))])), cst.Arg(cst.Tuple([cst.Element(cst.Name("t"))])),
        cst.Arg(cst.Dict([cst.DictElement(cst.Name("k"), cst.Float("1.5"))])),
        cst.Arg(cst.Integer("1"), keyword=cst.Name("a"))])
    nodes = [built, cst.Return(built), *(n for _, text in CORPUS for n in _expressions(text))]
    for node in nodes:
        code = empty.code_for_node(node)
        assert layout._width(node) == (-1 if "\n" in code else len(code)), code
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):  # a link of a method chain
            alone = cst.Call(func=cst.Attribute(value=cst.Name("_"), attr=node.func.attr), args=node.args)
            assert layout._link_width(node) == layout._width(alone), code


def test_compiled_rule_matchers_agree_with_libcst():
    calls = [n for _, text in CORPUS for n in _expressions(text) if isinstance(n, cst.Call)]
    calls += [cst.parse_expression(e) for e in (
        "SparkContext.getOrCreate()", "(f)(1)", "FindMatches.apply(x)", "FindMatches(1).apply()", "f()(1)",
        "g.create_dynamic_frame.from_catalog()", "a.b.fromDF(x)", "Filter.apply(frame=x)", "x[0].toDF()")]
    matchers = {id(r.MATCHER): r.MATCHER for r in rule_index().rules}
    assert len(matchers) > 20
    hits = 0
    for call in calls:
        for matcher in matchers.values():
            expected = m.matches(call, matcher)
            assert predicate(matcher)(call) == expected, (cst.Module([]).code_for_node(call), matcher)
            hits += expected
    assert hits > 0


@pytest.mark.parametrize("source,changed", [
    ("import os\nfrom pathlib import Path\n\nprint(Path(os.getcwd()))\n", False),
    ("from awsglue.transforms import *\n\nx = 1\n", True),  # unused Glue imports still go
    ("from awsglue.context import GlueContext\n", True),
    ("import awsglue\n", True),
    ("from pyspark.context import SparkContext\nimport json\n", True),
])
def test_modules_without_glue_work_skip_the_pass_with_the_same_result(source, changed):
    from g2l_core.convert import convert_source
    from g2l_core.convert.registry import rule_index
    from g2l_core.convert.state import Conversion

    conversion = Conversion(cst.parse_module(source), "m.py", ConvertOptions(), rule_index())
    assert conversion.needs_transform is changed
    result = convert_source(source, "m.py")
    assert result.changed is changed
    if not changed:
        assert result.code == source and result.decisions == [] and not result.helpers_used
