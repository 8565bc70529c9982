"""Filter lambdas -> Column expressions, only where the result is provably the same.

Glue runs the function on each record (a dict); a record for which it raises is dropped as an error
record. Spark drops rows whose condition is NULL. So comparisons map directly as long as NULLs end
up where Python's ``None`` does: ``!=`` becomes ``~eqNullSafe`` (``None != 1`` is True in Python),
``not in`` keeps NULLs, and ``not`` is pushed down to the comparisons (Spark's ``~NULL`` is NULL
where Python's ``not (None == 1)`` is True). Anything outside that set returns ``None`` and the
caller falls back to running the original function as a UDF.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build

_INVERSE = {
    cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal, cst.LessThan: cst.GreaterThanEqual,
    cst.GreaterThanEqual: cst.LessThan, cst.GreaterThan: cst.LessThanEqual, cst.LessThanEqual: cst.GreaterThan,
    cst.In: cst.NotIn, cst.NotIn: cst.In, cst.Is: cst.IsNot, cst.IsNot: cst.Is,
}
_FLIPPED = {cst.LessThan: cst.GreaterThan, cst.GreaterThan: cst.LessThan, cst.LessThanEqual: cst.GreaterThanEqual,
            cst.GreaterThanEqual: cst.LessThanEqual, cst.Equal: cst.Equal, cst.NotEqual: cst.NotEqual}
_STRING_TESTS = frozenset({"startswith", "endswith"})
_STRING_FUNCS = {"lower": "lower", "upper": "upper"}


class Unsupported(Exception):
    pass


def function_predicate(params: cst.Parameters, body: cst.BaseExpression, functions: str = "F"):
    """Column expression equivalent to ``lambda <param>: <body>``, or None."""
    if (len(params.params) != 1 or params.posonly_params or params.kwonly_params
            or isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None):
        return None
    try:
        return _Translator(params.params[0].name.value, functions).predicate(body, False)
    except Unsupported:
        return None


def lambda_predicate(fn: cst.Lambda, functions: str = "F") -> cst.BaseExpression | None:
    return function_predicate(fn.params, fn.body, functions)


def _bool_op(left, op: cst.BaseBinaryOp, right):
    return build.binary(build.parens(left), op, build.parens(right))


class _Translator:
    def __init__(self, record: str, functions: str) -> None:
        self.record = record
        self.F = functions

    def f(self, name: str, *args) -> cst.Call:
        return build.call(build.attribute(build.name(self.F), name), *args)

    # predicates ----------------------------------------------------------------------------------------
    def predicate(self, node: cst.BaseExpression, negated: bool) -> cst.BaseExpression:
        if node.lpar and isinstance(node, (cst.BooleanOperation, cst.Comparison, cst.UnaryOperation)):
            node = node.with_changes(lpar=[], rpar=[])
        if isinstance(node, cst.BooleanOperation):
            is_and = isinstance(node.operator, cst.And) != negated
            left = self.predicate(node.left, negated)
            right = self.predicate(node.right, negated)
            return _bool_op(left, cst.BitAnd() if is_and else cst.BitOr(), right)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            return self.predicate(node.expression, not negated)
        if isinstance(node, cst.Comparison):
            return self.comparison(node, negated)
        if isinstance(node, cst.Name) and node.value in ("True", "False"):
            return self.f("lit", build.name(str((node.value == "True") != negated)))
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _STRING_TESTS:
            if len(node.args) != 1 or node.args[0].keyword or node.args[0].star:
                raise Unsupported
            test = build.method(self.value(node.func.value), node.func.attr.value, self.literal(node.args[0].value))
            return cst.UnaryOperation(operator=cst.BitInvert(), expression=test) if negated else test
        raise Unsupported

    def comparison(self, node: cst.Comparison, negated: bool) -> cst.BaseExpression:
        parts = []
        left = node.left
        for target in node.comparisons:
            parts.append(self.compare(left, type(target.operator), target.comparator, negated))
            left = target.comparator
        result = parts[0]
        for part in parts[1:]:
            result = _bool_op(result, cst.BitOr() if negated else cst.BitAnd(), part)
        return result

    def compare(self, left, op: type, right, negated: bool) -> cst.BaseExpression:
        if negated:
            op = _INVERSE[op]
        if op in (cst.In, cst.NotIn):
            return self.membership(left, op, right)
        if op in (cst.Is, cst.IsNot):
            if not (isinstance(right, cst.Name) and right.value == "None"):
                raise Unsupported
            return build.method(self.value(left), "isNull" if op is cst.Is else "isNotNull")
        if self.is_literal(left) and not self.is_literal(right):
            left, right, op = right, left, _FLIPPED[op]
        if isinstance(right, cst.Name) and right.value == "None":
            if op is cst.Equal:
                return build.method(self.value(left), "isNull")
            if op is cst.NotEqual:
                return build.method(self.value(left), "isNotNull")
            raise Unsupported
        lhs, rhs = self.value(left), self.operand(right)
        if op is cst.NotEqual:  # Python: None != x is True; eqNullSafe keeps that
            return cst.UnaryOperation(operator=cst.BitInvert(), expression=build.method(lhs, "eqNullSafe", rhs))
        return build.compare(lhs, op(), rhs)

    def membership(self, left, op: type, right) -> cst.BaseExpression:
        if isinstance(left, cst.SimpleString):  # "x" in record["s"]
            test = build.method(self.value(right), "contains", left)
            return test if op is cst.In else cst.UnaryOperation(operator=cst.BitInvert(), expression=test)
        if not isinstance(right, (cst.List, cst.Tuple, cst.Set)):
            raise Unsupported
        values = [e.value for e in right.elements]
        if not all(self.is_literal(v) for v in values) or any(isinstance(v, cst.Name) for v in values):
            raise Unsupported  # None / True in the list: Python and SQL differ
        column = self.value(left)
        test = build.method(column, "isin", *values)
        if op is cst.In:
            return test
        return _bool_op(cst.UnaryOperation(operator=cst.BitInvert(), expression=test), cst.BitOr(),
                        build.method(column, "isNull"))

    # values --------------------------------------------------------------------------------------------
    def is_literal(self, node) -> bool:
        try:
            value = build.literal_value(node)
        except ValueError:
            return False
        return not isinstance(value, (list, tuple, dict))

    def literal(self, node):
        if not self.is_literal(node):
            raise Unsupported
        return node

    def operand(self, node) -> cst.BaseExpression:
        """Right-hand side of a comparison: a literal, a record field, or a driver-side variable
        (evaluated once, as Python would for every record)."""
        if self.is_literal(node):
            return node.with_changes(lpar=[], rpar=[])
        if isinstance(node, cst.Name) and node.value != self.record:
            return node
        return self.value(node)

    def field(self, node) -> str | None:
        """``record["a"]`` / ``record.get("a")`` -> "a"; nested ``record["a"]["b"]`` -> "a.b"."""
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
                key = index.value.evaluated_value
                if not isinstance(key, str):
                    return None
                key = f"`{key}`" if "." in key else key
                if isinstance(node.value, cst.Name) and node.value.value == self.record:
                    return key
                parent = self.field(node.value)
                return f"{parent}.{key}" if parent else None
        if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
                and isinstance(node.func.value, cst.Name) and node.func.value.value == self.record
                and len(node.args) == 1 and isinstance(node.args[0].value, cst.SimpleString)):
            key = node.args[0].value.evaluated_value
            return key if isinstance(key, str) and "." not in key else None
        return None

    def value(self, node) -> cst.BaseExpression:
        path = self.field(node)
        if path is not None:
            return self.f("col", path)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
            func = _STRING_FUNCS.get(node.func.attr.value)
            if func is not None:
                return self.f(func, self.value(node.func.value))
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Subtract, cst.Multiply, cst.Divide)):
            numeric = [self.is_literal(s) and isinstance(build.literal_value(s), (int, float)) and not isinstance(
                build.literal_value(s), bool) for s in (node.left, node.right)]
            if not any(numeric):
                raise Unsupported  # could be string concatenation; types unknown
            left, right = self.operand(node.left), self.operand(node.right)
            if numeric[0]:
                left = self.f("lit", left)
            if isinstance(node.operator, cst.Divide):  # Python raises on /0 (record dropped); Spark ANSI fails the job
                return self.f("try_divide", left, right)
            return build.parens(build.binary(left, node.operator, right))
        if self.is_literal(node):
            return self.f("lit", node.with_changes(lpar=[], rpar=[]))
        raise Unsupported
