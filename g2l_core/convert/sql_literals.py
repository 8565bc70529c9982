"""The text a Python string expression gives, with where each character is written in the source.

SQL reaches ``spark.sql`` as a plain literal, an implicit concatenation, an f-string, a ``str.format`` or
``%`` template, or literals joined with ``+``. ``sql_text`` reads such an expression's parts into one text:
literal characters carry the source node and the span of source characters that wrote them (an escape
sequence is several), and what is only known at run time (an f-string field, ``{}``, ``%s``, a variable)
is a hole, a placeholder word. A span of the text that holds no hole can then be replaced in the source
node itself, so the literal keeps its quotes, prefixes and escapes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from g2l_core.convert.sql_names import replace

HOLE = "__g2l_hole__"  # what a run-time part reads as: a word, so `FROM db.{table}` still parses

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f",
                   "v": "\v", "\n": "", "\r\n": ""}
_ESCAPE = r"\\(?:N\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])"
_BRACES = r"\{\{|\}\}"
_FIELD = r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}"
_PERCENT = r"%%|%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]"
TEMPLATES = ("plain", "fstring", "format", "percent")
_TOKENS = {
    (escapes, template): re.compile("|".join(p for p, on in (
        (_ESCAPE, escapes), (_BRACES, template in ("fstring", "format")), (_FIELD, template == "format"),
        (_PERCENT, template == "percent")) if on))
    for escapes in (True, False) for template in TEMPLATES
}


@dataclass
class SqlText:
    """``text`` and, per character, ``(part index, start, end)`` in the source of ``parts[index]`` (part -1: a
    hole). ``parts`` are the ``SimpleString`` and ``FormattedStringText`` nodes the literal text comes from."""

    text: str = ""
    chars: list[tuple[int, int, int]] = field(default_factory=list)
    parts: list[cst.CSTNode] = field(default_factory=list)

    def add(self, ch: str, part: int, start: int, end: int) -> None:
        self.text += ch
        self.chars.extend([(part, start, end)] * len(ch))

    def hole(self) -> None:
        if self.text.endswith(HOLE) and self.chars[-1][0] == -1:
            return  # two run-time parts side by side read as one
        self.add(HOLE, -1, 0, 0)

    def source_span(self, start: int, end: int) -> tuple[int, int, int] | None:
        """``(part, start, end)`` in one part's source for ``text[start:end]``; None when the span holds a hole
        or crosses from one literal into another."""
        first, last = self.chars[start], self.chars[end - 1]
        if first[0] < 0 or any(c[0] != first[0] for c in self.chars[start:end]):
            return None
        return first[0], first[1], last[2]

    def has_hole(self, start: int, end: int) -> bool:
        return any(c[0] < 0 for c in self.chars[start:end])


def read_parts(text: SqlText, node: cst.BaseExpression, template: str = "plain") -> bool:
    """Append what the literal ``node`` (a string, an implicit concatenation or an f-string) gives to ``text``;
    False (nothing appended) for anything else, bytes included."""
    if isinstance(node, cst.ConcatenatedString):
        return read_parts(text, node.left, template) and read_parts(text, node.right, template)
    if isinstance(node, cst.SimpleString):
        prefix = node.prefix.lower()
        if "b" in prefix:
            return False
        quote = node.quote
        start = len(node.prefix) + len(quote)
        _read(text, node, node.value, start, len(node.value) - len(quote), "r" not in prefix, template)
        return True
    if isinstance(node, cst.FormattedString):
        if "b" in node.prefix.lower():
            return False
        escapes = "r" not in node.prefix.lower()
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                _read(text, part, part.value, 0, len(part.value), escapes, "fstring")
            else:
                text.hole()
        return True
    return False


def _read(text: SqlText, node: cst.CSTNode, source: str, start: int, end: int, escapes: bool, template: str) -> None:
    index = len(text.parts)
    text.parts.append(node)
    tokens = _TOKENS[(escapes, template)]
    at = start
    for token in tokens.finditer(source, start, end):
        for i in range(at, token.start()):
            text.add(source[i], index, i, i + 1)
        value = token.group()
        if value in ("{{", "}}", "%%"):
            text.add(value[0], index, token.start(), token.end())
        elif value[0] == "\\":
            decoded = _escape(value)
            if decoded:
                text.add(decoded, index, token.start(), token.end())
        else:
            text.hole()
        at = token.end()
    for i in range(at, end):
        text.add(source[i], index, i, i + 1)


def _escape(sequence: str) -> str:
    body = sequence[1:]
    if body in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[body]
    kind = body[0]
    if kind in "xuU" and len(body) > 1:
        return chr(int(body[1:], 16))
    if kind in "01234567":
        return chr(int(body, 8))
    if kind == "N" and body.startswith("N{"):
        try:
            return unicodedata.lookup(body[2:-1])
        except KeyError:
            return sequence
    return sequence  # an unknown escape is kept as written


def replaced(node: cst.CSTNode, edits: Sequence[tuple[int, int, str]]) -> cst.CSTNode:
    """``node`` (a ``SimpleString`` or ``FormattedStringText``) with spans of its source replaced."""
    return node.with_changes(value=replace(node.value, edits))  # type: ignore[attr-defined]
