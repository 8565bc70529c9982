"""Small constructors for the PySpark code the rules emit.

Built from libcst node classes rather than parsed from templates: parsing a template per call site
would cost more than the rest of the conversion.
"""

from __future__ import annotations

import libcst as cst

_NEWLINE_INDENT = cst.ParenthesizedWhitespace(
    first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace("    ")
)
_NEWLINE_DEDENT = cst.ParenthesizedWhitespace(first_line=cst.TrailingWhitespace(), indent=True)
# Whitespace, and the tokens and line ends made of it, shared by every node built here. libcst's defaults
# make a fresh node per field (so that no tree it visits aliases one), which was a third of the nodes a
# conversion builds; the converted tree is only printed, so one instance serves all.
TIGHT = cst.SimpleWhitespace("")
_SPACE = cst.SimpleWhitespace(" ")
_DOT = cst.Dot(whitespace_before=TIGHT, whitespace_after=TIGHT)
_EQUAL = cst.AssignEqual(whitespace_before=TIGHT, whitespace_after=TIGHT)
_LINE_END = cst.TrailingWhitespace(whitespace=TIGHT, newline=cst.Newline())

Expr = cst.BaseExpression


def name(value: str) -> cst.Name:
    return cst.Name(value)


def dotted(path: str) -> Expr:
    """``a.b.c`` as an Attribute chain."""
    head, *rest = path.split(".")
    node: Expr = cst.Name(head)
    for part in rest:
        node = attribute(node, part)
    return node


def string(value: str) -> cst.SimpleString:
    """A double-quoted literal (repr() would pick single quotes)."""
    body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    body = body.replace("\t", "\\t")
    return cst.SimpleString(f'"{body}"')


def literal(value: object) -> Expr:
    if isinstance(value, bool) or value is None:
        return cst.Name(repr(value))
    if isinstance(value, str):
        return string(value)
    if isinstance(value, int):
        return cst.Integer(str(value))
    if isinstance(value, float):
        return cst.Float(repr(value))
    if isinstance(value, (list, tuple)):
        return cst.List([cst.Element(literal(v)) for v in value])
    raise TypeError(f"no literal for {value!r}")


def arg(value: Expr | object, keyword: str | None = None) -> cst.Arg:
    if isinstance(value, cst.Arg):
        return value
    node = value if isinstance(value, cst.BaseExpression) else literal(value)
    if keyword is None:
        return cst.Arg(node, whitespace_after_star=TIGHT, whitespace_after_arg=TIGHT)
    return cst.Arg(node, keyword=cst.Name(keyword), equal=_EQUAL, whitespace_after_star=TIGHT,
                   whitespace_after_arg=TIGHT)


def call(func: Expr | str, *args: Expr | object, multiline: bool = False, **kwargs: Expr | object) -> cst.Call:
    """``func(*args, **kwargs)``; ``multiline`` puts one argument per line with a trailing comma."""
    target = dotted(func) if isinstance(func, str) else func
    items = [arg(a) for a in args] + [arg(v, k) for k, v in kwargs.items()]
    before = _NEWLINE_INDENT if multiline and items else TIGHT
    return cst.Call(func=target, args=_layout(items, multiline), whitespace_after_func=TIGHT,
                    whitespace_before_args=before)


def method(receiver: Expr, attr: str, *args: Expr | object, multiline: bool = False, **kwargs) -> cst.Call:
    return call(attribute(receiver, attr), *args, multiline=multiline, **kwargs)


def attribute(receiver: Expr, attr: str) -> cst.Attribute:
    return cst.Attribute(value=receiver, attr=cst.Name(attr), dot=_DOT)


def _layout(items: list[cst.Arg], multiline: bool) -> list[cst.Arg]:
    if not items:
        return []
    if not multiline:
        return [a if a.comma is cst.MaybeSentinel.DEFAULT else a.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                for a in items]
    out = []
    for i, a in enumerate(items):
        after = _NEWLINE_DEDENT if i == len(items) - 1 else _NEWLINE_INDENT
        out.append(a.with_changes(comma=cst.Comma(whitespace_before=TIGHT, whitespace_after=after)))
    return out


def kept(items, keep) -> list:
    """``items`` (call arguments, parameters, import names) where ``keep(item)``, laid out as before: when
    the last one goes, the new last takes its comma (none, or a trailing one before a line break)."""
    items = list(items)
    out = [a for a in items if keep(a)]
    if out and items and out[-1] is not items[-1]:
        out[-1] = out[-1].with_changes(comma=items[-1].comma)
    return out


def compare(left: Expr, op: cst.BaseCompOp, right: Expr) -> cst.Comparison:
    return cst.Comparison(left=left, comparisons=[cst.ComparisonTarget(operator=op, comparator=right)])


def binary(left: Expr, op: cst.BaseBinaryOp, right: Expr) -> cst.BinaryOperation:
    return cst.BinaryOperation(left=left, operator=op, right=right)


def parens(node: Expr) -> Expr:
    if node.lpar:
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def bare_line_break(node: Expr) -> bool:
    """``node`` breaks a line outside its own brackets (``f(x)\\n    .select(y)``): legal only where some
    enclosing bracket held it, so a rewrite that moves it out of its call (``DynamicFrame.fromDF(...)``
    unwrapped to its argument) must parenthesize it. Walks the chain only: arguments are bracketed."""
    while not getattr(node, "lpar", ()):
        if isinstance(node, cst.Attribute):
            if _breaks(node.dot.whitespace_before) or _breaks(node.dot.whitespace_after):
                return True
            node = node.value
        elif isinstance(node, cst.Call):
            if _breaks(node.whitespace_after_func):
                return True
            node = node.func
        elif isinstance(node, cst.Subscript):
            if _breaks(node.whitespace_after_value):
                return True
            node = node.value
        elif isinstance(node, (cst.BinaryOperation, cst.BooleanOperation)):
            op = node.operator
            return (_breaks(op.whitespace_before) or _breaks(op.whitespace_after)
                    or bare_line_break(node.left) or bare_line_break(node.right))
        else:
            return False
    return False


def _breaks(whitespace: cst.CSTNode) -> bool:
    return isinstance(whitespace, cst.ParenthesizedWhitespace)


def assign(target: str | Expr, value: Expr) -> cst.SimpleStatementLine:
    node = dotted(target) if isinstance(target, str) else target
    target = cst.AssignTarget(node, whitespace_before_equal=_SPACE, whitespace_after_equal=_SPACE)
    return statement(cst.Assign(targets=[target], value=value))


def expression_statement(value: Expr) -> cst.SimpleStatementLine:
    return statement(cst.Expr(value))


def statement(small: cst.BaseSmallStatement) -> cst.SimpleStatementLine:
    """``small`` on a line of its own."""
    return cst.SimpleStatementLine([small], trailing_whitespace=_LINE_END)


def comment_line(text: str) -> cst.EmptyLine:
    return cst.EmptyLine(comment=cst.Comment(text))


def literal_value(node: cst.CSTNode | None):
    """The Python value of a literal expression (strings, numbers, bools, None, lists/tuples/dicts of
    those); raises ``ValueError`` for anything computed at run time."""
    if node is None:
        raise ValueError("missing")
    if isinstance(node, cst.SimpleString):
        return string_value(node)
    if isinstance(node, cst.ConcatenatedString):
        value = node.evaluated_value
        if value is None:
            raise ValueError("f-string")
        return value
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0)
    if isinstance(node, cst.Float):
        return float(node.value)
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return -literal_value(node.expression)
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        if any(isinstance(e, cst.StarredElement) for e in node.elements):
            raise ValueError("starred")
        values = [literal_value(e.value) for e in node.elements]
        return tuple(values) if isinstance(node, cst.Tuple) else values
    if isinstance(node, cst.Dict):
        out = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                raise ValueError("** in dict")
            out[literal_value(element.key)] = literal_value(element.value)
        return out
    raise ValueError(type(node).__name__)


def string_value(node: cst.SimpleString) -> str | bytes:
    """``node.evaluated_value``, read off the text when the literal has no prefix and no backslash (its value
    is then what lies between the quotes): ``evaluated_value`` compiles the literal (``ast.literal_eval``),
    and rules read every string of a call's arguments, a few dozen a job."""
    text = node.value
    quote = text[0]
    if quote in "'\"" and "\\" not in text and "\r" not in text:
        q = 3 if len(text) >= 6 and text.startswith(quote * 3) else 1
        return text[q:-q]
    return node.evaluated_value


def dict_items(node: cst.CSTNode | None) -> dict[str, cst.BaseExpression] | None:
    """Keys (string literals) -> value nodes of a dict display; None when it is not one."""
    if not isinstance(node, cst.Dict):
        return None
    out: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
            return None
        out[string_value(element.key)] = element.value  # type: ignore[index]
    return out
