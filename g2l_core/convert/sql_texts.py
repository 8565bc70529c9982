"""Which string literals of a module are Spark SQL, and what their Glue table names become.

A text is Spark SQL when it reaches ``<session>.sql(...)``: written in the call, held in a variable whose
binding reaches the call, passed to a parameter of a module function that runs it (Glue Studio's
``sparkSqlQuery(glueContext, query, ...)``), or used as a ``str.format``/``%`` template there. Only that
is qualified: SQL sent to Redshift, a JDBC database or Athena names that system's tables, not Glue's.
The plan is made once per module, before the transforming pass, which then only swaps the planned nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from g2l_core.convert.bindings import Resolver, argument
from g2l_core.convert.model import Kind
from g2l_core.convert.scan import ModuleFacts
from g2l_core.convert.sql_literals import SqlText, read_parts, replaced
from g2l_core.convert.sql_names import mapped_databases, mapped_note, table_references
from g2l_core.options import ConvertOptions

SESSION_KINDS = (Kind.SPARK_SESSION, Kind.GLUE_CONTEXT)
# Packages whose objects have a `.sql(...)` of their own: in a module importing one, an untyped receiver
# may be theirs.
OTHER_SQL_PACKAGES = frozenset({"duckdb", "polars", "snowflake", "sqlalchemy", "ibis", "chdb", "pandasql",
                                "sqlite3", "psycopg2", "pymysql", "redshift_connector", "pyathena"})


@dataclass
class Planned:
    """What the pass does at one literal node: its new text (None: unchanged) and the decisions recorded
    there, ``(action, message)`` with action ``converted`` or ``flagged``."""

    node: cst.CSTNode
    new: cst.CSTNode | None = None
    decisions: list[tuple[str, str]] = field(default_factory=list)


def plan(facts: ModuleFacts, resolver: Resolver, options: ConvertOptions) -> dict[int, Planned]:
    """id(literal node) -> what becomes of it, for every Spark SQL text of the module."""
    calls = [facts.parent.get(id(a)) for a in facts.attributes.get("sql", ())]
    calls = [c for c in calls if isinstance(c, cst.Call) and isinstance(c.func, cst.Attribute)]
    if not calls:
        return {}
    packages = {module.split(".", 1)[0] for module, _ in facts.imports.values()} | {
        m.split(".", 1)[0] for m in facts.star_imports}
    foreign = bool(packages & OTHER_SQL_PACKAGES)
    out: dict[int, Planned] = {}
    seen: set[tuple[int, ...]] = set()
    finder = _Finder(facts, resolver)
    for call in calls:
        kind = resolver.kind_at(call.func.value, call)  # type: ignore[union-attr]
        if kind not in SESSION_KINDS and (kind is not None or foreign):
            continue
        query = argument(call, 0, "sqlQuery")
        if query is None:
            continue
        for text in finder.texts(query, call):
            key = tuple(id(p) for p in text.parts)
            if text.parts and key not in seen:
                seen.add(key)
                _plan_text(text, options, out)
    return out


class _Finder:
    def __init__(self, facts: ModuleFacts, resolver: Resolver) -> None:
        self.facts, self.resolver = facts, resolver

    def texts(self, node: cst.BaseExpression, anchor: cst.CSTNode, depth: int = 0) -> list[SqlText]:
        """The SQL texts ``node`` may hold where ``anchor`` stands (several when a parameter is followed to the
        calls of its function)."""
        if isinstance(node, cst.Name) and depth < 2:
            value, scope, param = self._binding(node.value, anchor)
            if param is not None:
                return self._passed(scope, param, depth)
            return self.texts(value, value, depth + 1) if value is not None else []
        text = SqlText()
        self._read(text, node, "plain")
        return [text] if text.parts else []

    def _read(self, text: SqlText, node: cst.BaseExpression, template: str) -> None:
        if read_parts(text, node, template):
            return
        if isinstance(node, cst.Name):  # a module or local constant in a `+` or as a template
            value = self._binding(node.value, node)[0]
            if value is not None and read_parts(text, value, template):
                return
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            self._read(text, node.left, template)
            self._read(text, node.right, template)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
            self._read(text, node.left, "percent")
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and (
                node.func.attr.value in ("format", "strip")):
            self._read(text, node.func.value, "format" if node.func.attr.value == "format" else template)
        else:
            text.hole()

    def _binding(self, name: str, anchor: cst.CSTNode):
        """``(value, scope, param)``: the value of the binding of ``name`` that reaches ``anchor``, or the
        parameter it is (with its function's scope); Nones when neither."""
        facts = self.facts
        scope, index = self.resolver.where(anchor)
        for s in facts.scope_chain(scope):
            bindings = facts.assigns.get((s, name), [])
            reaching = [b for b in bindings if s != scope or b.index < index] or bindings[:1]
            if reaching:
                return reaching[-1].value, s, None
            param = facts.params.get((s, name))
            if param is not None:
                return None, s, param
        return None, None, None

    def _passed(self, scope: int, param, depth: int) -> list[SqlText]:
        """The texts the module's calls of the function pass to its parameter ``param``."""
        function = next((f for f in self.facts.functions.values() if f is not None and id(f) == scope), None)
        if function is None:
            return []
        out = []
        for call in self.facts.call_sites.get(function.name.value, ()):
            value = argument(call, param.position, param.name)
            if value is not None:
                out.extend(self.texts(value, call, depth + 1))
        return out


def _plan_text(text: SqlText, options: ConvertOptions, out: dict[int, Planned]) -> None:
    anchor = out.setdefault(id(text.parts[0]), Planned(text.parts[0]))
    refs = table_references(text.text)
    if refs is None:
        databases = mapped_databases(text.text, options)
        if databases:
            anchor.decisions.append(("flagged", mapped_note(databases, options, "g2l could not read this SQL")))
        return
    edits: dict[int, list[tuple[int, int, str]]] = {}
    names, runtime = [], []
    for ref in refs:
        span = text.source_span(ref.start, ref.end)
        new = options.table_name(ref.database, ref.table)
        if span is not None and not any(c in new for c in "\\'\"{}%\n"):
            edits.setdefault(span[0], []).append((span[1], span[2], new))
            names.append(new)
        elif not text.has_hole(ref.start, ref.start + len(ref.database)) and any(
                k.lower() == ref.database.lower() for k in options.schema_map):
            runtime.append(ref.database)
    for index, spans in edits.items():
        node = text.parts[index]
        planned = out.setdefault(id(node), Planned(node))
        if planned.new is None:  # a literal read twice (a variable also joined to more text) is edited once
            planned.new = replaced(node, spans)
    if names:
        anchor.decisions.append(("converted", f"two-level names in Spark SQL qualified as {', '.join(dict.fromkeys(names))}: "
                                              "on Databricks they would resolve in the current catalog"))
    if runtime:
        anchor.decisions.append(("flagged", mapped_note(list(dict.fromkeys(runtime)), options,
                                                        "the table name is built at run time")))
