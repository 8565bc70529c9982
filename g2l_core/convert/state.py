"""The state of converting one module, and ``Site``, the one view of it that rules get.

``Conversion`` holds the scan's facts, the decisions, and the effects rules ask for (helpers, imports,
review notes, statements to add or replace); the visitor applies them. Rules never touch it directly:
every question a rule asks about the module and every effect it has goes through a ``Site`` method.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from g2l_core.convert import build, sql_texts
from g2l_core.convert.bindings import GLUE_CONTEXT_PARAMS, Resolver, argument
from g2l_core.convert.codegen import node_code
from g2l_core.convert.model import CONVERTED, CONVERTED_WITH_HELPER, FLAGGED, Decision, Kind
from g2l_core.convert.scan import MODULE_SCOPE, ModuleFacts, scan
from g2l_core.convert.storage import map_path_literals
from g2l_core.glue_api import GLUE_MODULES, NAMESPACES
from g2l_core.options import ConvertOptions

_WORDS = re.compile(r"[A-Za-z_]\w*")  # the names in a string annotation

if TYPE_CHECKING:
    from g2l_core.convert.rules import Rule, RuleIndex

# Names whose imports are removed once no use is left; SparkContext only matters as GlueContext's argument.
TRACKED_FOREIGN = {("pyspark.context", "SparkContext"), ("pyspark", "SparkContext")}
COMPOUND = (cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.With, cst.FunctionDef, cst.ClassDef, cst.Match)


@dataclass(frozen=True)
class ReplaceStatement:
    """Replace the statement holding the call (an empty tuple removes it; its comments move down)."""

    statements: Sequence[cst.BaseSmallStatement | cst.BaseStatement] = ()


REMOVE = ReplaceStatement(())


Outcome = cst.BaseExpression | ReplaceStatement | None


class Site:
    """One node being converted (a call, a name, a statement): the original node (for analysis) and the
    updated one (to build on), with every question a rule may ask about the module and every effect it
    may have."""

    def __init__(self, conversion: Conversion, original, updated) -> None:
        self._conversion = conversion
        self.original = original
        self.updated = updated
        self.options = conversion.options
        self._decided = False
        # Helpers applied at run time (a path wrapped in g2l_helpers.map_path...), named in the decision.
        self.runtime_helpers: list[str] = []
        # Parameters the rule looked for by name and did not find: a `**kwargs` may hold them (see visitor).
        self.unseen: dict[str, None] = {}
        self.api = ""  # the API of the site's last decision

    # arguments -------------------------------------------------------------------------------------
    def arg(self, position: int, name: str) -> cst.BaseExpression | None:
        """Updated value passed for parameter ``name`` (positional index ``position``, -1: keyword only)."""
        value = argument(self.updated, position, name)
        if value is None:
            self.unseen[name] = None
        return value

    def original_arg(self, position: int, name: str) -> cst.BaseExpression | None:
        value = argument(self.original, position, name)
        if value is None:
            self.unseen[name] = None
        return value

    def literal(self, position: int, name: str, default=None):
        """Literal value of an argument (following module-level constants); ``default`` when absent.

        Raises ``ValueError`` when the argument is computed at run time."""
        node = self.original_arg(position, name)
        if node is None:
            return default
        return build.literal_value(self.constant(node))

    def constant(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """Follow a module-level ``NAME = <literal>`` once, unless the module changes it in place
        (``NAME.append(x)``, ``NAME[k] = v``, ``NAME += [...]``): its literal is then not its value."""
        facts = self._conversion.facts
        if isinstance(node, cst.Name) and node.value in facts.constants:
            bindings = facts.assigns.get((0, node.value), [])
            if len(bindings) == 1 and not _changed_in_place(facts, node.value):
                return facts.constants[node.value]
        return node

    def receiver(self) -> cst.BaseExpression:
        """Updated receiver of a method call ``receiver.method(...)``."""
        func = self.updated.func
        assert isinstance(func, cst.Attribute)
        return func.value

    def context(self) -> cst.BaseExpression:
        """Updated GlueContext expression of ``ctx.method(...)`` or ``ctx.namespace.method(...)``
        (``create_dynamic_frame.from_catalog`` and the like)."""
        value = self.receiver()
        original = self.original_receiver()
        if isinstance(original, cst.Attribute) and original.attr.value in NAMESPACES:
            assert isinstance(value, cst.Attribute)
            return value.value
        return value

    def original_receiver(self) -> cst.BaseExpression:
        func = self.original.func
        assert isinstance(func, cst.Attribute)
        return func.value

    def kind(self, node: cst.BaseExpression) -> Kind | None:
        return self._conversion.resolver.kind_at(node, self.original)

    # context -----------------------------------------------------------------------------------------
    @property
    def line(self) -> int:
        return self._conversion.line_of(self.original)

    @property
    def statement(self) -> cst.CSTNode | None:
        return self._conversion.facts.statement.get(id(self.original))

    def assigned_to(self) -> cst.BaseExpression | None:
        """Target of ``target = <this call>`` when the call is the whole right-hand side."""
        stmt = self.statement
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
            small = stmt.body[0]
            if isinstance(small, cst.Assign) and small.value is self.original and len(small.targets) == 1:
                return small.targets[0].target
        return None

    def is_statement(self) -> bool:
        """The call is an expression statement on its own."""
        stmt = self.statement
        return (
            isinstance(stmt, cst.SimpleStatementLine)
            and len(stmt.body) == 1
            and isinstance(stmt.body[0], cst.Expr)
            and stmt.body[0].value is self.original
        )

    # effects -----------------------------------------------------------------------------------------
    def decide(self, rule: Rule, action: str, message: str, api: str | None = None) -> None:
        self._decided = True
        self.api = api or rule.API
        if self.runtime_helpers and action != FLAGGED:
            action = CONVERTED_WITH_HELPER
            message += "".join(f"; {note}" for note in dict.fromkeys(self.runtime_helpers))
        self._conversion.decide(self.original, api or rule.API, action, type(rule).__name__, message)

    def converted(self, rule: Rule, message: str, api: str | None = None) -> None:
        self.decide(rule, CONVERTED, message, api)

    def with_helper(self, rule: Rule, message: str, api: str | None = None) -> None:
        self.decide(rule, CONVERTED_WITH_HELPER, message, api)

    def flag(self, rule: Rule, message: str, api: str | None = None) -> None:
        """Record a manual-review decision and put ``# g2l: review: message`` above the statement."""
        self.decide(rule, FLAGGED, message, api)
        self.review(message)

    def review(self, message: str) -> None:
        self._conversion.review(self.original, message)

    def helper(self, name: str) -> cst.Attribute:
        """``g2l_helpers.<name>``; the helper module import is added to the file."""
        return self._conversion.use_helper(name)

    def functions(self) -> cst.Name:
        """``F`` with ``from pyspark.sql import functions as F`` added."""
        return self._conversion.use_functions()

    def need_import(self, module: str, name: str | None = None) -> None:
        self._conversion.need_import(module, name)

    def drop_import(self, name: str) -> None:
        """``import name`` goes from the module's top: the rule removed every use of it."""
        self._conversion.unused_imports.add(name)

    def spark(self) -> cst.Name:
        """The session name in converted code; receivers that were GlueContext names are renamed to it."""
        return build.name("spark")

    def record(self, api: str, action: str, rule: str, message: str) -> None:
        """A further decision at this site under another name (bookmarks, ANSI mode)."""
        self._conversion.decide(self.original, api, action, rule, message)

    def add_after(self, statements: Sequence[cst.BaseStatement]) -> bool:
        """Add statements after the simple statement holding the site; False when there is none."""
        return self._conversion.append_after(self.original, statements) if statements else True

    def consume(self, node: cst.CSTNode | None = None) -> None:
        """The awsglue-imported names in ``node`` (default: the site) are gone from the output."""
        node = node if node is not None else self.original
        if isinstance(node, cst.Name):
            self._conversion.consumed.add(id(node))
        else:
            self._conversion.consume_within(node)

    def glue_name(self) -> str | None:
        """For a name site: the awsglue name it refers to (``awsglue.dynamicframe.DynamicFrame``) while that
        import is still needed for it, else None."""
        node = self.original
        conversion = self._conversion
        if not isinstance(node, cst.Name) or node.value not in conversion.tracked or id(node) in conversion.consumed:
            return None
        return conversion.resolver.glue_import(node.value) or ""

    def sql_text(self) -> sql_texts.Planned | None:
        """For a string literal (or an f-string's text) that is Spark SQL: what the plan makes of it."""
        return self._conversion.sql_texts.get(id(self.original))

    def path_constant(self) -> cst.BaseExpression | None:
        """For a module-level ``NAME = <S3 path literal>`` statement: the value with ``path_map`` applied."""
        return self._conversion.path_constants.get(id(self.original))

    # questions about the module ----------------------------------------------------------------------
    @property
    def position(self) -> tuple[int, int]:
        """``(scope, statement index)`` of the site."""
        return self._conversion.resolver.where(self.original)

    @property
    def scope(self) -> int:
        return self.position[0]

    def scope_of(self, node: cst.CSTNode) -> int:
        return self._conversion.resolver.where(node)[0]

    @property
    def bookmarks(self) -> bool:
        """Job bookmarks are on for this file's job."""
        return self._conversion.bookmarks

    @property
    def in_library_code(self) -> bool:
        """The site is inside a function of a file no job configuration names: which job runs it, and with
        which bookmark setting, is unknown here."""
        conversion = self._conversion
        return self.scope != MODULE_SCOPE and not conversion.job_configured and not conversion.job_entry_point

    @property
    def imports_glue(self) -> bool:
        """The module imports something from awsglue (or SparkContext for it)."""
        return bool(self._conversion.tracked)

    def glue_import(self, name: str) -> str | None:
        """Fully qualified awsglue name a local name refers to, or None."""
        return self._conversion.resolver.glue_import(name)

    def imports_module(self, module: str) -> bool:
        """The module imports ``module`` (``import module`` or ``from module import ...``)."""
        return any(imported == module for imported, _ in self._conversion.facts.imports.values())

    def imports_any(self, packages: frozenset[str]) -> bool:
        """The module imports something from one of these top-level packages (anywhere in it)."""
        return not packages.isdisjoint(self._conversion.imported_packages)

    def import_origins(self) -> dict[str, str]:
        """Local name -> what it imports: ``wr`` -> ``awswrangler``, ``catalog`` -> ``awswrangler.catalog``."""
        return {local: f"{module}.{name}" if name else module
                for local, (module, name) in self._conversion.facts.imports.items()}

    def self_bindings(self, attr: str) -> list[cst.BaseExpression]:
        """Values the methods of the site's class assign to ``self.attr``."""
        conversion = self._conversion
        cls = conversion.resolver.enclosing_class(self.scope)
        return [binding.value for _, binding in conversion.facts.self_assigns.get((cls, attr), ())] if cls else []

    def at(self, node: cst.CSTNode) -> Site:
        """A site for another node of the module, to ask the same questions about it (no effects)."""
        return Site(self._conversion, node, node)

    def is_glue_class(self, node: cst.BaseExpression, *names: str) -> bool:
        return self._conversion.resolver.is_glue_class(node, *names)

    def kind_in_scope(self, node: cst.BaseExpression) -> Kind | None:
        """Kind of ``node`` where it stands (for names, the binding that reaches it)."""
        scope, index = self._conversion.resolver.where(node)
        return self._conversion.resolver.kind(node, scope, index)

    def is_parameter(self, name: str) -> bool:
        return self._conversion.resolver.is_param(name, self.scope)

    def is_context_name(self, name: str) -> bool:
        """A variable that holds a GlueContext somewhere in the module (renamed to ``spark``)."""
        return name in self._conversion.renamed_contexts

    def self_attribute_uses(self, attr: str, owner: cst.ClassDef | None = None) -> list[cst.Attribute]:
        """Every ``self.attr`` in the methods of the class the site is in (or of ``owner``)."""
        resolver = self._conversion.resolver
        cls = id(owner) if owner is not None else resolver.enclosing_class(self.scope)
        if cls is None:
            return []
        return [node for node in self._conversion.facts.attributes.get(attr, ())
                if isinstance(node.value, cst.Name) and node.value.value == "self"
                and resolver.enclosing_class(resolver.where(node)[0]) == cls]

    def stores_attribute(self, attr: str) -> bool:
        """Some statement of the module assigns ``<anything>.attr``."""
        return any(isinstance(self._conversion.facts.parent.get(id(node)), cst.AssignTarget)
                   for node in self._conversion.facts.attributes.get(attr, ()))

    def module_has_session(self) -> bool:
        """A module-level variable is or becomes the session (``spark``, or a GlueContext renamed to it)."""
        return any((MODULE_SCOPE, name) in self._conversion.facts.assigns
                   for name in ("spark", *self._conversion.renamed_contexts))

    def renamed_parameter(self, name: str) -> bool:
        """The name, where the site is, is a GlueContext parameter renamed to ``spark``."""
        return self._conversion.renamed_parameter(name, self.scope)

    def renames_parameter(self, function: cst.FunctionDef) -> str | None:
        """The GlueContext parameter of this function renamed to ``spark``, if any."""
        return self._conversion.context_params.get(id(function))

    def parameter_name(self, name: str) -> str:
        """The new name of the renamed GlueContext parameter ``name`` where the site is (see ``renamed_parameter``)."""
        return self._conversion.parameter_name(name, self.scope) or "spark"

    def new_parameter_name(self, function: cst.FunctionDef) -> str:
        """The name this function's GlueContext parameter gets (``renames_parameter``)."""
        return self._conversion.context_param_names.get(id(function), "spark")

    def local_function(self, call: cst.Call) -> cst.FunctionDef | None:
        """The module's own function (or class) a call by plain name goes to."""
        if not isinstance(call.func, cst.Name):
            return None
        return self._conversion.facts.functions.get(call.func.value)

    def local_class(self, call: cst.Call) -> cst.ClassDef | None:
        """The module-level class a call by plain name constructs."""
        if not isinstance(call.func, cst.Name):
            return None
        return next((s for s in self._conversion.module.body
                     if isinstance(s, cst.ClassDef) and s.name.value == call.func.value), None)

    def attributes(self, attr: str) -> list[cst.Attribute]:
        """Every ``<anything>.attr`` in the module."""
        return list(self._conversion.facts.attributes.get(attr, ()))

    def uses_of(self, name: str) -> list[cst.Name]:
        """Every load and store of ``name`` in the module."""
        return self._conversion.facts.names.get(name, [])

    def studio_helper(self, name: str) -> tuple[int | None, str | None] | None:
        """``(transformation_ctx position, GlueContext parameter)`` of a Glue Studio style helper function."""
        return self._conversion.studio_helpers.get(name)

    def ancestors(self):
        return self._conversion.facts.ancestors(self.original)

    def enclosing_function(self) -> cst.FunctionDef | None:
        for parent in self._conversion.facts.ancestors(self.original):
            if isinstance(parent, cst.FunctionDef):
                return parent
        return None

    def in_handler(self) -> bool:
        """The site is in an ``except`` clause of its own function or module."""
        for parent in self._conversion.facts.ancestors(self.original):
            if isinstance(parent, (cst.ExceptHandler, cst.ExceptStarHandler)):
                return True
            if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                return False
        return False

    def line_of(self, node: cst.CSTNode) -> int:
        return self._conversion.line_of(node)

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self._conversion.facts.parent.get(id(node))

    def function(self, name: str) -> cst.FunctionDef | None:
        """The module's one function of that name (None when absent or defined twice)."""
        return self._conversion.facts.functions.get(name)

    def code(self, node: cst.CSTNode) -> str:
        return node_code(node, self._conversion.module)

    def binding_before(self, name: str) -> cst.BaseExpression | None:
        """Value of the latest ``name = value`` that reaches the site (this scope, then enclosing ones)."""
        facts = self._conversion.facts
        scope, index = self.position
        for s in facts.scope_chain(scope):
            bindings = [b for b in facts.assigns.get((s, name), ()) if s != scope or b.index < index]
            if bindings:
                return bindings[-1].value
        return None

    def method_calls(self, receiver: str, method: str, scope: int | None = None) -> list[cst.Call]:
        """``receiver.method(...)`` calls in the site's scope (or in ``scope``)."""
        scope = self.scope if scope is None else scope
        out = []
        for attr in self._conversion.facts.attributes.get(method, ()):
            if isinstance(attr.value, cst.Name) and attr.value.value == receiver:
                call = self.parent(attr)
                if isinstance(call, cst.Call) and self.scope_of(call) == scope:
                    out.append(call)
        return out

    def claim_spark(self, scope: int | None = None) -> bool:
        """Record that ``spark`` exists in the scope; False when it already did."""
        scope = self.scope if scope is None else scope
        if scope in self._conversion.spark_scopes:
            return False
        self._conversion.spark_scopes.add(scope)
        return True

    def has_spark(self) -> bool:
        return self.scope in self._conversion.spark_scopes

    def claim_ansi(self) -> bool:
        """Record that the scope switches ANSI mode off; False when it (or the module) already does."""
        if self.scope in self._conversion.ansi_scopes or self._conversion.sets_ansi_mode():
            return False
        self._conversion.ansi_scopes.add(self.scope)
        return True


def call_key(call: cst.Call) -> str | None:
    """The name call rules are indexed by: ``f`` for ``f(...)``, ``m`` for ``x.m(...)``."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return None


class Conversion:
    """State of converting one module: facts from the scan, decisions, helpers and imports needed."""

    def __init__(self, module: cst.Module, path: str, options: ConvertOptions, index: RuleIndex):
        self.module = module
        self.path = path
        self.options = options
        self.index = index
        self.facts: ModuleFacts = scan(module)
        self.resolver = Resolver(self.facts)
        self.resolver.frame_methods = self._frame_methods()
        self.decisions: list[Decision] = []
        self.helpers: set[str] = set()
        self.imports: dict[tuple[str, str | None, str | None], None] = {}
        self.reviews: dict[int, list[str]] = {}
        self.replacements: dict[int, ReplaceStatement] = {}
        self.consumed: set[int] = set()
        self.unused_imports: set[str] = set()  # local names of plain ``import x`` statements to drop
        self.spark_scopes: set[int] = set()  # scopes where `spark = SparkSession...` exists already
        self.ansi_scopes: set[int] = set()  # scopes where the session's ANSI mode is switched off
        self.after: dict[int, list[cst.BaseStatement]] = {}  # id(statement) -> statements to add after it
        self.before: dict[int, list[cst.BaseStatement]] = {}  # ... before it (when it is a return)
        self.bookmarks = options.bookmarks_enabled(path)
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        # The file is a job the project's job configuration speaks of (else: library code, bookmarks unknown).
        self.job_configured = any(key in options.bookmarks for key in (path, name, name.removesuffix(".py")))
        self.imported_packages = frozenset(
            module.split(".", 1)[0] for module in (*(m for m, _ in self.facts.imports.values()), *self.facts.star_imports))
        self.tracked = self._tracked_names()
        self.renamed_contexts = self._glue_context_bindings()
        self.path_constants = self._path_constants()
        self.studio_helpers = self._studio_helpers()
        self.sql_texts = sql_texts.plan(self.facts, self.resolver, options)
        self.context_params, self.context_param_names = self._context_params()
        self.hot = self._hot_nodes()

    @functools.cached_property
    def job_entry_point(self) -> bool:
        """The module is a Glue job's script, not library code: it makes a ``Job`` and runs from its top
        level (the Job made there, or a function of its own called there: ``main()``, also under
        ``if __name__ == "__main__"``). Reads in its functions then have the bookmark setting its
        module-level reads have."""
        facts = self.facts
        makes_job = [c for c in facts.calls if isinstance(c.func, cst.Name)
                     and self.resolver.glue_import(c.func.value) == "awsglue.job.Job"]

        def top(call: cst.Call) -> bool:
            return facts.where.get(id(call), (None, 0))[0] == MODULE_SCOPE

        return bool(makes_job) and (any(top(c) for c in makes_job) or any(
            top(c) and isinstance(c.func, cst.Name) and c.func.value in facts.functions for c in facts.calls))

    # analysis ------------------------------------------------------------------------------------------
    def _tracked_names(self) -> set[str]:
        """Local names imported from awsglue (or SparkContext), whose imports go once unused."""
        names = set()
        for local, (module, name) in self.facts.imports.items():
            if module.startswith(GLUE_MODULES) or (module, name) in TRACKED_FOREIGN:
                names.add(local)
        if any(s.startswith(GLUE_MODULES) for s in self.facts.star_imports):
            names.update(n for n in self.facts.names if self.resolver.glue_import(n))
        return names

    def _glue_context_bindings(self) -> set[str]:
        """Variables holding a GlueContext, renamed to ``spark``. A name some scope declares ``global`` or
        ``nonlocal`` only when every binding of it in every scope is a GlueContext: it is shared with the
        scopes that bind it, so one bound otherwise as well (``GLUE = None`` at module level) keeps its name
        everywhere, where renaming it at the GlueContext would cut the two apart."""
        glue: set[str] = set()
        other: set[str] = set()
        for (scope, name), bindings in self.facts.assigns.items():
            for b in bindings:
                (glue if self.resolver.kind(b.value, scope, b.index) is Kind.GLUE_CONTEXT else other).add(name)
        return {name for name in glue if name not in other or not any(
            isinstance(self.facts.parent.get(id(node)), cst.NameItem) for node in self.facts.names.get(name, ()))}

    def _path_constants(self) -> dict[int, cst.BaseExpression]:
        """Module-level ``NAME = "s3://..."`` (or a list/tuple/dict of such) under a ``path_map`` prefix:
        id(statement) -> the mapped value. Rewritten where defined, so every use gets the mapped path."""
        out: dict[int, cst.BaseExpression] = {}
        if not self.options.path_map:
            return out
        for stmt in self.module.body:
            if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
                continue
            small = stmt.body[0]
            if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is not None:
                mapped = map_path_literals(small.value, self.options)
                if mapped is not small.value:
                    out[id(stmt)] = mapped
        return out

    def _studio_helpers(self) -> dict[str, tuple[int | None, str | None]]:
        """Module functions written like Glue Studio's generated helpers (``sparkSqlQuery(glueContext, query,
        mapping, transformation_ctx)``), called in this module: a ``transformation_ctx`` parameter used only
        as a call argument (Glue calls, which lose it), maybe after a leading GlueContext parameter.
        Name -> (position of ``transformation_ctx``, GlueContext parameter name or None)."""
        out: dict[str, tuple[int | None, str | None]] = {}
        if not self.tracked:
            return out
        for name, function in self.facts.functions.items():
            if function is None or self.facts.scope_parent.get(id(function)) != MODULE_SCOPE:
                continue
            params = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
            ctx = params.index("transformation_ctx") if "transformation_ctx" in params else None
            if ctx is not None and not all(
                isinstance(self.facts.parent.get(id(n)), cst.Arg)
                for n in self.facts.names.get("transformation_ctx", ())
                if self.facts.within(n, function)
            ):
                ctx = None
            # Only the Studio shape, called in this module: other callers' keywords would not match any more.
            if ctx is None or not self.facts.call_sites.get(name):
                continue
            glue = params[0] if params[0] in GLUE_CONTEXT_PARAMS and "spark" not in params else None
            out[name] = (ctx, glue)
        return out

    def _frame_methods(self) -> set[int]:
        """Module functions that are DynamicFrame methods: attached with ``DynamicFrame.fn = fn`` or
        ``setattr(DynamicFrame, "fn", fn)``, or written like one (a module-level ``def fn(self, ...)`` reading
        ``self.glue_ctx``). Their ``self`` is a DynamicFrame, so a DataFrame once converted."""
        facts = self.facts
        out: set[int] = set()
        attached: list[cst.BaseExpression] = []
        for local in {*facts.imports, "DynamicFrame"}:  # the name itself: a star import may bring it
            if not self.resolver.is_glue_class(cst.Name(local), "DynamicFrame"):
                continue
            for name in facts.names.get(local, ()):
                node = facts.parent.get(id(name))
                if isinstance(node, cst.Attribute) and isinstance(facts.parent.get(id(node)), cst.AssignTarget):
                    assign = facts.parent.get(id(facts.parent.get(id(node))))
                    if isinstance(assign, cst.Assign):
                        attached.append(assign.value)
        for call in facts.call_sites.get("setattr", ()):
            if len(call.args) == 3 and self.resolver.is_glue_class(call.args[0].value, "DynamicFrame"):
                attached.append(call.args[2].value)
        for value in attached:
            if isinstance(value, cst.Name) and facts.functions.get(value.value) is not None:
                out.add(id(facts.functions[value.value]))
        for node in facts.attributes.get("glue_ctx", ()):
            if isinstance(node.value, cst.Name) and node.value.value == "self":
                scope = self.resolver.where(node)[0]
                param = facts.params.get((scope, "self"))
                if param is not None and param.position == 0 and facts.scope_parent.get(scope) == MODULE_SCOPE:
                    out.add(scope)
        return out

    def _context_params(self) -> tuple[dict[int, str], dict[int, str]]:
        """Functions and methods with a GlueContext parameter under its conventional name (``glue_context``),
        which becomes ``spark``: id(function) -> parameter name, and id(function) -> its new name. A
        function with a ``spark`` of its own (``def __init__(self, args, spark, glueContext)``) has the
        parameter named ``session`` instead (both hold the one SparkSession now), unless that is taken too;
        ``glue_context`` and the like, which are no Glue residue, then keep theirs. Not for lambdas."""
        out: dict[int, str] = {}
        names: dict[int, str] = {}
        facts = self.facts
        for (scope, name), param in facts.params.items():
            if name not in GLUE_CONTEXT_PARAMS or scope in out:
                continue
            function = facts.parent.get(id(facts.parent.get(id(param.node))))
            if not isinstance(function, cst.FunctionDef) or (
                    self.resolver.param_kind(scope, name) is not Kind.GLUE_CONTEXT):
                continue
            target = "spark"
            if (scope, "spark") in facts.params or (
                    (scope, "spark") in facts.assigns and not self._session_alias(scope, name)):
                if name != "glueContext" or self._name_taken(scope, "session"):
                    continue
                target = "session"
            out[scope] = name
            names[scope] = target
        return out, names

    def _name_taken(self, scope: int, name: str) -> bool:
        """``name`` is a parameter of ``scope`` or used anywhere in the module (kept simple: any use could be
        shadowed or read by the renamed parameter)."""
        return (scope, name) in self.facts.params or bool(self.facts.names.get(name))

    def _session_alias(self, scope: int, param: str) -> bool:
        """Every ``spark = ...`` in the function is ``spark = <param>.spark_session``: with the parameter named
        ``spark`` those become ``spark = spark``, which ``context.SelfAssignment`` removes."""
        bindings = self.facts.assigns.get((scope, "spark"), ())
        return bool(bindings) and all(
            isinstance(b.value, cst.Attribute) and b.value.attr.value == "spark_session"
            and isinstance(b.value.value, cst.Name) and b.value.value.value == param for b in bindings)

    def renamed_parameter(self, name: str, scope: int) -> bool:
        """``name`` seen from ``scope`` is a GlueContext parameter renamed to ``spark``."""
        return self.parameter_name(name, scope) is not None

    def parameter_name(self, name: str, scope: int) -> str | None:
        """The new name of GlueContext parameter ``name`` seen from ``scope`` (``spark``, or ``session`` beside
        a ``spark`` of the function's own), None when it is no renamed parameter."""
        if not self.context_params:
            return None
        bound = self.resolver.binding_scope(name, scope)
        if bound is None or self.context_params.get(bound) != name:
            return None
        return self.context_param_names[bound]

    def _hot_nodes(self) -> set[int]:
        facts = self.facts
        hot: set[int] = {id(self.module), *self.path_constants}

        def mark(node: cst.CSTNode) -> None:
            while node is not None and id(node) not in hot:
                hot.add(id(node))
                node = facts.parent.get(id(node))

        keys = self.index.call_keys
        gated = self.index.gated_keys
        receivers = self.index.receiver_kinds if self.tracked else frozenset()  # Glue values need awsglue names
        kind_at = self.resolver.kind_at
        for call in facts.calls:
            key = call_key(call)
            if key in keys and (key not in gated or not gated[key].isdisjoint(self.imported_packages)):
                mark(call)
            elif receivers and type(call.func) is cst.Attribute and kind_at(call.func.value, call) in receivers:
                mark(call)
        for value in self.tracked | self.renamed_contexts:
            for node in facts.names.get(value, ()):
                mark(node)
        for attr in self.index.attribute_keys:
            for node in facts.attributes.get(attr, ()):
                mark(node)
        for planned in self.sql_texts.values():
            mark(planned.node)
        for node in facts.annotation_strings:
            if self.tracked and any(word in self.tracked for word in _WORDS.findall(node.value)):
                mark(node)
        for scope, name in self.context_params.items():
            mark(self.facts.params[(scope, name)].node)
            for node in facts.names.get(name, ()):
                if self.renamed_parameter(name, self.resolver.where(node)[0]):
                    mark(node)
        for args in facts.keyword_args.values():
            for arg in args:
                mark(arg)
        for name, (_, glue) in self.studio_helpers.items():
            mark(facts.functions[name])  # type: ignore[arg-type]
            for call in facts.call_sites.get(name, ()):
                mark(call)
            for node in facts.names.get(glue or "", ()):
                mark(node)
        # With no rule call site, Glue name, path constant or import the pass may prune, the pass would
        # give the module back as it was: the driver skips it.
        modules = [module for module, _ in facts.imports.values()] + list(facts.star_imports)
        self.needs_transform = len(hot) > 1 or bool(self.tracked) or any(
            module.startswith(GLUE_MODULES) or module in ("pyspark.context", "pyspark") for module in modules)
        for node in facts.import_nodes:
            mark(node)
        return hot

    def line_of(self, node: cst.CSTNode) -> int:
        line = self.facts.lines.get(id(node))
        if line is None:
            for parent in self.facts.ancestors(node):
                line = self.facts.lines.get(id(parent))
                if line is not None:
                    break
        return line or 1

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        stmt = self.facts.statement.get(id(node))
        if stmt is not None:
            return stmt
        for parent in self.facts.ancestors(node):
            if isinstance(parent, (cst.SimpleStatementLine, *COMPOUND)):
                return parent
        return None

    # effects used by rules -----------------------------------------------------------------------------
    def decide(self, node: cst.CSTNode, api: str, action: str, rule: str, message: str) -> None:
        self.decisions.append(Decision(self.path, self.line_of(node), api, action, rule, message))

    def review(self, node: cst.CSTNode, message: str) -> None:
        stmt = self.statement_of(node)
        if stmt is not None:
            notes = self.reviews.setdefault(id(stmt), [])
            if message not in notes:
                notes.append(message)

    def append_after(self, node: cst.CSTNode, statements: Sequence[cst.BaseStatement]) -> bool:
        """Add statements after the simple statement holding ``node``; False when there is none."""
        stmt = self.statement_of(node)
        if not isinstance(stmt, cst.SimpleStatementLine):
            return False
        if isinstance(stmt.body[-1], (cst.Return, cst.Raise, cst.Break, cst.Continue)):
            # Nothing after a return runs: the statements go before it (they must not need its value).
            self.before.setdefault(id(stmt), []).extend(statements)
            return True
        self.after.setdefault(id(stmt), []).extend(statements)
        return True

    def sets_ansi_mode(self) -> bool:
        """The module already sets ``spark.sql.ansi.enabled`` (converted code, or the author did)."""
        for attr in self.facts.attributes.get("set", ()):
            call = self.facts.parent.get(id(attr))
            if isinstance(call, cst.Call) and call.args and isinstance(call.args[0].value, cst.SimpleString) and (
                call.args[0].value.evaluated_value == "spark.sql.ansi.enabled"
            ):
                return True
        return False

    def need_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        self.imports[(module, name, asname)] = None

    def use_helper(self, name: str) -> cst.Attribute:
        self.helpers.add(name)
        self.need_import(self.options.helper_module)
        return build.attribute(build.name(self.options.helper_module), name)

    def use_functions(self) -> cst.Name:
        self.need_import("pyspark.sql", "functions", "F")
        return build.name("F")

    def consume_within(self, node: cst.CSTNode, kept: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        """Names of tracked imports inside ``node`` no longer appear in the output (but those in ``kept``)."""
        for value in self.tracked:
            for name in self.facts.names.get(value, ()):
                if id(name) not in kept and self.facts.within(name, node):
                    self.consumed.add(id(name))

    def live_imports(self) -> set[str]:
        """Tracked names with a use left in the output (assigning the name is no use of the import)."""
        return {value for value in self.tracked if self.live_uses(value)}

    def live_uses(self, value: str) -> list[cst.Name]:
        return [n for n in self.facts.names.get(value, ())
                if id(n) not in self.consumed and not isinstance(self.facts.parent.get(id(n)), cst.AssignTarget)]


_MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "add",
                       "discard", "popitem", "sort", "reverse"})


def _changed_in_place(facts, name: str) -> bool:
    for use in facts.names.get(name, ()):
        parent = facts.parent.get(id(use))
        if isinstance(parent, cst.Attribute) and parent.value is use and parent.attr.value in _MUTATORS:
            return True
        if isinstance(parent, cst.AugAssign) and parent.target is use:
            return True
        if isinstance(parent, cst.Subscript) and parent.value is use and isinstance(
                facts.parent.get(id(parent)), (cst.AssignTarget, cst.AugAssign, cst.Del)):
            return True
    return False
