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


def review_lines(existing: Sequence[cst.EmptyLine], notes: Sequence[str]) -> list[cst.EmptyLine]:
    present = {line.comment.value for line in existing if line.comment is not None}
    out = []
    for note in notes:
        text = f"{REVIEW_MARKER} {note}"
        if text not in present:
            out.append(build.comment_line(text))
    return out


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


def comments_in(roots: Sequence[cst.CSTNode]) -> list[cst.Comment]:
    """The comments under ``roots``, in source order."""
    out: list[cst.Comment] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if type(node) is cst.Comment:
            out.append(node)
            continue
        children: list[cst.CSTNode] = []
        for value in GETTERS[type(node)](node):
            if type(value) is tuple or type(value) is list:
                children.extend(v for v in value if isinstance(v, cst.CSTNode))
            elif isinstance(value, cst.CSTNode):
                children.append(value)
        stack.extend(reversed(children))
    return out


def lost_comments(original: cst.CSTNode, result: Sequence[cst.CSTNode]) -> list[cst.Comment]:
    """Comments of ``original`` its rewrite no longer holds: those inside a dropped argument
    (``transformation_ctx="x",  # bookmark``) or an options dict a rule read and rebuilt."""
    kept = Counter(c.value for c in comments_in(result))
    lost = []
    for comment in comments_in([original]):
        if kept[comment.value] > 0:
            kept[comment.value] -= 1
        else:
            lost.append(comment)
    return lost
