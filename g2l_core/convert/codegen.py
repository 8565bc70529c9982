"""The text of a converted module, reusing the source's own text for the top-level statements the
conversion left as they were.

``Module.code`` generates every token of the tree again, which costs about half a parse. A top-level
statement that comes out of the conversion as the very node the parser made prints as its source text
(libcst round-trips exactly), so that text is sliced from the source instead, by the line numbers the
scan counted. Where those could be wrong (a lone carriage return, which the line count does not see as
a line break; a source without a final newline; a total that disagrees with the text) the whole module
is generated.

Generation is libcst's own (``_codegen`` with a ``CodegenState``, as its ``PositionProvider`` does) minus
one cost: every node opens a generator-based context manager to record its position, which nothing
records here; a plain no-op context manager takes its place (a third of the generation time).
"""

from __future__ import annotations

from contextlib import nullcontext

import libcst as cst
from libcst._nodes.internal import CodegenState

from g2l_core.convert.scan import ModuleFacts

_NO_POSITION = nullcontext()


class _State(CodegenState):
    def record_syntactic_position(self, node, *, start_node=None, end_node=None):  # noqa: ARG002
        return _NO_POSITION


def node_code(node: cst.CSTNode, module: cst.Module) -> str:
    """``module.code_for_node(node)``, generated without position recording (layout sizes an expression
    it has no sizer for this way, and notes quote the code they speak of)."""
    state = _State(default_indent=module.default_indent, default_newline=module.default_newline)
    node._codegen(state)
    return "".join(state.tokens)


def module_code(new: cst.Module, original: cst.Module, text: str, facts: ModuleFacts) -> str:
    """``new.code``, where ``new`` is ``original`` (parsed from ``text``, scanned into ``facts``) converted."""
    state = _State(default_indent=new.default_indent, default_newline=new.default_newline)
    spans = _statement_spans(original, text, facts)
    if spans is None:
        new._codegen(state)
        return "".join(state.tokens)
    for line in new.header:
        line._codegen(state)
    for statement in new.body:
        span = spans.get(id(statement))  # ids of original nodes: the original tree is alive, none is reused
        if span is None:
            statement._codegen(state)
        else:
            state.add_token(text[span[0]:span[1]])
    for line in new.footer:
        line._codegen(state)
    return "".join(state.tokens) or new.default_newline  # as Module.code (the source ended with a newline)


def _statement_spans(module: cst.Module, text: str, facts: ModuleFacts) -> dict[int, tuple[int, int]] | None:
    """id(top-level statement) -> (start, end) of its text in ``text``; None when the lines are in doubt."""
    if not module.has_trailing_newline or text.count("\r") != text.count("\r\n"):
        return None
    offsets = [0]  # offsets[k]: where line k + 1 starts
    find, at = text.find, text.find("\n")
    while at != -1:
        offsets.append(at + 1)
        at = find("\n", at + 1)
    if len(offsets) != facts.end_line:
        return None
    top = facts.top_lines
    body = module.body
    if len(top) != len(body):
        return None
    spans = {}
    end = offsets[len(offsets) - 1 - len(module.footer)]
    for statement in reversed(body):
        line = top.get(id(statement))
        if line is None:
            return None
        start = offsets[line - 1]
        spans[id(statement)] = (start, end)
        end = start
    return spans
