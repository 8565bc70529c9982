"""Entities of one Python file: the module (or job), its classes, functions and methods, and the tables
its code reads or writes.

The file is parsed with libcst, the project's one Python parser. Parsing is the cost that cannot be
avoided, so everything else is one cheap pass over the tree. Measured on the benchmark's generated jobs
(CPU time relative to ``libcst.parse_module`` alone; benchmarks/bench_extract.py):

- ``MetadataWrapper`` + ``PositionProvider``: parse + positions = 4.3x, so not used. Line numbers come from
  counting the line breaks the CST itself holds (``Newline`` tokens, backslash continuations, multi-line
  strings) during the walk, in document order for the statements that hold entities. Codegen of the file
  to count lines would cost 0.26x.
- ``CSTVisitor``: parse + one visit = about 2.6x (``visit`` rebuilds every node), so not used either. A
  stack walk over each node type's child fields, with ``type(...) is`` checks on the hot path, is about
  0.12x, and the whole extraction of a file about 1.15x its parse (1.0x in a pool worker, which skips
  libcst's redundant node validation; see parse_files.py).

Every node is visited once: it is credited to the innermost entity (function/method, class, module)
and the figures are rolled up, so a class includes its methods and a module everything in the file.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

import libcst as cst
from libcst import (
    Add, Arg, AsName, Assign, AnnAssign, Attribute, BinaryOperation, BooleanOperation, Call, ClassDef,
    Comparison, CompFor, ConcatenatedString, Else, Equal, ExceptHandler, ExceptStarHandler, Finally, For,
    FormattedString, FormattedStringExpression, FormattedStringText, FunctionDef, If, IfExp, Import, ImportAlias,
    ImportFrom, ImportStar, IndentedBlock, Match, MatchAs, MatchCase, MatchKeywordElement,
    MatchMapping, MatchStar, Name, NameItem, Param, SimpleStatementLine, SimpleStatementSuite,
    SimpleString, Try, TryStar, While, With,
)

from g2l_core.glue_api import (
    NAMESPACES,
    glue_api_key,
    is_context_api,
    is_dynamic_frame_api,
)
from g2l_core.extract.rows import module_name_for, new_row
from g2l_core.glue_service import (
    CLIENT_METHODS, SERVICES, WRANGLER_FUNCTIONS, client_service, keyword_service, method_service, named_like_client,
    service_api_key, wrangler_call,
)
from g2l_core.pytree import (
    SourceDecodeError, TooDeeplyNested, Walker, check_nesting, decode_source, dotted_name, field_names,
)

S3_PREFIXES = ("s3://", "s3a://", "s3n://")
NOTEBOOK_HEADER = "# Databricks notebook source"
SPARK_NAMES = frozenset({"spark", "spark_session", "sparkSession", "ss"})
CATALOG_READERS = frozenset({
    "create_dynamic_frame_from_catalog", "create_data_frame_from_catalog", "create_sample_dynamic_frame_from_catalog",
})
CATALOG_WRITERS = frozenset({"write_dynamic_frame_from_catalog", "write_data_frame_from_catalog", "write_from_catalog"})
TABLE_WRITE_METHODS = frozenset({"saveAsTable", "insertInto", "toTable"})

# A name part is an identifier (optionally back-quoted) or a ``${module.CONSTANT}`` placeholder.
_PART = r"(?:\$\{[\w.]+\}|`?[A-Za-z_][\w$]*`?)"
_NAME = _PART + r"(?:\." + _PART + r")+"
_SQL_WRITE = re.compile(
    r"\b(?:INSERT\s+(?:INTO|OVERWRITE)(?:\s+TABLE)?|MERGE\s+INTO|DELETE\s+FROM|UPDATE|TRUNCATE\s+TABLE|"
    r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:EXTERNAL\s+)?TABLE(?:\s+IF\s+NOT\s+EXISTS)?)\s+(" + _NAME + ")",
    re.IGNORECASE,
)
_SQL_READ = re.compile(r"\b(?:FROM|JOIN|USING)\s+(" + _NAME + ")", re.IGNORECASE)
_SQL_COMMENT = re.compile(r"--[^\n]*")



def sql_table_refs(sql: str) -> list[tuple[str, str]]:
    """Qualified ``db.table`` names in SQL text with direction; unqualified names are usually temp views.

    A best-effort scan (FROM/JOIN/USING read, INSERT/MERGE/CREATE/DELETE/UPDATE/TRUNCATE write), enough for
    an inventory; it does not claim to understand the query.
    """
    sql = _SQL_COMMENT.sub(" ", sql)
    refs: list[tuple[str, str]] = []
    written_spans = set()
    for m in _SQL_WRITE.finditer(sql):
        written_spans.add(m.span(1))
        refs.append((_norm_table(m.group(1)), "write"))
    for m in _SQL_READ.finditer(sql):
        if m.span(1) not in written_spans:
            refs.append((_norm_table(m.group(1)), "read"))
    return refs


def _norm_table(name: str) -> str:
    """Lower-case (the catalog is case-insensitive) except placeholders, which name Python constants."""
    name = name.replace("`", "")
    if "${" not in name:
        return name.lower()
    return "".join(part if part.startswith("${") else part.lower() for part in _PLACEHOLDER_SPLIT.split(name))


_PLACEHOLDER = re.compile(r"\$\{[\w.]+\}")
_PLACEHOLDER_SPLIT = re.compile(r"(\$\{[\w.]+\})")


def resolve_placeholders(name: str, lookup) -> str | None:
    """Replace every ``${module.NAME}`` via ``lookup(module, NAME)``; None when one is unknown."""
    missing = False

    def sub(m: re.Match) -> str:
        nonlocal missing
        module, _, const = m.group(0)[2:-1].rpartition(".")
        value = lookup(module, const)
        if value is None:
            missing = True
            return ""
        return value

    out = _PLACEHOLDER.sub(sub, name)
    return None if missing else out


@dataclass
class _Acc:
    """What one entity's own code (excluding nested entities) contributes."""

    decisions: int = 0
    calls: set = field(default_factory=set)
    glue: Counter = field(default_factory=Counter)
    refs: set = field(default_factory=set)
    s3: set = field(default_factory=set)
    imports: set = field(default_factory=set)
    # (receiver, "init"/"commit") calls; they count as Job API once the receiver is known to hold a Job.
    job_calls: Counter = field(default_factory=Counter)
    builds_context: bool = False
    names_dynamic_frame: bool = False
    # (api, line) of each call to the AWS Glue (or Athena) service: boto3 clients, awswrangler (glue_service)
    service_calls: list = field(default_factory=list)

    def merge(self, other: _Acc) -> None:
        self.decisions += other.decisions
        self.calls |= other.calls
        self.glue.update(other.glue)
        self.refs |= other.refs
        self.s3 |= other.s3
        self.imports |= other.imports
        self.job_calls.update(other.job_calls)
        self.builds_context |= other.builds_context
        self.names_dynamic_frame |= other.names_dynamic_frame
        self.service_calls += other.service_calls


class _HeaderTable(dict):
    """Compound statement type -> its fields that come after ``leading_lines`` and before the first block."""

    def __missing__(self, t: type) -> tuple[str, ...]:
        names = tuple(f for f in field_names(t) if f not in _NOT_HEADER)
        self[t] = names
        return names


_HEADERS = _HeaderTable()
_NOT_HEADER = frozenset({"leading_lines", "body", "orelse", "handlers", "finalbody", "cases", "footer",
                         "decorators", "lines_after_decorators"})
_COMPOUND_TYPES = frozenset({If, For, While, With, Try, TryStar, Match})
_CODEGEN = cst.Module(body=[])
_TEMPLATE_TEXT = getattr(cst, "TemplatedStringText", None)

def _leftmost(node: cst.CSTNode) -> cst.CSTNode:
    while type(node) is Attribute:
        node = node.value
    return node


def _literal_str(node: cst.CSTNode | None) -> str | None:
    """Value of a plain string literal (implicit concatenation included); None for anything else."""
    t = type(node)
    if t is SimpleString:
        value = node.evaluated_value
        return value if type(value) is str else None
    if t is ConcatenatedString:
        left, right = _literal_str(node.left), _literal_str(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _fstring_text(node: FormattedStringText, raw: bool) -> str:
    """The characters a literal part of an f-string stands for (``{{`` is ``{``; escapes applied)."""
    text = node.value.replace("{{", "{").replace("}}", "}")
    if not raw and "\\" in text:
        text = text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    return text


def _fstring_pieces(node: FormattedString) -> list:
    """The literal text (as ``str``) and the replacement fields of an f-string, in order."""
    raw = "r" in node.prefix.lower()
    return [_fstring_text(p, raw) if type(p) is FormattedStringText else p for p in node.parts]


def _concat_parts(node: ConcatenatedString) -> list[cst.CSTNode]:
    """The string literals of ``"a" f"b" "c"`` in order, and the pairs libcst nests them in."""
    out, todo = [], [node]
    while todo:
        n = todo.pop()
        if type(n) is ConcatenatedString:
            out.append(n)
            todo += (n.right, n.left)
        else:
            out.append(n)
    return out


def _trailing_lines(node: cst.CSTNode) -> int:
    """Comment/blank lines a statement's CST keeps after its last token (block footers)."""
    n = 0
    while True:
        t = type(node)
        if t is IndentedBlock:
            n += len(node.footer)
            node = node.body[-1]
        elif t is SimpleStatementLine or t is SimpleStatementSuite:
            return n
        elif t is Match:
            n += len(node.footer)
            node = node.cases[-1]
        elif t is Try or t is TryStar:
            node = node.finalbody or node.orelse or (node.handlers[-1] if node.handlers else None) or node.body
        elif t is If or t is For or t is While:
            node = node.orelse or node.body
        else:
            node = node.body


class _Scanner(Walker):
    """Credits CST nodes to accumulators and counts line breaks; holds the file-wide facts the handlers need."""

    def __init__(self, consts: dict[str, str], job_vars: set[str], imported: dict[str, str], services: bool = False):
        super().__init__()
        # The file mentions boto3 or awswrangler: its calls may go to the Glue service (see ``service_calls``).
        self.services = services
        self.clients: dict[str, str] = {}  # name or ``self.attr`` -> service of the boto3 client bound to it
        # (acc, receiver, method, line, service its keywords say)
        self.unresolved: list[tuple[_Acc, str, str, int, str | None]] = []
        self.consts = consts
        # local name -> dotted origin of names imported at module level; constants from other modules
        # become ``${origin}`` placeholders that build_inventory resolves across the repository.
        self.imported = imported
        self.job_vars = job_vars
        # ids of string nodes already judged as part of an implicit concatenation, and of ``Name`` nodes that
        # name something (an attribute, a keyword, a parameter) rather than refer to a value.
        self.skip: set[int] = set()
        self.not_refs: set[int] = set()
        self.acc = _Acc()
        self.offset = 0
        decision = self._decision
        named = self._named
        self.enter.update({
            Name: self._name, Attribute: self._attribute, Arg: self._arg_node, Call: self._call_node,
            SimpleString: self._string, FormattedString: self._fstring, ConcatenatedString: self._concat_node,
            If: decision, For: decision, While: decision, IfExp: decision, MatchCase: decision,
            BooleanOperation: decision, CompFor: self._comp_for, Assign: self._assign,
            Param: named, FunctionDef: named, ClassDef: named, NameItem: named,
            ExceptHandler: self._except, ExceptStarHandler: self._except,
            Import: self._import, ImportFrom: self._import_from,
            MatchAs: self._match_name, MatchStar: self._match_name, MatchKeywordElement: self._match_name,
            MatchMapping: self._match_name,
        })

    def scan(self, acc: _Acc, values, line: int) -> int:
        """Credit every node under ``values``, which start on ``line``, to ``acc``; returns how many line
        breaks they span. (The walk's own count skips what the entity code counts itself, such as the blank
        lines before a def, so a node's line is the walk's count plus ``offset``.)"""
        self.acc = acc
        self.offset = line - self.line
        return self.walk(values)

    def _name(self, n: Name) -> None:
        if n.value == "DynamicFrame" and id(n) not in self.not_refs:
            self.acc.names_dynamic_frame = True

    def _attribute(self, n: Attribute) -> None:
        self._not_ref(n.attr)

    def _arg_node(self, n: Arg) -> None:
        if n.keyword is not None:
            self._not_ref(n.keyword)

    def _call_node(self, n: Call) -> None:
        self._call(self.acc, n)

    def _string(self, n: SimpleString) -> None:
        if "s3" in n.value[:8] and id(n) not in self.skip:
            text = n.evaluated_value
            if type(text) is str and text.startswith(S3_PREFIXES):
                self.acc.s3.add(text)

    def _fstring(self, n: FormattedString) -> None:
        if id(n) not in self.skip:
            self._s3_fstring(self.acc, n)

    def _concat_node(self, n: ConcatenatedString) -> None:
        self._concat(self.acc, n)

    def _decision(self, n) -> None:
        self.acc.decisions += 1

    def _comp_for(self, n: CompFor) -> None:
        self.acc.decisions += len(n.ifs)

    def _assign(self, n: Assign) -> None:
        if type(n.value) is Call and dotted_name(n.value.func, calls=True).rsplit(".", 1)[-1] == "Job":
            self.job_vars.update(x.target.value for x in n.targets if type(x.target) is Name)
        if self.services and type(n.value) is Call:
            service = client_service(n.value)
            if service is None and type(n.value.func) is Attribute and n.value.func.attr.value == "client":
                service = "other"  # a client of another AWS service: its calls are not Glue's
            if service is not None:
                for x in n.targets:
                    if type(x.target) in (Name, Attribute):
                        self.clients[dotted_name(x.target)] = service

    def _named(self, n) -> None:
        self._not_ref(n.name)

    def _except(self, n) -> None:
        self.acc.decisions += 1
        if n.name is not None:
            self._not_ref(n.name.name)

    def _import(self, n: Import) -> None:
        for alias in n.names:
            self.acc.imports.add(dotted_name(alias.name))
            self._not_ref_alias(alias)

    def _import_from(self, n: ImportFrom) -> None:
        base = "." * len(n.relative) + dotted_name(n.module)
        if n.module is not None:
            self._not_ref(_leftmost(n.module))
        names = ("*",) if type(n.names) is ImportStar else [dotted_name(a.name) for a in n.names]
        self.acc.imports.update(f"{base}.{name}" if base and not base.endswith(".") else base + name
                                for name in names)
        if type(n.names) is not ImportStar:
            for alias in n.names:
                self._not_ref_alias(alias)

    def _match_name(self, n) -> None:
        for attr in ("name", "key", "rest"):
            self._not_ref(getattr(n, attr, None))

    def _not_ref(self, node) -> None:
        if type(node) is AsName:
            node = node.name
        if type(node) is Name and node.value == "DynamicFrame":
            self.not_refs.add(id(node))

    def _not_ref_alias(self, alias: ImportAlias) -> None:
        self._not_ref(_leftmost(alias.name))
        self._not_ref(alias.asname)

    def _s3_fstring(self, acc: _Acc, node: FormattedString) -> None:
        """Record an f-string that renders to an S3 URI (constants filled in, other fields kept as ``{code}``)."""
        first = node.parts[0] if node.parts else None
        if type(first) is FormattedStringText:
            if not first.value.startswith("s3"):
                return
        elif type(first) is FormattedStringExpression:
            head = self.const(first.expression)
            if head is None or not head.startswith(S3_PREFIXES):
                return
        self._s3_pieces(acc, _fstring_pieces(node))

    def _s3_pieces(self, acc: _Acc, pieces: list) -> None:
        out = []
        for piece in pieces:
            if type(piece) is str:
                out.append(piece)
            else:
                resolved = self.const(piece.expression)
                out.append(resolved if resolved is not None
                           else "{" + _CODEGEN.code_for_node(piece.expression) + "}")
        text = "".join(out)
        if text.startswith(S3_PREFIXES):
            acc.s3.add(text)

    def _concat(self, acc: _Acc, node: ConcatenatedString) -> None:
        """``"s3://a/" "b"`` is one string to Python; judge it whole and keep its parts from being judged again."""
        if id(node) in self.skip:
            return
        parts = _concat_parts(node)
        self.skip.update(id(p) for p in parts)
        pieces: list = []
        for p in parts:
            if type(p) is ConcatenatedString:
                continue
            if type(p) is SimpleString:
                value = p.evaluated_value
                if type(value) is not str:
                    return
                pieces.append(value)
            elif type(p) is FormattedString:
                pieces += _fstring_pieces(p)
            else:  # a t-string cannot be concatenated with others; nothing to record
                return
        self._s3_pieces(acc, pieces)

    def const(self, node: cst.CSTNode | None) -> str | None:
        """The string value of a literal, a module-level string constant, or an f-string/concat of those."""
        t = type(node)
        if t is SimpleString:
            value = node.evaluated_value
            return value if type(value) is str else None
        if t is Name:
            if node.value in self.consts:
                return self.consts[node.value]
            origin = self.imported.get(node.value)
            return f"${{{origin}}}" if origin else None
        if t is Attribute and type(node.value) is Name and node.value.value in self.imported:
            return f"${{{self.imported[node.value.value]}.{node.attr.value}}}"
        if t is FormattedString:
            raw = "r" in node.prefix.lower()
            parts = []
            for v in node.parts:
                if type(v) is FormattedStringText:
                    parts.append(_fstring_text(v, raw))
                elif v.format_spec is None and v.conversion is None and v.equal is None:
                    inner = self.const(v.expression)
                    if inner is None:
                        return None
                    parts.append(inner)
                else:
                    return None
            return "".join(parts)
        if t is ConcatenatedString or (t is BinaryOperation and type(node.operator) is Add):
            left, right = self.const(node.left), self.const(node.right)
            return left + right if left is not None and right is not None else None
        return None

    def _arg(self, call: Call, keywords: tuple[str, ...], position: int) -> str | None:
        for a in call.args:
            if a.keyword is not None and a.keyword.value in keywords:
                return self.const(a.value)
        positional = [a for a in call.args if a.keyword is None and a.star != "**"]
        if position < len(positional) and not any(a.star == "*" for a in positional[: position + 1]):
            return self.const(positional[position].value)
        return None

    def _call(self, acc: _Acc, call: Call) -> None:
        dotted = dotted_name(call.func, calls=True)
        acc.calls.add(dotted)
        parts = dotted.replace("()", "").split(".")
        last, prev = parts[-1], (parts[-2] if len(parts) > 1 else "")
        if len(parts) == 2 and last in ("init", "commit"):
            acc.job_calls[(prev, last)] += 1
        else:
            key = glue_api_key(dotted, len(call.args))
            if key:
                acc.glue[key] += 1
        if (last in CLIENT_METHODS or (self.services and last in WRANGLER_FUNCTIONS)) and len(parts) > 1:
            self._service_call(acc, call, last)
        if last == "GlueContext" or last == "SparkContext" or (
            last == "getOrCreate" and ("SparkSession" in parts or "SparkContext" in parts)
        ):
            acc.builds_context = True
        if last == "from_catalog" and prev in NAMESPACES or last in CATALOG_READERS or last in CATALOG_WRITERS:
            writing = prev.startswith("write") or last.startswith("write")
            offset = 1 if writing else 0
            db = self._arg(call, ("database", "name_space"), offset)
            table = self._arg(call, ("table_name",), offset + 1)
            if db and table:
                self._ref(acc, f"{db}.{table}", "write" if writing else "read")
        elif last == "setCatalogInfo":
            db = self._arg(call, ("catalogDatabase",), 0)
            table = self._arg(call, ("catalogTableName",), 1)
            if db and table:
                self._ref(acc, f"{db}.{table}", "write")
        elif last in TABLE_WRITE_METHODS:
            self._ref(acc, self._arg(call, ("tableName", "name"), 0), "write")
        elif last == "table" and (prev in ("read", "readStream") or prev in SPARK_NAMES):
            self._ref(acc, self._arg(call, ("tableName",), 0), "read")
        elif last == "forName" and prev == "DeltaTable":
            self._ref(acc, self._arg(call, ("tableOrViewName",), 1), "read")
        elif last == "sql" and (prev in SPARK_NAMES or prev in ("spark_session", "sqlContext")):
            text = self._arg(call, ("sqlQuery",), 0)
            if text:
                for table, direction in sql_table_refs(text):
                    acc.refs.add((table, direction))

    def _service_call(self, acc: _Acc, call: Call, method: str) -> None:
        """A call that may go to the Glue service: counted now when its receiver is a client or awswrangler,
        else resolved once the whole file is read (``resolve_service_calls``), as a client may be bound later
        in the file than a function that uses it."""
        wrangler = wrangler_call(call, self.imported) if self.services else None
        if wrangler is not None:
            self._service(acc, *wrangler, self.line + self.offset, wrangler=True)
            return
        receiver = call.func.value  # type: ignore[attr-defined]
        service = client_service(receiver)
        if service is not None:
            if method_service(method, service):
                self._service(acc, service, method, self.line + self.offset)
            return
        name = dotted_name(receiver)
        if name:
            keywords = frozenset(a.keyword.value for a in call.args if a.keyword is not None)
            self.unresolved.append((acc, name, method, self.line + self.offset, keyword_service(method, keywords)))

    def resolve_service_calls(self) -> None:
        for acc, receiver, method, line, by_keywords in self.unresolved:
            service = self.clients.get(receiver) or named_like_client(receiver) or by_keywords
            if service in SERVICES and method_service(method, service):
                self._service(acc, service, method, line)
        self.unresolved.clear()

    @staticmethod
    def _service(acc: _Acc, service: str, method: str, line: int, wrangler: bool = False) -> None:
        key = service_api_key(service, method, wrangler)
        acc.glue[key] += 1
        acc.service_calls.append((key, line))

    @staticmethod
    def _ref(acc: _Acc, name: str | None, direction: str) -> None:
        if name and ("." in name or "${" in name):
            acc.refs.add((_norm_table(name), direction))

    def collect(self, stmts, owner: _Entity, line: int, in_class: bool) -> tuple[int, bool]:
        """Credit statements starting at ``line`` to ``owner``, creating entities for defs (also those nested
        in module-level if/try/with blocks); returns the line after them and whether a
        ``if __name__ == "__main__"`` guard was seen."""
        main_guard = False
        for stmt in stmts:
            t = type(stmt)
            if t is FunctionDef or (t is ClassDef and not in_class):
                line = self._entity(stmt, owner, line)
            elif t in _COMPOUND_TYPES:
                line, guard = self._compound(stmt, owner, line, in_class)
                main_guard |= guard
            else:
                line += self.scan(owner.acc, (stmt,), line)
        return line, main_guard

    def _entity(self, stmt: FunctionDef | ClassDef, owner: _Entity, line: int) -> int:
        is_class = type(stmt) is ClassDef
        ent = _Entity("class" if is_class else "function", stmt.name.value, stmt)
        self._not_ref(stmt.name)
        acc = ent.acc
        ent.start = line + len(stmt.leading_lines)
        ent.def_line = ent.start + self.scan(acc, (stmt.decorators,), ent.start) + len(stmt.lines_after_decorators)
        colon_line = ent.def_line + self.scan(acc, [getattr(stmt, f) for f in _HEADERS[type(stmt)]], ent.def_line)
        body = stmt.body
        if type(body) is IndentedBlock:
            ent.first_body = colon_line + 1 + len(body.body[0].leading_lines)
            if is_class:
                after, _ = self.collect(body.body, ent, colon_line + 1, in_class=True)
                after += len(body.footer)
            else:
                after = colon_line + self.scan(acc, (body,), colon_line)
        else:
            ent.first_body = colon_line
            after = colon_line + self.scan(acc, (body,), colon_line)
        ent.end = after - 1 - _trailing_lines(stmt)
        owner.children.append(ent)
        return after

    def _compound(self, stmt, owner: _Entity, line: int, in_class: bool) -> tuple[int, bool]:
        """A module- or class-level ``if``/``for``/``while``/``with``/``try``/``match``, its parts in source order."""
        t = type(stmt)
        acc = owner.acc
        main_guard = t is If and _is_main_guard(stmt.test)
        if t is If or t is For or t is While:
            acc.decisions += 1
        line += len(stmt.leading_lines)
        line += self.scan(acc, [getattr(stmt, f) for f in _HEADERS[t]], line)
        if t is Match:
            clauses = list(stmt.cases)
        else:
            line, guard = self._block(stmt.body, owner, line, in_class)
            main_guard |= guard
            clauses = [*getattr(stmt, "handlers", ()), getattr(stmt, "orelse", None), getattr(stmt, "finalbody", None)]
        for clause in clauses:
            if clause is None:
                continue
            if type(clause) is If:  # elif
                line, guard = self._compound(clause, owner, line, in_class)
            else:
                if type(clause) in (ExceptHandler, ExceptStarHandler, MatchCase):
                    acc.decisions += 1
                if type(clause) is not MatchCase and type(clause) not in (Else, Finally):
                    self._not_ref(clause.name)
                line += len(clause.leading_lines)
                line += self.scan(acc, [getattr(clause, f) for f in _HEADERS[type(clause)]], line)
                line, guard = self._block(clause.body, owner, line, in_class)
            main_guard |= guard
        if t is Match:
            line += len(stmt.footer)
        return line, main_guard

    def _block(self, body, owner: _Entity, line: int, in_class: bool) -> tuple[int, bool]:
        if type(body) is IndentedBlock:
            line, guard = self.collect(body.body, owner, line + 1, in_class)
            return line + len(body.footer), guard
        return line + self.scan(owner.acc, (body,), line), False


def _is_main_guard(test: cst.BaseExpression) -> bool:
    if not (type(test) is Comparison and len(test.comparisons) == 1
            and type(test.comparisons[0].operator) is Equal):
        return False
    sides = [test.left, test.comparisons[0].comparator]
    names = [s for s in sides if type(s) is Name and s.value == "__name__"]
    consts = [s for s in sides if _literal_str(s) == "__main__"]
    return bool(names and consts)


@dataclass
class _Entity:
    kind: str
    name: str
    node: cst.CSTNode
    acc: _Acc = field(default_factory=_Acc)
    children: list = field(default_factory=list)
    start: int = 0  # first decorator, else the def/class line
    def_line: int = 0
    first_body: int = 0
    end: int = 0  # last line of code in the body (comments after it excluded)


def error_row(project, source_type, file_path, data: bytes, message: str) -> dict:
    module = module_name_for(file_path)
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines()
    return new_row(
        project=project, source_type=source_type, file_path=file_path, module_name=module,
        entity_type="module", name=module.rsplit(".", 1)[-1], full_path=module,
        line_start=1, line_end=len(lines), lines_of_code=_count_code(lines),
        content_hash=hashlib.sha256(data).hexdigest(), parse_error=message,
        imports=[], calls=[], s3_paths=[], catalog_refs=[], glue_api_calls="{}",
        uses_glue_context=False, uses_dynamic_frame=False,
    )


def _count_code(lines) -> int:
    n = 0
    for line in lines:
        s = line.strip()
        if s and s[0] != "#":
            n += 1
    return n


def _syntax_error(text: str, file_path: str, exc: BaseException) -> str:
    """``line N: message`` for a file libcst rejected.

    libcst decides whether a file parses; the wording comes from CPython's compiler when it rejects the file
    too, because its messages name the usual culprit ("Missing parentheses in call to 'print'" for Python 2)
    and point at the offending line, where libcst reports the statement start and a token list.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, file_path, "exec", dont_inherit=True)
    except SyntaxError as compiled:
        return f"line {compiled.lineno or 1}: {compiled.msg}"
    except ValueError as compiled:  # NUL bytes
        return f"line 1: {compiled}"
    if isinstance(exc, cst.ParserSyntaxError):
        return f"line {exc.raw_line}: {exc.message}"
    return f"line 1: libcst cannot parse this file: {type(exc).__name__}: {exc}"


def extract_module(source: bytes | str, *, project: str, source_type: str, file_path: str) -> list[dict]:
    """Rows for one Python file: a ``module`` or ``job`` row, its classes/functions/methods, and a ``table``
    row per ``db.table`` its code references. A file that does not parse yields one ``module`` row with
    ``parse_error`` = ``"line N: message"``."""
    data = source.encode() if isinstance(source, str) else source
    try:
        text, _ = decode_source(data)
    except SourceDecodeError as exc:
        return [error_row(project, source_type, file_path, data, str(exc))]
    try:
        check_nesting(text)
    except TooDeeplyNested as exc:
        return [error_row(project, source_type, file_path, data, str(exc))]
    try:
        tree = cst.parse_module(text)
    except Exception as exc:  # noqa: BLE001 - ParserSyntaxError, or RecursionError on absurd nesting
        return [error_row(project, source_type, file_path, data, _syntax_error(text, file_path, exc))]
    except BaseException as exc:  # the native parser's PanicException derives from BaseException
        if type(exc).__name__ != "PanicException":
            raise
        return [error_row(project, source_type, file_path, data, _syntax_error(text, file_path, exc))]

    lines = text.splitlines()
    code_prefix = [0]
    for line in lines:
        s = line.lstrip()
        code_prefix.append(code_prefix[-1] + (1 if s and s[0] != "#" else 0))

    consts: dict[str, str] = {}
    job_vars: set[str] = set()
    for stmt in tree.body:
        if type(stmt) is not SimpleStatementLine:
            continue
        for small in stmt.body:
            target, value = None, None
            if type(small) is Assign and len(small.targets) == 1 and type(small.targets[0].target) is Name:
                target, value = small.targets[0].target.value, small.value
            elif type(small) is AnnAssign and type(small.target) is Name:
                target, value = small.target.value, small.value
            if target:
                text_value = _literal_str(value)
                if text_value is not None:
                    consts[target] = text_value
    module = module_name_for(file_path)
    imported = _module_imports(tree, module, file_path)
    services = "boto3" in text or "awswrangler" in text
    if services:
        imported.setdefault("awswrangler", "awswrangler")
    scanner = _Scanner(consts, job_vars, imported, services)
    root = _Entity("module", module.rsplit(".", 1)[-1], tree)
    _, main_guard = scanner.collect(tree.body, root, 1 + len(tree.header), in_class=False)
    scanner.resolve_service_calls()

    rows: list[dict] = []
    base = dict(project=project, source_type=source_type, file_path=file_path, module_name=module)

    def facts(acc: _Acc) -> dict:
        counts = Counter(acc.glue)
        for (var, method), n in acc.job_calls.items():
            if var in job_vars:
                counts[f"Job.{method}"] += n
        glue = dict(sorted(counts.items()))
        return dict(
            complexity=1 + acc.decisions,
            imports=sorted(acc.imports),
            calls=sorted(acc.calls),
            glue_api_calls=json.dumps(glue),
            uses_glue_context=any(is_context_api(k) for k in glue),
            uses_dynamic_frame=acc.names_dynamic_frame or any(is_dynamic_frame_api(k) for k in glue),
            catalog_refs=[{"table": t, "direction": d} for t, d in sorted(acc.refs) if "${" not in t],
            catalog_ref_templates=([{"table": t, "direction": d} for t, d in sorted(acc.refs)]
                                   if any("${" in t for t, _ in acc.refs) else None),
            s3_paths=sorted(acc.s3),
            glue_service_calls=[{"api": api, "line": line} for api, line in sorted(acc.service_calls, key=lambda c: c[1])],
        )

    def entity_rows(ent: _Entity, prefix: str, kind: str) -> _Acc:
        total = _Acc()
        total.merge(ent.acc)
        child_kind = "method" if kind == "class" else "function"
        start, end = ent.start, ent.end
        full = f"{prefix}.{ent.name}"
        row_index = len(rows)
        rows.append(None)  # the parent's row comes before its children's, filled once they are rolled up
        for child in ent.children:
            total.merge(entity_rows(child, full, child_kind))
        rows[row_index] = new_row(
            **base, entity_type=kind, name=ent.name, full_path=full, line_start=start, line_end=end,
            definition=_signature(ent, lines), docstring=ent.node.get_docstring(),
            lines_of_code=code_prefix[end] - code_prefix[start - 1],
            content_hash=hashlib.sha256("\n".join(lines[start - 1:end]).encode()).hexdigest(),
            **facts(total),
        )
        return total

    rows.append(None)
    total = _Acc()
    total.merge(root.acc)
    for child in root.children:
        total.merge(entity_rows(child, module, "class" if child.kind == "class" else "function"))

    context_builders = {c.name for c in root.children if c.kind == "function" and c.acc.builds_context}
    called_at_top = {c for c in root.acc.calls if "." not in c and "(" not in c}
    is_job = (
        root.acc.builds_context or main_guard or text.startswith(NOTEBOOK_HEADER)
        or bool(context_builders & called_at_top)
    )
    rows[0] = new_row(
        **base, entity_type="job" if is_job else "module", name=module.rsplit(".", 1)[-1], full_path=module,
        line_start=1, line_end=len(lines), docstring=tree.get_docstring(),
        lines_of_code=code_prefix[-1], content_hash=hashlib.sha256(data).hexdigest(),
        module_constants=json.dumps(consts, sort_keys=True) if consts else None, **facts(total),
    )
    by_table: dict[str, list] = {}
    for ref in rows[0]["catalog_refs"]:
        by_table.setdefault(ref["table"], []).append(ref)
    for table, refs in by_table.items():
        rows.append(new_row(
            project=project, source_type=source_type, file_path=file_path, entity_type="table",
            name=table.rsplit(".", 1)[-1], full_path=table, catalog_refs=refs, referenced_by=[module],
            imports=[], calls=[], s3_paths=[], glue_api_calls="{}",
        ))
    return _dedupe(rows)


def _module_imports(tree: cst.Module, module: str, file_path: str) -> dict[str, str]:
    """Local name -> dotted origin for ``import a.b as c`` and ``from a.b import X [as Y]`` at module level."""
    package = module.split(".") if file_path.endswith("__init__.py") else module.split(".")[:-1]
    out: dict[str, str] = {}
    for stmt in tree.body:
        if type(stmt) is not SimpleStatementLine:
            continue
        for small in stmt.body:
            if type(small) is ImportFrom:
                level = len(small.relative)
                name = dotted_name(small.module) if small.module is not None else None
                if level:
                    base = ".".join(package[: len(package) - level + 1] + ([name] if name else []))
                else:
                    base = name or ""
                if type(small.names) is ImportStar:
                    continue
                for alias in small.names:
                    local = alias.asname.name.value if alias.asname is not None else dotted_name(alias.name)
                    origin = dotted_name(alias.name)
                    out[local] = f"{base}.{origin}" if base else origin
            elif type(small) is Import:
                for alias in small.names:
                    if alias.asname is not None:
                        out[alias.asname.name.value] = dotted_name(alias.name)
    return out


def _dedupe(rows: list[dict]) -> list[dict]:
    """A name defined twice in one scope is one entity; Python binds the last definition, so keep that."""
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        seen[row["entity_id"]] = i
    if len(seen) == len(rows):
        return rows
    keep = set(seen.values())
    return [r for i, r in enumerate(rows) if i in keep]


def _signature(ent: _Entity, lines: list[str]) -> str:
    """The ``def``/``class`` header as one line (multi-line parameter lists are joined)."""
    start = ent.def_line
    if ent.first_body == start:
        # One-line body (``def f(x): return x``): the header is the line minus the body's first line.
        body = _CODEGEN.code_for_node(ent.node.body).splitlines()[0]
        line = lines[start - 1]
        return line[: len(line) - len(body)].strip() if line.endswith(body) else line.strip()
    parts = []
    depth = 0
    for line in lines[start - 1: ent.first_body - 1]:
        code = line.split("#", 1)[0].strip() if "#" in line and "'" not in line and '"' not in line else line.strip()
        if not code:
            continue
        parts.append(code)
        depth += code.count("(") + code.count("[") - code.count(")") - code.count("]")
        if depth <= 0 and code.endswith(":"):
            break
    text = " ".join(parts)
    return text.replace("( ", "(").replace(" )", ")").replace(", )", ")")
