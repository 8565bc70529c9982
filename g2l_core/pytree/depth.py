"""Refuse absurdly nested code before libcst parses it.

libcst's native parser recurses per nesting level: a few thousand nested brackets overflow its stack and
kill the process (a segfault, not an exception), taking every other file of a worker pool with it.
CPython itself rejects more than 200 nested brackets ("too many nested parentheses"), so no valid job
is refused by the same limit.
"""

from __future__ import annotations

import io
import re
import tokenize

MAX_NESTING = 200  # CPython's tokenizer limit (MAXLEVEL)
_BRACKETS = re.compile(r"[()\[\]{}]")
_OPEN = frozenset("([{")


class TooDeeplyNested(ValueError):
    def __init__(self, line: int, depth: int) -> None:
        super().__init__(f"line {line}: brackets nested more than {MAX_NESTING} deep (Python allows {MAX_NESTING})")
        self.line, self.depth = line, depth


def check_nesting(text: str) -> None:
    """Raise ``TooDeeplyNested`` when brackets nest deeper than Python allows.

    A scan of the bracket characters alone is cheap and never under-counts a real nesting; only when it
    finds too deep a nesting are strings and comments told apart with the tokenizer."""
    if text.count("(") + text.count("[") + text.count("{") <= MAX_NESTING:
        return  # not that many brackets in all (most files): no need to follow them one by one
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in _OPEN else max(0, depth - 1)
        if depth > MAX_NESTING:
            break
    else:
        return
    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.OP and tok.string in _OPEN:
                depth += 1
                if depth > MAX_NESTING:
                    raise TooDeeplyNested(tok.start[0], depth)
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth -= 1
    except (tokenize.TokenError, SyntaxError):
        return  # not Python at all: the parser says why
