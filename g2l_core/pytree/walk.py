"""The one walk over a libcst tree that extraction and conversion share.

A ``CSTVisitor`` rebuilds every node it visits and ``MetadataWrapper`` copies the tree, each costing more
than the parse itself. This walk is a plain stack over each node's fields in lexical order (``fields``),
so nodes come in source order; it counts the line breaks the tree holds (newline tokens, backslash
continuations, multi-line strings) as it goes, which gives line numbers without ``PositionProvider``.

Subclasses register handlers by node type in ``self.enter``; a handler runs when its node is reached
(``self.line`` is then the node's first line, before its leading blank lines) and returns True to have
``leave(node)`` called once everything under the node has been walked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import libcst as cst

from g2l_core.pytree.fields import GETTERS

_EXIT = object()  # stack marker: the node below it has had all its children walked
_NO_VALUE = (type(None), cst.MaybeSentinel, str, bool)
TEXT_TYPES = frozenset(t for t in (cst.SimpleString, cst.FormattedStringText,
                                   getattr(cst, "TemplatedStringText", None)) if t is not None)


class Walker:
    def __init__(self, parents: bool = False) -> None:
        self.line = 1
        self.enter: dict[type, Callable[[cst.CSTNode], bool | None]] = {}
        # id(node) -> parent, for every node walked (only when asked: it costs a dict write per node). Plain
        # whitespace on one line (most of a tree's nodes) is neither walked nor given a parent: it holds
        # no line break and nothing asks where it is.
        self.parent: dict[int, cst.CSTNode] | None = {} if parents else None

    def leave(self, node: cst.CSTNode) -> None:
        """Called after the subtree of a node whose handler returned True."""

    def walk(self, values: Iterable) -> int:
        """Walk the nodes in ``values`` (nodes, sequences of nodes, None); returns the line breaks passed."""
        start = self.line
        stack: list = []
        _push_values(stack, values)
        pop, push, extend = stack.pop, stack.append, stack.extend
        enter, parent, getters, exit_marker = self.enter, self.parent, GETTERS, _EXIT
        Newline, SimpleWhitespace, text_types, no_value = cst.Newline, cst.SimpleWhitespace, TEXT_TYPES, _NO_VALUE
        while stack:
            node = pop()
            if node is exit_marker:
                self.leave(pop())
                continue
            t = type(node)
            if t is SimpleWhitespace:  # only those holding a line break are pushed
                self.line += node.value.count("\n")
                continue
            if t is Newline:
                self.line += 1
                continue
            handler = enter.get(t)
            if handler is not None and handler(node):
                push(node)
                push(exit_marker)
            if t in text_types and "\n" in node.value:
                self.line += node.value.count("\n")
            kids: list = []
            for value in getters[t](node):
                tv = type(value)
                if tv is SimpleWhitespace:
                    if "\n" in value.value:
                        kids.append(value)
                elif tv is tuple or tv is list:
                    kids.extend(value)
                elif tv not in no_value:
                    kids.append(value)
            if kids:
                if parent is not None:
                    for kid in kids:
                        parent[id(kid)] = node
                kids.reverse()
                extend(kids)
        return self.line - start


def _push_values(stack: list, values: Iterable) -> None:
    flat: list = []
    for value in values:
        tv = type(value)
        if tv is tuple or tv is list:
            flat.extend(value)
        elif tv not in _NO_VALUE:
            flat.append(value)
    flat.reverse()
    stack.extend(flat)
