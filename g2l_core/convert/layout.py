"""Line layout for statements the converter wrote, so long rewrites read like hand-written PySpark.

Only single-line statements built by rules are touched (original code keeps its own formatting). A
statement longer than ``LINE_LIMIT`` gets the layout black would give it: a single call has its
arguments one per line; a method chain is wrapped in parentheses with one
``.method(...)`` per line, and a link that is still too long has its arguments split as well.
"""

from __future__ import annotations

from functools import cache

import libcst as cst

from g2l_core.convert.build import TIGHT
from g2l_core.convert.codegen import node_code
from g2l_core.pytree import GETTERS

LINE_LIMIT = 100
_EMPTY = cst.Module(body=[])


@cache
def _ws(indent: str) -> cst.ParenthesizedWhitespace:
    """A line break followed by the block's indentation plus ``indent`` (one instance per indent, shared
    as ``build`` shares its whitespace)."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace(indent))


def _width(node: cst.CSTNode) -> int:
    """Length of ``node``'s code on one line, -1 when it spans lines.

    Summed from the node types rules emit, as libcst's codegen would write them (``code_for_node`` on
    every rewritten statement cost a quarter of a parse); other types are generated (``node_code``)."""
    try:
        return _size(node)
    except _Multiline:
        return -1


class _Multiline(Exception):
    pass


def _size(node) -> int:
    sizer = _SIZERS.get(type(node))
    if sizer is not None:
        return sizer(node)
    code = node_code(node, _EMPTY)
    if "\n" in code:
        raise _Multiline
    return len(code)


def _parens(node) -> int:
    n = 0
    for paren in node.lpar:
        n += 1 + _size(paren.whitespace_after)
    for paren in node.rpar:
        n += 1 + _size(paren.whitespace_before)
    return n


def _whitespace(node: cst.SimpleWhitespace) -> int:
    if "\n" in node.value:
        raise _Multiline
    return len(node.value)


def _multiline(node) -> int:
    raise _Multiline


def _token(node) -> int:
    """Comma, Dot, AssignEqual: one character between two whitespaces."""
    return _size(node.whitespace_before) + 1 + _size(node.whitespace_after)


def _name(node: cst.Name) -> int:
    n = len(node.value)
    return n + _parens(node) if node.lpar or node.rpar else n


def _string(node: cst.SimpleString) -> int:
    if "\n" in node.value:
        raise _Multiline
    n = len(node.value)
    return n + _parens(node) if node.lpar or node.rpar else n


def _attribute(node: cst.Attribute) -> int:
    return _parens(node) + _size(node.value) + _size(node.dot) + _size(node.attr)


def _call(node: cst.Call) -> int:
    return (_parens(node) + _size(node.func) + _size(node.whitespace_after_func) + 2
            + _size(node.whitespace_before_args) + _args(node.args))


def _args(args) -> int:
    n = 0
    last = len(args) - 1
    for i, arg in enumerate(args):
        n += _arg(arg, i != last)
    return n


def _arg(node: cst.Arg, default_comma: bool = False) -> int:
    n = len(node.star) + _size(node.whitespace_after_star)
    if node.keyword is not None:
        n += _size(node.keyword)
    equal = node.equal
    if equal is cst.MaybeSentinel.DEFAULT:
        if node.keyword is not None:
            n += 3
    elif isinstance(equal, cst.AssignEqual):
        n += _size(equal)
    n += _size(node.value)
    comma = node.comma
    if comma is cst.MaybeSentinel.DEFAULT:
        if default_comma:
            n += 2
    elif isinstance(comma, cst.Comma):
        n += _size(comma)
    return n + _size(node.whitespace_after_arg)


def _element(node, default_comma: bool, default_whitespace: bool) -> int:
    if isinstance(node, cst.Element):
        n = _size(node.value)
    elif isinstance(node, cst.DictElement):
        n = _size(node.key) + _size(node.whitespace_before_colon) + 1 + _size(node.whitespace_after_colon)
        n += _size(node.value)
    else:
        raise LookupError
    comma = node.comma
    if comma is cst.MaybeSentinel.DEFAULT:
        if default_comma:
            n += 2 if default_whitespace else 1
    elif isinstance(comma, cst.Comma):
        n += _size(comma)
    return n


def _elements(elements) -> int:
    n = 0
    last = len(elements) - 1
    for i, element in enumerate(elements):
        n += _element(element, i < last, True)
    return n


def _bracketed(node) -> int:
    """List and Dict: brackets (with their whitespace) around elements."""
    opening, closing = (node.lbracket, node.rbracket) if isinstance(node, cst.List) else (node.lbrace, node.rbrace)
    try:
        inner = _elements(node.elements)
    except LookupError:
        return _generated(node)
    return _parens(node) + 1 + _size(opening.whitespace_after) + inner + _size(closing.whitespace_before) + 1


def _tuple(node: cst.Tuple) -> int:
    elements = node.elements
    try:
        inner = _element(elements[0], True, False) if len(elements) == 1 else _elements(elements)
    except LookupError:
        return _generated(node)
    return _parens(node) + inner


def _generated(node) -> int:
    code = node_code(node, _EMPTY)
    if "\n" in code:
        raise _Multiline
    return len(code)


def _semicolon(node) -> int:
    semicolon = node.semicolon
    return _size(semicolon) if isinstance(semicolon, cst.Semicolon) else 0


def _assign(node: cst.Assign) -> int:
    n = 0
    for target in node.targets:
        n += _size(target.target) + _size(target.whitespace_before_equal) + 1 + _size(target.whitespace_after_equal)
    return n + _size(node.value) + _semicolon(node)


def _expr(node: cst.Expr) -> int:
    return _size(node.value) + _semicolon(node)


def _return(node: cst.Return) -> int:
    n = 6
    space = node.whitespace_after_return
    if isinstance(space, cst.MaybeSentinel):
        if node.value is not None:
            n += 1
    else:
        n += _size(space)
    if node.value is not None:
        n += _size(node.value)
    return n + _semicolon(node)


def _integer(node) -> int:
    n = len(node.value)
    return n + _parens(node) if node.lpar or node.rpar else n


_SIZERS = {
    cst.SimpleWhitespace: _whitespace,
    cst.ParenthesizedWhitespace: _multiline,
    cst.Comma: _token,
    cst.Dot: _token,
    cst.AssignEqual: _token,
    cst.Semicolon: _token,
    cst.Name: _name,
    cst.SimpleString: _string,
    cst.Integer: _integer,
    cst.Float: _integer,
    cst.Attribute: _attribute,
    cst.Call: _call,
    cst.Arg: _arg,
    cst.List: _bracketed,
    cst.Dict: _bracketed,
    cst.Tuple: _tuple,
    cst.Assign: _assign,
    cst.Expr: _expr,
    cst.Return: _return,
}


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
        value = _split_long_chains(explode(call, unit, ""), block_indent, unit)
    return stmt.with_changes(body=[small.with_changes(value=value)])


def _split_long_chains(call: cst.Call, block_indent: int, unit: str) -> cst.Call:
    """An argument on a line of its own (``explode``) that is a method chain still too long there is split
    like a statement's chain, one level in (a read chain wrapped in a helper call)."""
    args = []
    for arg in call.args:
        value = arg.value
        if (isinstance(value, cst.Call) and not value.lpar and len(_links(value)) >= 2
                and block_indent + len(unit) + _width(value) > LINE_LIMIT):
            arg = arg.with_changes(value=_split_chain(value, block_indent + len(unit), unit, base=unit))
        args.append(arg)
    return call.with_changes(args=args)


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
        out.append(arg.with_changes(comma=cst.Comma(whitespace_before=TIGHT, whitespace_after=after)))
    return call.with_changes(args=out, whitespace_before_args=_ws(indent))


def _link_width(call: cst.Call) -> int:
    """``_width`` of ``_.method(args)`` for the link ``call`` = ``x.method(args)``: what its line holds once the
    chain is split, plus one; -1 when it spans lines."""
    try:
        return 2 + _size(call.func.attr) + 2 + _args(call.args)  # type: ignore[attr-defined]
    except _Multiline:
        return -1


def _split_chain(call: cst.Call, block_indent: int, unit: str, base: str = "") -> cst.Call:
    """``(\n a.b(x)\n .c(y)\n .d(z)\n)``: a line break before every link but the innermost; ``base`` is
    where the chain's closing parenthesis stands, relative to the block."""
    step = base + unit
    chain = _break_links(call, _links(call)[-1], block_indent, unit, step)
    return chain.with_changes(lpar=[cst.LeftParen(whitespace_after=_ws(step))],
                              rpar=[cst.RightParen(whitespace_before=_ws(base))])


def _break_links(node: cst.BaseExpression, innermost: cst.Call, block_indent: int, unit: str,
                 step: str) -> cst.BaseExpression:
    """``node`` with a line break before each ``.link(...)`` outside ``innermost``, at ``step`` (a module
    function, not a closure: a closure calling itself is a reference cycle, which only the cycle collector
    frees)."""
    if node is innermost:
        return node
    if isinstance(node, cst.Call):
        new = node.with_changes(func=_break_links(node.func, innermost, block_indent, unit, step))
        if isinstance(node.func, cst.Attribute) and block_indent + len(unit) + _link_width(node) - 1 > LINE_LIMIT:
            new = explode(new, step + unit, step)
        return new
    if isinstance(node, cst.Attribute):
        value = _break_links(node.value, innermost, block_indent, unit, step)
        if isinstance(node.value, cst.Call) and _links(node.value):
            return node.with_changes(value=value, dot=cst.Dot(whitespace_before=_ws(step), whitespace_after=TIGHT))
        return node.with_changes(value=value)
    return node


_BRACKETED = (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def breaks_outside_brackets(node: cst.CSTNode) -> bool:
    """Whether ``node``'s code breaks a line outside brackets of its own. Lifted out of the argument list that
    held it (``DynamicFrame.fromDF(df\n    .select(...), ctx)`` -> ``df\n    .select(...)``) such an
    expression no longer parses unless it is put in parentheses."""
    stack = [node]
    while stack:
        n = stack.pop()
        t = type(n)
        if t is cst.ParenthesizedWhitespace:
            return True
        if getattr(n, "lpar", None) or t in _BRACKETED:
            continue  # a line break inside brackets is fine
        if t is cst.Call:
            stack += (n.func, n.whitespace_after_func)
        elif t is cst.Subscript:
            stack += (n.value, n.whitespace_after_value)
        else:
            for value in GETTERS[t](n):
                if type(value) is tuple or type(value) is list:
                    stack.extend(v for v in value if isinstance(v, cst.CSTNode))
                elif isinstance(value, cst.CSTNode):
                    stack.append(value)
    return False


def parenthesized(node):
    """``node`` in parentheses if its line breaks need them (``breaks_outside_brackets``)."""
    if not isinstance(node, cst.BaseExpression) or node.lpar or not breaks_outside_brackets(node):
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
