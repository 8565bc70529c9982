"""Comments around rewritten statements: review notes above them, and the comments of removed statements
moved to the next one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.model import REVIEW_MARKER
from g2l_core.pytree import GETTERS


def merge_leading_lines(carried: Sequence[cst.EmptyLine], own: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """Lines above a removed statement move to the next one: comments are kept, and blank lines do not
    pile up (the larger of the two blank gaps wins)."""
    if any(line.comment for line in carried):
        return [*carried, *own]
    return list(own) if len(own) >= len(carried) else [*carried[len(own):], *own]


def trim_blank(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    return lines if any(line.comment for line in lines) else []


def as_statement(node) -> cst.BaseStatement:
    if isinstance(node, cst.BaseStatement):
        return node
    return build.statement(node)


def comment_texts(*roots: cst.CSTNode) -> Counter[str]:
    """The comments under ``roots`` (a comment in an option dict, after an argument), by text."""
    out: Counter[str] = Counter()
    stack: list = list(reversed(roots))
    while stack:
        node = stack.pop()
        if type(node) is cst.Comment:
            out[node.value] += 1
            continue
        children: list = []
        for value in GETTERS[type(node)](node):
            if type(value) is tuple or type(value) is list:
                children.extend(v for v in value if isinstance(v, cst.CSTNode))
            elif isinstance(value, cst.CSTNode):
                children.append(value)
        stack.extend(reversed(children))  # in source order
    return out


def lost_comments(before: Sequence[cst.CSTNode], after: Sequence[cst.CSTNode]) -> list[str]:
    """Comments of ``before`` a rewrite left out of ``after`` (in their order of appearance)."""
    lost = comment_texts(*before) - comment_texts(*after)
    return list(lost.elements()) if lost else []


def review_lines(existing: Sequence[cst.EmptyLine], notes: Sequence[str]) -> list[cst.EmptyLine]:
    present = {line.comment.value for line in existing if line.comment is not None}
    out = []
    for note in notes:
        text = f"{REVIEW_MARKER} {note}"
        if text not in present:
            out.append(build.comment_line(text))
    return out


def with_carried(stmt, comments: Sequence[str]):
    """Comments from inside a rewritten expression, above its statement: the code they sat in is gone."""
    if not comments:
        return stmt
    present = {line.comment.value for line in stmt.leading_lines if line.comment is not None}
    new = [build.comment_line(text) for text in comments if text not in present]
    return stmt.with_changes(leading_lines=[*stmt.leading_lines, *new]) if new else stmt


def with_reviews(stmt, notes: Sequence[str], above: Sequence[cst.EmptyLine] = ()):
    if not notes:
        return stmt
    new = review_lines([*above, *stmt.leading_lines], notes)
    return stmt.with_changes(leading_lines=[*stmt.leading_lines, *new]) if new else stmt


def keep_statements(body: Sequence[cst.BaseStatement], rewrite: Callable[[cst.BaseStatement, bool], object]):
    """``rewrite(statement, first_kept)`` gives the statement to keep (maybe changed) or None to drop it;
    the comments above a dropped statement move to the next one kept. Returns the kept statements and
    the comment lines of dropped statements after the last one."""
    out: list[cst.BaseStatement] = []
    carry: list[cst.EmptyLine] = []
    for stmt in body:
        keep = rewrite(stmt, not out)
        if keep is None:
            carry.extend(stmt.leading_lines)
            continue
        if carry:
            keep = keep.with_changes(leading_lines=merge_leading_lines(carry, keep.leading_lines))  # type: ignore[attr-defined]
            carry = []
        out.append(keep)  # type: ignore[arg-type]
    return out, carry
