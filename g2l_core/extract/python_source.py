"""Entities of one Python file: the module (or job), its classes, functions and methods, and the tables
its code reads or writes.

Extraction only reads code, so it uses the standard library ``ast`` (C parser, exact line ranges). On the
1000-job benchmark the whole single-process extraction costs about a fifth of bare ``libcst.parse_module``,
while a libcst parse plus one visitor pass costs about twice the parse (benchmarks/bench_extract.py), which
would miss the "no slower than parsing" target even on two cores. Conversions, which must keep comments
and formatting, stay on libcst.

Every AST node is visited once: it is credited to the innermost entity (function/method, class, module)
and the figures are rolled up, so a class includes its methods and a module everything in the file.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from types import NoneType

from g2l_core.extract.glue_api import (
    READER_WRITER_GROUPS,
    glue_api_key,
    is_context_api,
    is_dynamic_frame_api,
)
from g2l_core.extract.rows import module_name_for, new_row

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

_DECISION_NODES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.match_case)
_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.TryStar, ast.Match)


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


def _dotted(node: ast.AST) -> str:
    """``a.b().c`` style name of a call target; other receivers (subscripts, literals) become ``?``."""
    parts = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            parts.append("()")
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        else:
            parts.append("?")
            break
    out = ""
    for p in reversed(parts):
        if p == "()":
            out += "()"
        else:
            out = f"{out}.{p}" if out else p
    return out


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


class _Scanner:
    """Credits AST nodes to accumulators; holds the file-wide facts the handlers need."""

    def __init__(self, consts: dict[str, str], job_vars: set[str], imported: dict[str, str]):
        self.consts = consts
        # local name -> dotted origin of names imported at module level; constants from other modules
        # become ``${origin}`` placeholders that build_inventory resolves across the repository.
        self.imported = imported
        self.job_vars = job_vars

    def walk(self, acc: _Acc, node: ast.AST) -> None:
        skip: set[int] = set()
        stack = [node]
        pop, push, extend = stack.pop, stack.append, stack.extend
        while stack:
            n = pop()
            t = type(n)
            if t is NoneType:
                continue
            for name in _child_fields(t):
                v = getattr(n, name, None)
                if v is None:
                    continue
                if type(v) is list:
                    extend(v)
                else:
                    push(v)
            if t is ast.Call:
                self._call(acc, n)
            elif t is ast.Constant:
                if isinstance(n.value, str) and n.value.startswith(S3_PREFIXES) and id(n) not in skip:
                    acc.s3.add(n.value)
            elif t is ast.JoinedStr:
                skip.update(id(v) for v in n.values)
                text = self._render_fstring(n)
                if text.startswith(S3_PREFIXES):
                    acc.s3.add(text)
            elif t is ast.BoolOp:
                acc.decisions += len(n.values) - 1
            elif t is ast.comprehension:
                acc.decisions += len(n.ifs)
            elif t in _DECISION_TYPES:
                acc.decisions += 1
            elif t is ast.Assign:
                if type(n.value) is ast.Call and _dotted(n.value.func).rsplit(".", 1)[-1] == "Job":
                    self.job_vars.update(x.id for x in n.targets if type(x) is ast.Name)
            elif t is ast.Name:
                if n.id == "DynamicFrame":
                    acc.names_dynamic_frame = True
            elif t is ast.Import:
                acc.imports.update(a.name for a in n.names)
            elif t is ast.ImportFrom:
                base = "." * n.level + (n.module or "")
                acc.imports.update(f"{base}.{a.name}" if base and not base.endswith(".") else base + a.name
                                   for a in n.names)

    def _render_fstring(self, node: ast.JoinedStr) -> str:
        out = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                out.append(str(v.value))
            else:
                resolved = self.const(v.value) if isinstance(v, ast.FormattedValue) else None
                out.append(resolved if resolved is not None else "{" + ast.unparse(v.value) + "}")
        return "".join(out)

    def const(self, node: ast.AST | None) -> str | None:
        """The string value of a literal, a module-level string constant, or an f-string/concat of those."""
        if node is None:
            return None
        t = type(node)
        if t is ast.Constant:
            return node.value if isinstance(node.value, str) else None
        if t is ast.Name:
            if node.id in self.consts:
                return self.consts[node.id]
            origin = self.imported.get(node.id)
            return f"${{{origin}}}" if origin else None
        if t is ast.Attribute and type(node.value) is ast.Name and node.value.id in self.imported:
            return f"${{{self.imported[node.value.id]}.{node.attr}}}"
        if t is ast.JoinedStr:
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append(str(v.value))
                elif isinstance(v, ast.FormattedValue) and v.format_spec is None and v.conversion == -1:
                    inner = self.const(v.value)
                    if inner is None:
                        return None
                    parts.append(inner)
                else:
                    return None
            return "".join(parts)
        if t is ast.BinOp and isinstance(node.op, ast.Add):
            left, right = self.const(node.left), self.const(node.right)
            return left + right if left is not None and right is not None else None
        return None

    def _arg(self, call: ast.Call, keywords: tuple[str, ...], position: int) -> str | None:
        for kw in call.keywords:
            if kw.arg in keywords:
                return self.const(kw.value)
        if position < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: position + 1]):
            return self.const(call.args[position])
        return None

    def _call(self, acc: _Acc, call: ast.Call) -> None:
        dotted = _dotted(call.func)
        acc.calls.add(dotted)
        parts = dotted.replace("()", "").split(".")
        last, prev = parts[-1], (parts[-2] if len(parts) > 1 else "")
        if len(parts) == 2 and last in ("init", "commit"):
            acc.job_calls[(prev, last)] += 1
        else:
            key = glue_api_key(dotted, len(call.args) + len(call.keywords))
            if key:
                acc.glue[key] += 1
        if last == "GlueContext" or last == "SparkContext" or (
            last == "getOrCreate" and ("SparkSession" in parts or "SparkContext" in parts)
        ):
            acc.builds_context = True
        if last == "from_catalog" and prev in READER_WRITER_GROUPS or last in CATALOG_READERS or last in CATALOG_WRITERS:
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

    @staticmethod
    def _ref(acc: _Acc, name: str | None, direction: str) -> None:
        if name and ("." in name or "${" in name):
            acc.refs.add((_norm_table(name), direction))


_DECISION_TYPES = frozenset(_DECISION_NODES)
# Fields that never hold child nodes; skipping them (and ``ctx``) makes the walk ~2x faster than ast.walk.
_LEAF_FIELDS = frozenset({"ctx", "id", "attr", "name", "arg", "type_comment", "kind", "level", "module",
                          "conversion", "is_async", "names", "kwd_attrs", "rest"})
_FIELDS_BY_TYPE: dict[type, tuple[str, ...]] = {}


def _child_fields(t: type) -> tuple[str, ...]:
    fields = _FIELDS_BY_TYPE.get(t)
    if fields is None:
        fields = () if t is ast.Constant else tuple(f for f in t._fields if f not in _LEAF_FIELDS)
        _FIELDS_BY_TYPE[t] = fields
    return fields


@dataclass
class _Entity:
    kind: str
    name: str
    node: ast.AST
    acc: _Acc = field(default_factory=_Acc)
    children: list = field(default_factory=list)


def _error_row(project, source_type, file_path, data: bytes, message: str) -> dict:
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


def _decode_error(data: bytes, exc: Exception) -> str:
    """``line N: cannot decode source (...)`` pointing at the first undecodable byte when there is one."""
    start = getattr(exc, "start", None)
    if start is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as utf8_exc:
            start = utf8_exc.start
    line = data[: start or 0].count(b"\n") + 1
    reason = getattr(exc, "reason", None) or getattr(exc, "msg", None) or str(exc)
    return f"line {line}: cannot decode source ({reason})"


def _decode(data: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def extract_module(source: bytes | str, *, project: str, source_type: str, file_path: str) -> list[dict]:
    """Rows for one Python file: a ``module`` or ``job`` row, its classes/functions/methods, and a ``table``
    row per ``db.table`` its code references. A file that does not parse yields one ``module`` row with
    ``parse_error`` = ``"line N: message"``."""
    data = source.encode() if isinstance(source, str) else source
    try:
        text = _decode(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return [_error_row(project, source_type, file_path, data, _decode_error(data, exc))]
    try:
        tree = ast.parse(text, filename=file_path)
    except SyntaxError as exc:
        return [_error_row(project, source_type, file_path, data, f"line {exc.lineno or 1}: {exc.msg}")]
    except ValueError as exc:  # e.g. NUL bytes
        return [_error_row(project, source_type, file_path, data, f"line 1: {exc}")]

    lines = text.splitlines()
    code_prefix = [0]
    for line in lines:
        s = line.lstrip()
        code_prefix.append(code_prefix[-1] + (1 if s and s[0] != "#" else 0))

    consts: dict[str, str] = {}
    job_vars: set[str] = set()
    for stmt in tree.body:
        target, value = None, None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            target, value = stmt.target.id, stmt.value
        if target and isinstance(value, ast.Constant) and isinstance(value.value, str):
            consts[target] = value.value
    module = module_name_for(file_path)
    scanner = _Scanner(consts, job_vars, _module_imports(tree, module, file_path))
    root = _Entity("module", module.rsplit(".", 1)[-1], tree)
    main_guard = _collect(tree.body, root, scanner, in_class=False)

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
        )

    def entity_rows(ent: _Entity, prefix: str, kind: str) -> _Acc:
        total = _Acc()
        total.merge(ent.acc)
        child_kind = "method" if kind == "class" else "function"
        node = ent.node
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        end = node.end_lineno
        full = f"{prefix}.{ent.name}"
        row_index = len(rows)
        rows.append(None)  # the parent's row comes before its children's, filled once they are rolled up
        for child in ent.children:
            total.merge(entity_rows(child, full, child_kind))
        rows[row_index] = new_row(
            **base, entity_type=kind, name=ent.name, full_path=full, line_start=start, line_end=end,
            definition=_signature(node, lines), docstring=ast.get_docstring(node),
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
        line_start=1, line_end=len(lines), docstring=ast.get_docstring(tree),
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


def _module_imports(tree: ast.Module, module: str, file_path: str) -> dict[str, str]:
    """Local name -> dotted origin for ``import a.b as c`` and ``from a.b import X [as Y]`` at module level."""
    package = module.split(".") if file_path.endswith("__init__.py") else module.split(".")[:-1]
    out: dict[str, str] = {}
    for stmt in tree.body:
        if type(stmt) is ast.ImportFrom:
            if stmt.level:
                base = ".".join(package[: len(package) - stmt.level + 1] + ([stmt.module] if stmt.module else []))
            else:
                base = stmt.module or ""
            for alias in stmt.names:
                if alias.name != "*":
                    out[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
        elif type(stmt) is ast.Import:
            for alias in stmt.names:
                if alias.asname:
                    out[alias.asname] = alias.name
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


def _collect(stmts: list[ast.stmt], owner: _Entity, scanner: _Scanner, in_class: bool) -> bool:
    """Credit statements to ``owner``, creating entities for defs (also those nested in module-level
    if/try/with blocks); returns True when a ``if __name__ == "__main__"`` guard was seen."""
    main_guard = False
    for stmt in stmts:
        t = type(stmt)
        if t is ast.FunctionDef or t is ast.AsyncFunctionDef:
            ent = _Entity("function", stmt.name, stmt)
            scanner.walk(ent.acc, stmt)
            owner.children.append(ent)
        elif t is ast.ClassDef and not in_class:
            ent = _Entity("class", stmt.name, stmt)
            for part in (*stmt.decorator_list, *stmt.bases, *stmt.keywords):
                scanner.walk(ent.acc, part)
            _collect(stmt.body, ent, scanner, in_class=True)
            owner.children.append(ent)
        elif t in _COMPOUND_TYPES:
            if t is ast.If and _is_main_guard(stmt.test):
                main_guard = True
            if t in _DECISION_TYPES:
                owner.acc.decisions += 1
            for name, value in ast.iter_fields(stmt):
                if name in ("body", "orelse", "finalbody"):
                    main_guard |= _collect(value, owner, scanner, in_class)
                elif name == "handlers":
                    for handler in value:
                        owner.acc.decisions += 1
                        if handler.type is not None:
                            scanner.walk(owner.acc, handler.type)
                        main_guard |= _collect(handler.body, owner, scanner, in_class)
                elif name == "cases":
                    for case in value:
                        owner.acc.decisions += 1
                        scanner.walk(owner.acc, case.pattern)
                        if case.guard is not None:
                            scanner.walk(owner.acc, case.guard)
                        main_guard |= _collect(case.body, owner, scanner, in_class)
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, ast.AST):
                            scanner.walk(owner.acc, item)
                elif isinstance(value, ast.AST):
                    scanner.walk(owner.acc, value)
        else:
            scanner.walk(owner.acc, stmt)
    return main_guard


_COMPOUND_TYPES = frozenset(_COMPOUND)


def _is_main_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return bool(names and consts)


def _signature(node: ast.AST, lines: list[str]) -> str:
    """The ``def``/``class`` header as one line (multi-line parameter lists are joined)."""
    start = node.lineno
    first_body = node.body[0]
    if first_body.lineno == start:
        return lines[start - 1][: first_body.col_offset].strip()
    parts = []
    depth = 0
    for line in lines[start - 1: first_body.lineno - 1]:
        code = line.split("#", 1)[0].strip() if "#" in line and "'" not in line and '"' not in line else line.strip()
        if not code:
            continue
        parts.append(code)
        depth += code.count("(") + code.count("[") - code.count(")") - code.count("]")
        if depth <= 0 and code.endswith(":"):
            break
    text = " ".join(parts)
    return text.replace("( ", "(").replace(" )", ")").replace(", )", ")")
