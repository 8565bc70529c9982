"""Line layout for statements the converter wrote, so long rewrites read like hand-written PySpark.

Only single-line statements built by rules are touched (original code keeps its own formatting). A
statement longer than ``LINE_LIMIT`` gets the layout black would give it: a single call has its
arguments one per line; a method chain is wrapped in parentheses with one
``.method(...)`` per line, and a link that is still too long has its arguments split as well.
"""

from __future__ import annotations

import libcst as cst

LINE_LIMIT = 100
_EMPTY = cst.Module(body=[])


def _ws(indent: str) -> cst.ParenthesizedWhitespace:
    """A line break followed by the block's indentation plus ``indent``."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace(indent))


def _width(node: cst.CSTNode) -> int:
    code = _EMPTY.code_for_node(node)
    return -1 if "\n" in code else len(code)


def fit(stmt: cst.SimpleStatementLine, block_indent: int, unit: str = "    ") -> cst.SimpleStatementLine:
    """``stmt`` laid out over several lines when its one line would be longer than ``LINE_LIMIT``."""
    if len(stmt.body) != 1:
        return stmt
    small = stmt.body[0]
    if not isinstance(small, (cst.Assign, cst.Expr, cst.Return)) or not isinstance(small.value, cst.Call):
        return stmt
    width = _width(small)
    if width < 0 or block_indent + width <= LINE_LIMIT:
        return stmt
    call = small.value
    if call.lpar:
        return stmt
    links = _links(call)
    if len(links) >= 2:
        value = _split_chain(call, block_indent, unit)
    else:
        value = explode(call, unit, "")
    return stmt.with_changes(body=[small.with_changes(value=value)])


def _links(call: cst.BaseExpression) -> list[cst.Call]:
    """Method calls along the chain, outermost first."""
    out = []
    node = call
    while True:
        if isinstance(node, cst.Call):
            if isinstance(node.func, cst.Attribute):
                out.append(node)
            node = node.func
        elif isinstance(node, cst.Attribute):
            node = node.value
        else:
            return out


def explode(call: cst.Call, indent: str, closing: str) -> cst.Call:
    """One argument per line at ``indent`` (relative to the block), closing parenthesis at ``closing``."""
    if not call.args:
        return call
    args = list(call.args)
    if len(args) == 1:  # black's layout: no trailing comma after a lone argument
        arg = args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=_ws(closing))
        return call.with_changes(args=[arg], whitespace_before_args=_ws(indent))
    out = []
    for i, arg in enumerate(args):
        after = _ws(closing) if i == len(args) - 1 else _ws(indent)
        out.append(arg.with_changes(comma=cst.Comma(whitespace_after=after)))
    return call.with_changes(args=out, whitespace_before_args=_ws(indent))


def _split_chain(call: cst.Call, block_indent: int, unit: str) -> cst.Call:
    """``(\\n a.b(x)\\n .c(y)\\n .d(z)\\n)``: a line break before every link but the innermost."""
    innermost = _links(call)[-1]

    def rebuild(node: cst.BaseExpression) -> cst.BaseExpression:
        if node is innermost:
            return node
        if isinstance(node, cst.Call):
            new = node.with_changes(func=rebuild(node.func))
            if isinstance(node.func, cst.Attribute) and block_indent + len(unit) + _width(
                    cst.Call(func=cst.Attribute(value=cst.Name("_"), attr=node.func.attr), args=node.args)) - 1 > LINE_LIMIT:
                new = explode(new, unit * 2, unit)
            return new
        if isinstance(node, cst.Attribute):
            value = rebuild(node.value)
            if isinstance(node.value, cst.Call) and _links(node.value):
                return node.with_changes(value=value, dot=cst.Dot(whitespace_before=_ws(unit)))
            return node.with_changes(value=value)
        return node

    chain = rebuild(call)
    return chain.with_changes(lpar=[cst.LeftParen(whitespace_after=_ws(unit))],
                              rpar=[cst.RightParen(whitespace_before=_ws(""))])
