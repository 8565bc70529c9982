"""Comments around rewritten statements: review notes above them, and the comments of removed statements
moved to the next one."""

from __future__ import annotations

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


def comment_texts(node: cst.CSTNode) -> set[str]:
    """Every comment's text in ``node``'s tree."""
    found: set[str] = set()
    stack: list = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, cst.Comment):
            found.add(item.value)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, cst.CSTNode):
            stack.extend(GETTERS[type(item)](item))
    return found


def keep_inner_comments(result, inner: Sequence[cst.Comment]):
    """Comments that stood among a statement's arguments and that its rewrite dropped (a call rebuilt
    from its options) go above it, in their order."""
    nodes = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
    kept: set[str] = set()
    for node in nodes:
        kept |= comment_texts(node)
    lost = [c for c in inner if c.value not in kept]
    if not lost:
        return result
    head = nodes[0]
    lines = [*head.leading_lines, *(cst.EmptyLine(comment=cst.Comment(c.value)) for c in lost)]
    nodes[0] = head.with_changes(leading_lines=lines)
    return cst.FlattenSentinel(nodes) if isinstance(result, cst.FlattenSentinel) else nodes[0]
