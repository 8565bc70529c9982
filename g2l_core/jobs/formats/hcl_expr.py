"""Terraform expressions, evaluated offline: what python-hcl2 leaves as ``${...}`` text.

Real modules compute job settings (``merge(local.common_args, var.extra)``, ``60 * 5``,
``var.kind == "glueetl" ? var.workers : null``, ``lookup(each.value, "schedule", null)``,
``aws_glue_job.this["ingest"].name``); reading them as text lost arguments, timeouts and dependencies.
This module parses one expression into a small tree and evaluates it against a ``Scope``; a value known
only after ``terraform apply`` (another resource's ARN, a variable without a default, a function g2l does
not evaluate) raises ``Unknown`` naming it, and the caller keeps the text and reports it.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<str>")
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<op>\.\.\.|==|!=|<=|>=|&&|\|\||=>|[-+*/%<>!?:.,\[\](){}=])
""", re.VERBOSE)


class Unknown(Exception):  # noqa: N818 - a value, not a failure
    """A value g2l cannot know offline; ``what`` names it, ``why`` says why."""

    def __init__(self, what: str, why: str):
        super().__init__(f"{what}: {why}")
        self.what, self.why = what, why


class _Syntax(Exception):  # noqa: N818
    pass


def _tokens(text: str) -> list[tuple[str, object]]:
    out, i = [], 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if not m:
            raise _Syntax(f"unexpected {text[i]!r}")
        kind = m.lastgroup
        if kind == "str":
            j, buf = i + 1, []
            while j < len(text) and text[j] != '"':
                if text[j] == "\\" and j + 1 < len(text):
                    buf.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(text[j + 1], text[j:j + 2]))
                    j += 2
                    continue
                if text.startswith("${", j):  # a template inside a string: copy it whole
                    end = _closing(text, j + 1)
                    buf.append(text[j:end + 1])
                    j = end + 1
                    continue
                buf.append(text[j])
                j += 1
            out.append(("str", "".join(buf)))
            i = j + 1
            continue
        if kind == "num":
            value = m.group()
            out.append(("num", float(value) if any(c in value for c in ".eE") else int(value)))
        elif kind == "name":
            out.append(("name", m.group()))
        elif kind == "op":
            out.append(("op", m.group()))
        i = m.end()
    out.append(("end", None))
    return out


def _closing(text: str, open_at: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``open_at`` (strings inside are skipped)."""
    depth, j, quote = 0, open_at, False
    while j < len(text):
        ch = text[j]
        if quote:
            if ch == "\\":
                j += 1
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return len(text) - 1


class _Parser:
    """Recursive descent over HCL's expression grammar; nodes are tuples ``(kind, ...)``."""

    def __init__(self, text: str):
        self.toks, self.i = _tokens(text), 0

    def peek(self, value=None, kind="op") -> bool:
        k, v = self.toks[self.i]
        return k == kind and (value is None or v == value)

    def take(self, value=None, kind="op"):
        if not self.peek(value, kind):
            raise _Syntax(f"expected {value or kind}, got {self.toks[self.i][1]!r}")
        self.i += 1
        return self.toks[self.i - 1][1]

    def parse(self):
        node = self.expr()
        self.take(kind="end")
        return node

    def expr(self):
        cond = self.binary(0)
        if self.peek("?"):
            self.take("?")
            yes = self.expr()
            self.take(":")
            return ("if", cond, yes, self.expr())
        return cond

    _LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))

    def binary(self, level: int):
        if level == len(self._LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while any(self.peek(op) for op in self._LEVELS[level]):
            op = self.take()
            node = ("bin", op, node, self.binary(level + 1))
        return node

    def unary(self):
        if self.peek("!") or self.peek("-"):
            op = self.take()
            return ("not" if op == "!" else "neg", self.unary())
        return self.postfix(self.primary())

    def postfix(self, node):
        while True:
            if self.peek(".") and self.toks[self.i + 1] == ("op", "*") or \
                    self.peek("[") and self.toks[self.i + 1] == ("op", "*"):
                closing = self.take()
                self.take("*")
                if closing == "[":
                    self.take("]")
                return ("splat", node, self.postfix(("ref", "\0item")))
            if self.peek("."):
                self.take(".")
                key = self.take(kind="num") if self.peek(kind="num") else self.take(kind="name")
                node = ("get", node, ("lit", key))
            elif self.peek("["):
                self.take("[")
                index = self.expr()
                self.take("]")
                node = ("get", node, index)
            else:
                return node

    def primary(self):
        kind, value = self.toks[self.i]
        if kind == "num":
            self.i += 1
            return ("lit", value)
        if kind == "str":
            self.i += 1
            return ("tpl", value)
        if kind == "name":
            self.i += 1
            if value in ("true", "false", "null"):
                return ("lit", {"true": True, "false": False, "null": None}[value])
            if self.peek("("):
                return self.call(value)
            return ("ref", value)
        if self.peek("("):
            self.take("(")
            node = self.expr()
            self.take(")")
            return node
        if self.peek("["):
            return self.tuple_()
        if self.peek("{"):
            return self.object_()
        raise _Syntax(f"unexpected {value!r}")

    def call(self, name: str):
        self.take("(")
        args = []
        while not self.peek(")"):
            args.append(self.expr())
            if self.peek("..."):
                self.take("...")
                args[-1] = ("expand", args[-1])
            if not self.peek(")"):
                self.take(",")
        self.take(")")
        return ("call", name, args)

    def tuple_(self):
        self.take("[")
        if self.peek("for", "name"):
            return self.for_("]")
        items = []
        while not self.peek("]"):
            items.append(self.expr())
            if not self.peek("]"):
                self.take(",")
        self.take("]")
        return ("tuple", items)

    def object_(self):
        self.take("{")
        if self.peek("for", "name"):
            return self.for_("}")
        items = []
        while not self.peek("}"):
            key = ("lit", self.take(kind="name")) if self.peek(kind="name") and self.toks[self.i + 1][1] in ("=", ":") \
                else self.expr()
            self.take("=") if self.peek("=") else self.take(":")
            items.append((key, self.expr()))
            if self.peek(","):
                self.take(",")
        self.take("}")
        return ("object", items)

    def for_(self, close: str):
        self.take("for", "name")
        names = [self.take(kind="name")]
        if self.peek(","):
            self.take(",")
            names.append(self.take(kind="name"))
        self.take("in", "name")
        source = self.expr()
        self.take(":")
        key = None
        if close == "}":
            key = self.expr()
            self.take("=>")
        value = self.expr()
        if self.peek("..."):
            raise _Syntax("grouping for-expression")
        cond = None
        if self.peek("if", "name"):
            self.take("if", "name")
            cond = self.expr()
        self.take(close)
        return ("for", names, source, key, value, cond)


class Scope:
    """Names an expression may read: ``var``, ``local``, ``each``, ``count``, a dynamic block's iterator,
    resources. ``roots`` maps a first name to its value, or to a function resolving the reference."""

    def __init__(self, roots: Mapping[str, object]):
        self.roots = dict(roots)

    def child(self, **names) -> Scope:
        return Scope({**self.roots, **names})


def evaluate(text: str, scope: Scope):
    """The value of one expression (the text between ``${`` and ``}``)."""
    try:
        tree = _Parser(text).parse()
    except (_Syntax, IndexError) as exc:
        raise Unknown(text, f"not an expression g2l evaluates ({exc})") from None
    return _eval(tree, scope, text)


def template(text: str, scope: Scope):
    """A string with ``${...}`` interpolations; a lone ``${expr}`` keeps the expression's type."""
    pieces = list(split_template(text))
    if len(pieces) == 1 and pieces[0][0]:
        return evaluate(pieces[0][1], scope)
    if any(is_expr and piece.lstrip().startswith(("if ", "for ")) for is_expr, piece in pieces):
        raise Unknown(text, "template directives are not evaluated by g2l")
    return "".join(to_string(evaluate(piece, scope), piece) if is_expr else piece for is_expr, piece in pieces)


def with_type_defaults(type_text: str, value):
    """``value`` with the defaults of ``optional(type, default)`` attributes its declared type gives
    (``map(object({workers = optional(number, 2)}))``) filled in where absent, as Terraform does."""
    try:
        tree = _Parser(type_text).parse()
    except (_Syntax, IndexError):
        return value
    return _fill(tree, value)


def _fill(node, value):
    if node[0] != "call":
        return value
    name, args = node[1], node[2]
    if name in ("map", "list", "set", "tuple") and args and value is not None:
        if isinstance(value, Mapping):
            return {k: _fill(args[0], v) for k, v in value.items()}
        if isinstance(value, list):
            return [_fill(args[0], v) for v in value]
    if name == "object" and args and args[0][0] == "object" and isinstance(value, Mapping):
        out = dict(value)
        for key_node, type_node in args[0][1]:
            key = key_node[1] if key_node[0] in ("lit", "tpl") else None
            if not isinstance(key, str):
                continue
            optional = type_node[0] == "call" and type_node[1] == "optional"
            if optional and key not in out and len(type_node[2]) > 1:
                out[key] = _eval(type_node[2][1], Scope({}), "optional()")
            elif key in out:
                out[key] = _fill(type_node[2][0] if optional and type_node[2] else type_node, out[key])
        return out
    return value


def split_template(text: str):
    """Literal text and ``${...}`` expressions; ``$${`` is a literal ``${``."""
    i, literal = 0, []
    while i < len(text):
        if text.startswith("$${", i) or text.startswith("%%{", i):
            literal.append(text[i + 1:i + 3])
            i += 3
            continue
        if text.startswith("${", i) or text.startswith("%{", i):
            if literal:
                yield False, "".join(literal)
                literal = []
            end = _closing(text, i + 1)
            yield True, (text[i + 2:end] if text[i] == "$" else f"if {text[i + 2:end]}")
            i = end + 1
            continue
        literal.append(text[i])
        i += 1
    if literal:
        yield False, "".join(literal)


def to_string(value, what: str = "") -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)):
        return str(value)
    if value is None:
        raise Unknown(what or "null", "null inside a string")
    raise Unknown(what or repr(value), f"a {type(value).__name__} inside a string")


def _eval(node, scope: Scope, text: str):
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "tpl":
        return template(node[1], scope) if "${" in node[1] or "%{" in node[1] else node[1]
    if kind == "ref":
        return _root(node[1], scope)
    if kind == "get":
        base = _eval(node[1], scope, text)
        key = _eval(node[2], scope, text)
        return _index(base, key, node, scope)
    if kind == "tuple":
        return [_item(item, scope, text) for item in node[1]]
    if kind == "object":
        return {to_string(_eval(k, scope, text)): _item(v, scope, text) for k, v in node[1]}
    if kind == "if":
        return _eval(node[2] if _truth(_eval(node[1], scope, text)) else node[3], scope, text)
    if kind == "not":
        return not _truth(_eval(node[1], scope, text))
    if kind == "neg":
        return -_number(_eval(node[1], scope, text))
    if kind == "bin":
        return _binary(node[1], _eval(node[2], scope, text), node[3], scope, text)
    if kind == "call":
        return _call(node[1], node[2], scope, text)
    if kind == "for":
        return _for(node, scope, text)
    if kind == "splat":  # aws_glue_job.etl[*].name: the attribute of every element
        base = _eval(node[1], scope, text)
        items = list(base.values()) if isinstance(base, Mapping) else base if isinstance(base, list) else \
            [] if base is None else [base]
        return [_eval(node[2], scope.child(**{"\0item": item}), text) for item in items]
    raise Unknown(text, f"{kind} is not evaluated by g2l")


# While a resource argument is evaluated, the unknown elements of its maps and lists are collected here (and
# kept as ``${...}`` text), so one ARN known only after apply does not hide the other default arguments.
UNKNOWN_ELEMENTS: ContextVar[list | None] = ContextVar("UNKNOWN_ELEMENTS", default=None)


def element(evaluate: Callable[[], object], lenient: bool = False):
    """One element of a map or list: its value, or, when unknown while ``UNKNOWN_ELEMENTS`` collects (or
    ``lenient``: inside ``jsonencode``, whose document should survive), ``${...}`` text."""
    try:
        return evaluate()
    except Unknown as exc:
        collected = UNKNOWN_ELEMENTS.get()
        if collected is None and not lenient:
            raise
        if collected is not None and not lenient:
            collected.append(exc)
        return f"${{{exc.what}}}"


def _item(node, scope: Scope, text: str):
    return element(lambda: _eval(node, scope, text), "\0lenient" in scope.roots)


def _root(name: str, scope: Scope):
    if name not in scope.roots:
        if "*" in scope.roots:  # the caller's catch-all (Terraform: a resource type of another folder)
            return scope.roots["*"](name)
        raise Unknown(name, "not a name g2l knows here")
    value = scope.roots[name]
    return value(scope) if callable(value) else value


class Lazy:
    """A reference whose attributes are looked up one at a time (``var.x``, ``aws_glue_job.a["k"].name``)."""

    def __init__(self, path: str, lookup: Callable[[str, object], object]):
        self.path, self.lookup = path, lookup

    def get(self, key):
        return self.lookup(self.path, key)


def _index(base, key, node, scope: Scope):
    if isinstance(base, Lazy):
        return base.get(key)
    if isinstance(base, Mapping):
        if str(key) in base:
            return base[str(key)]
        raise Unknown(_describe(node), f"no key {key!r}")
    if isinstance(base, list):
        try:
            return base[int(key)]
        except (ValueError, IndexError, TypeError):
            raise Unknown(_describe(node), f"no element {key!r}") from None
    raise Unknown(_describe(node), f"cannot index a {type(base).__name__}")


def _describe(node) -> str:
    if node[0] == "ref":
        return node[1]
    if node[0] == "get":
        key = node[2][1] if node[2][0] == "lit" else "..."
        return f"{_describe(node[1])}.{key}" if isinstance(key, str) and key.isidentifier() else \
            f"{_describe(node[1])}[{json.dumps(key)}]"
    return "(expression)"


def _truth(value) -> bool:
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    return bool(value)


def _number(value):
    if isinstance(value, bool):
        raise Unknown(repr(value), "not a number")
    if isinstance(value, (int, float)):
        return value
    try:
        return int(value) if re.fullmatch(r"-?\d+", str(value)) else float(value)
    except (TypeError, ValueError):
        raise Unknown(repr(value), "not a number") from None


def _binary(op: str, left, right_node, scope: Scope, text: str):
    if op == "&&" and not _truth(left):
        return False
    if op == "||" and _truth(left):
        return True
    right = _eval(right_node, scope, text)
    if op in ("&&", "||"):
        return _truth(right)
    if op == "==":
        return _same(left, right)
    if op == "!=":
        return not _same(left, right)
    a, b = _number(left), _number(right)
    if op == "/" and b == 0 or op == "%" and b == 0:
        raise Unknown(text, "division by zero")
    result = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b, "%": lambda: a % b,
              "<": lambda: a < b, ">": lambda: a > b, "<=": lambda: a <= b, ">=": lambda: a >= b}[op]()
    return int(result) if isinstance(result, float) and result.is_integer() and op != "/" else result


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and not isinstance(a, bool) and isinstance(b, str):
        return to_string(a) == b
    if isinstance(b, (int, float)) and not isinstance(b, bool) and isinstance(a, str):
        return a == to_string(b)
    return a == b


def _for(node, scope: Scope, text: str):
    _, names, source_node, key_node, value_node, cond = node
    source = _eval(source_node, scope, text)
    pairs = list(source.items()) if isinstance(source, Mapping) else list(enumerate(source or []))
    out_map, out_list = {}, []
    for k, v in pairs:
        inner = scope.child(**({names[0]: k, names[1]: v} if len(names) == 2 else {names[0]: v}))
        if cond is not None and not _truth(_eval(cond, inner, text)):
            continue
        value = _eval(value_node, inner, text)
        if key_node is None:
            out_list.append(value)
        else:
            out_map[to_string(_eval(key_node, inner, text))] = value
    return out_list if key_node is None else out_map


def _call(name: str, arg_nodes: list, scope: Scope, text: str):
    if name in ("try", "can"):
        for arg in arg_nodes:
            try:
                value = _eval(arg, scope, text)
                return True if name == "can" else value
            except Unknown:
                if name == "can":
                    return False
        raise Unknown(text, "no argument of try() could be evaluated")
    if name == "jsonencode":
        scope = scope.child(**{"\0lenient": True})
    if name == "fileset":  # the repository's files, when the reader has them
        files = scope.roots.get("\0files")
        if files is None:
            raise Unknown("fileset()", "the repository's file list is not known here")
        base, pattern = (to_string(_eval(a, scope, text)) for a in arg_nodes)
        return fileset(files, base, pattern)
    args = []
    for arg in arg_nodes:
        if arg[0] == "expand":
            args += list(_eval(arg[1], scope, text) or [])
        else:
            args.append(_eval(arg, scope, text))
    fn = FUNCTIONS.get(name)
    if fn is None:
        raise Unknown(f"{name}()", "a function g2l does not evaluate")
    try:
        return fn(*args)
    except Unknown:
        raise
    except Exception as exc:  # noqa: BLE001 - a function given arguments it does not take
        raise Unknown(f"{name}()", f"cannot be evaluated ({type(exc).__name__}: {exc})") from None


def fileset(files, base: str, pattern: str) -> list[str]:
    """Terraform's ``fileset(path, pattern)`` over the repository's files: paths under ``base`` matching
    ``pattern`` (``*``, ``**``, ``?``, ``{a,b}``), relative to ``base``, sorted."""
    base = posixpath.normpath(base)
    prefix = "" if base in (".", "") else base + "/"
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        elif pattern[i] == "{":
            end = pattern.find("}", i)
            regex += "(?:" + "|".join(re.escape(a) for a in pattern[i + 1:end].split(",")) + ")"
            i = end + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    matcher = re.compile(regex + r"\Z")
    return sorted(f[len(prefix):] for f in files if f.startswith(prefix) and matcher.match(f[len(prefix):]))


def _lookup(mapping, key, *default):
    if isinstance(mapping, Mapping) and str(key) in mapping:
        return mapping[str(key)]
    if default:
        return default[0]
    raise Unknown(f"lookup(..., {key!r})", "no such key and no default")


def _coalesce(*values):
    for v in values:
        if v is not None and v != "":
            return v
    raise Unknown("coalesce()", "every argument is null or empty")


def _format(spec: str, *values):
    values = list(values)

    def one(m: re.Match) -> str:
        if m.group() == "%%":
            return "%"
        value = values.pop(0)
        return to_string(value) if m.group(1) in ("s", "v") else f"%{m.group()[1:]}" % value

    return re.sub(r"%%|%[-+ 0#]*\d*(?:\.\d+)?([a-zA-Z])", one, spec)


def _flatten(items):
    out = []
    for x in items:
        out += _flatten(x) if isinstance(x, list) else [x]
    return out


FUNCTIONS: dict[str, Callable] = {
    "merge": lambda *maps: {k: v for m in maps if m for k, v in m.items()},
    "lookup": _lookup,
    "concat": lambda *lists: [x for lst in lists for x in (lst or [])],
    "format": _format,
    "join": lambda sep, items: sep.join(to_string(x) for x in items),
    "split": lambda sep, s: s.split(sep),
    "lower": lambda s: s.lower(),
    "upper": lambda s: s.upper(),
    "title": lambda s: s.title(),
    "replace": lambda s, a, b: re.sub(a[1:-1], b.replace("$", "\\"), s) if len(a) > 1 and a[0] == a[-1] == "/"
    else s.replace(a, b),
    "trimspace": lambda s: s.strip(),
    "trim": lambda s, chars: s.strip(chars),
    "trimprefix": lambda s, p: s.removeprefix(p),
    "trimsuffix": lambda s, p: s.removesuffix(p),
    "substr": lambda s, off, n: s[off:] if n < 0 else s[off:off + n],
    "startswith": lambda s, p: s.startswith(p),
    "endswith": lambda s, p: s.endswith(p),
    "coalesce": _coalesce,
    "tostring": lambda v: None if v is None else to_string(v),
    "tonumber": lambda v: None if v is None else _number(v),
    "tobool": lambda v: None if v is None else _truth(v),
    "tolist": list,
    "toset": lambda v: list(dict.fromkeys(v)),
    "tomap": dict,
    "length": len,
    "keys": lambda m: sorted(m),
    "values": lambda m: [m[k] for k in sorted(m)],
    "contains": lambda items, v: v in items,
    "element": lambda items, i: items[int(i) % len(items)],
    "flatten": _flatten,
    "distinct": lambda items: list(dict.fromkeys(items)),
    "compact": lambda items: [x for x in items if x not in (None, "")],
    "zipmap": lambda ks, vs: dict(zip(ks, vs)),
    "range": lambda *a: list(range(*(int(x) for x in a))),
    "abs": abs, "ceil": math.ceil, "floor": math.floor, "min": min, "max": max,
    "basename": lambda p: posixpath.basename(p),
    "dirname": lambda p: posixpath.dirname(p),
    "jsonencode": lambda v: json.dumps(v, separators=(",", ":")),
    "jsondecode": json.loads,
}
