"""The single transforming pass: dispatches Glue call sites to the per-concern rules.

Only nodes on the path from the module to a candidate (a call a rule is keyed on, a GlueContext
name, an awsglue import) are visited; every other subtree is kept as is. That keeps the pass cheap
and guarantees formatting and comments outside rewritten nodes are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.codemod import Codemod, CodemodContext, VisitorBasedCodemodCommand

from g2l_core.convert import build, layout
from g2l_core.convert.bindings import Resolver
from g2l_core.convert.model import REVIEW_MARKER, ConvertOptions, Decision, Kind
from g2l_core.convert.registry import RuleIndex, rule_index
from g2l_core.convert.rules import ReplaceStatement, Site, call_key
from g2l_core.convert.scan import ModuleFacts, scan
from g2l_core.glue_api import GLUE_MODULES
from g2l_core.pytree import FIELD_NAMES, dotted_name

# Names whose imports are removed once no use is left; SparkContext only matters as GlueContext's argument.
TRACKED_FOREIGN = {("pyspark.context", "SparkContext"), ("pyspark", "SparkContext")}
TYPE_RENAMES = {"DynamicFrame": ("pyspark.sql", "DataFrame"), "GlueContext": ("pyspark.sql", "SparkSession")}
_BODY_OWNERS = (cst.IndentedBlock, cst.Module)
_COMPOUND = (cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.With, cst.FunctionDef, cst.ClassDef, cst.Match)


class Conversion:
    """State of converting one module: facts from the scan, decisions, helpers and imports needed."""

    def __init__(self, module: cst.Module, path: str, options: ConvertOptions, index: RuleIndex | None = None):
        self.module = module
        self.path = path
        self.options = options
        self.index = index or rule_index()
        self.facts: ModuleFacts = scan(module)
        self.resolver = Resolver(self.facts)
        self.decisions: list[Decision] = []
        self.helpers: set[str] = set()
        self.imports: dict[tuple[str, str | None, str | None], None] = {}
        self.reviews: dict[int, list[str]] = {}
        self.replacements: dict[int, ReplaceStatement] = {}
        self.consumed: set[int] = set()
        self.spark_scopes: set[int] = set()  # scopes where `spark = SparkSession...` exists already
        self.ansi_scopes: set[int] = set()  # scopes where the session's ANSI mode is switched off
        self.after: dict[int, list[cst.BaseStatement]] = {}  # id(statement) -> statements to add after it
        self.bookmarks = options.bookmarks_enabled(path)
        self.tracked = self._tracked_names()
        self.renamed_contexts = self._glue_context_bindings()
        self.path_constants = self._path_constants()
        self.hot = self._hot_nodes()

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
        out = set()
        for (scope, name), bindings in self.facts.assigns.items():
            if any(self.resolver.kind(b.value, scope, b.index) is Kind.GLUE_CONTEXT for b in bindings):
                out.add(name)
        return out

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

    def _hot_nodes(self) -> set[int]:
        facts = self.facts
        hot: set[int] = {id(self.module), *self.path_constants}

        def mark(node: cst.CSTNode) -> None:
            while node is not None and id(node) not in hot:
                hot.add(id(node))
                node = facts.parent.get(id(node))

        keys = self.index.keys
        for call in facts.calls:
            if call_key(call) in keys:
                mark(call)
        for value in self.tracked | self.renamed_contexts:
            for node in facts.names.get(value, ()):
                mark(node)
        for attr in ("spark_session", "spark_context"):
            for node in facts.attributes.get(attr, ()):
                mark(node)
        # With no rule call site, Glue name, path constant or import the pass may prune, the pass would
        # give the module back as it was: engine skips it.
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
            if isinstance(parent, (cst.SimpleStatementLine, *_COMPOUND)):
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

    def consume_within(self, node: cst.CSTNode) -> None:
        """Names of tracked imports inside ``node`` no longer appear in the output."""
        for value in self.tracked:
            for name in self.facts.names.get(value, ()):
                if any(p is node for p in self.facts.ancestors(name)):
                    self.consumed.add(id(name))

    def live_imports(self) -> set[str]:
        live = set()
        for value in self.tracked:
            if any(id(n) not in self.consumed for n in self.facts.names.get(value, ())):
                live.add(value)
        return live


class GlueToDatabricks(VisitorBasedCodemodCommand):
    DESCRIPTION = "Rewrite AWS Glue PySpark jobs into Databricks PySpark, recording a decision per call site."

    def __init__(self, context: CodemodContext, conversion: Conversion) -> None:
        # Only Codemod's part: MatcherDecoratableTransformer.__init__ reflects over every method looking
        # for @m.visit/@m.leave decorators (about 20 ms per file); dispatch here is by node type instead.
        Codemod.__init__(self, context)
        self.conversion = conversion
        self.hot = conversion.hot
        # New nodes are held (CST nodes hash by identity), not their ids: an id is reused once its node is
        # freed, and a later unrelated statement would then be taken for a dead one.
        self._dead: set[cst.CSTNode] = set()
        self._rewritten: set[cst.CSTNode] = set()  # expressions rules produced (candidates for layout.fit)
        self._leave = {
            cst.Call: self._leave_call,
            cst.Name: self._leave_name,
            cst.Attribute: self._leave_attribute,
            cst.SimpleStatementLine: self._leave_statement,
            cst.IndentedBlock: self._leave_block,
            cst.Module: self._leave_module,
        }
        for compound in _COMPOUND:
            self._leave[compound] = self._leave_compound

    def transform_module(self, tree: cst.Module) -> cst.Module:
        """Facts are keyed by node identity, so skip the copying ``MetadataWrapper`` of ``Codemod``.

        The walk is libcst's visit restricted to hot nodes: the same ``on_leave`` calls in the same
        order, but a node is rebuilt only when one of its children changed (``CSTNode.visit`` rebuilds
        every node on the way, and validates each again, which cost half a parse)."""
        result = self._rebuild(tree)
        assert isinstance(result, cst.Module)
        return result

    def _rebuild(self, node: cst.CSTNode):
        names = FIELD_NAMES[type(node)]
        if names is None:  # a node type the field table does not know: libcst's own visit
            return node.visit(self)
        hot = self.hot
        changes = {}
        for name in names:
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                if id(value) in hot:
                    new = self._rebuild(value)
                    if new is not value:
                        if not isinstance(new, cst.CSTNode):
                            raise TypeError(f"{type(node).__name__}.{name}: got {type(new).__name__}")
                        changes[name] = new
            elif isinstance(value, (tuple, list)) and any(id(item) in hot for item in value):
                items: list = []
                changed = False
                for item in value:
                    new = self._rebuild(item) if id(item) in hot else item
                    if new is item:
                        items.append(item)
                        continue
                    changed = True
                    if isinstance(new, cst.FlattenSentinel):
                        items.extend(new.nodes)
                    elif not isinstance(new, cst.RemovalSentinel):
                        items.append(new)
                if changed:
                    changes[name] = tuple(items)
        updated = node.with_changes(**changes) if changes else node
        return self.on_leave(node, updated)

    # traversal: only the hot paths ---------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self.hot

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave(self, original_node, updated_node):
        if id(original_node) not in self.hot:
            return updated_node
        handler = self._leave.get(type(original_node))
        return updated_node if handler is None else handler(original_node, updated_node)

    # expressions ---------------------------------------------------------------------------------------
    def _leave_call(self, original: cst.Call, updated: cst.Call):
        conversion = self.conversion
        func = original.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and (
            func.value.value == conversion.options.helper_module
        ):
            return updated  # already converted: g2l_helpers.split_rows(...) is not DynamicFrame.split_rows
        for rule in conversion.index.rules_for(call_key(original)):
            site = Site(conversion, original, updated)
            if not rule.matches(site):
                continue
            outcome = rule.rewrite(site)
            if isinstance(outcome, ReplaceStatement):
                stmt = conversion.statement_of(original)
                assert stmt is not None, "statement rules only match calls that are statements"
                conversion.replacements[id(stmt)] = outcome
                conversion.consume_within(stmt)
                return updated
            if outcome is None:
                return updated
            self._consume_head(original.func)
            if updated.lpar:
                outcome = outcome.with_changes(lpar=updated.lpar, rpar=updated.rpar)
            self._rewritten.add(outcome)
            return outcome
        return updated

    def _consume_head(self, func: cst.BaseExpression) -> None:
        while isinstance(func, (cst.Attribute, cst.Call)):
            func = func.value if isinstance(func, cst.Attribute) else func.func
        if isinstance(func, cst.Name):
            self.conversion.consumed.add(id(func))

    def _leave_name(self, original: cst.Name, updated: cst.Name):
        conversion = self.conversion
        value = original.value
        if value in conversion.renamed_contexts:
            scope, index = conversion.resolver.where(original)
            if conversion.resolver.kind(original, scope, index) is Kind.GLUE_CONTEXT and not (
                conversion.resolver.is_param(value, scope)
            ):
                return updated.with_changes(value="spark")
        if value in conversion.tracked and id(original) not in conversion.consumed:
            qualified = conversion.resolver.glue_import(value) or ""
            short = qualified.rsplit(".", 1)[-1]
            parent = conversion.facts.parent.get(id(original))
            if isinstance(parent, cst.Attribute) and parent.value is original:
                return updated  # DynamicFrame.fromDF and the like: the call's rule handles it
            if short in TYPE_RENAMES:  # annotations, isinstance checks
                module, new = TYPE_RENAMES[short]
                conversion.need_import(module, new)
                conversion.consumed.add(id(original))
                return updated.with_changes(value=new)
            if short == "DynamicFrameCollection":
                conversion.consumed.add(id(original))
                return updated.with_changes(value="dict")
        return updated

    def _leave_attribute(self, original: cst.Attribute, updated: cst.Attribute):
        attr = original.attr.value
        if attr not in ("spark_session", "spark_context"):
            return updated
        conversion = self.conversion
        if conversion.resolver.kind_at(original.value, original) is not Kind.GLUE_CONTEXT:
            return updated
        conversion.decide(original, f"GlueContext.{attr}", "converted", "SparkSessionAttribute",
                          "the GlueContext is the SparkSession in converted code")
        if attr == "spark_context":
            return build.attribute(updated.value, "sparkContext")
        return updated.value

    # statements ----------------------------------------------------------------------------------------
    def _leave_statement(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        after = self.conversion.after.get(id(original))
        result = self._laid_out(original, self._statement(original, updated))
        if not after:
            return result
        if result in self._dead:  # the statement went: what follows it takes its place and comments
            self._dead.discard(result)
            first = after[0].with_changes(leading_lines=[*result.leading_lines, *after[0].leading_lines])
            return cst.FlattenSentinel([first, *after[1:]])
        head = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
        return cst.FlattenSentinel([*head, *after])

    def _laid_out(self, original: cst.SimpleStatementLine, result):
        """Long statements the rules wrote are spread over lines (see ``layout``)."""
        nodes = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
        generated = id(original) in self.conversion.replacements
        out = []
        for node in nodes:
            value = getattr(node.body[0], "value", None) if isinstance(node, cst.SimpleStatementLine) else None
            if value is not None and (value in self._rewritten or generated):
                node = layout.fit(node, self._indent(original), self.conversion.module.default_indent)
            out.append(node)
        if isinstance(result, cst.FlattenSentinel):
            return cst.FlattenSentinel(out)
        return out[0]

    def _indent(self, original: cst.CSTNode) -> int:
        module = self.conversion.module
        return sum(len(p.indent if p.indent is not None else module.default_indent)
                   for p in self.conversion.facts.ancestors(original) if isinstance(p, cst.IndentedBlock))

    def _statement(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        conversion = self.conversion
        mapped = conversion.path_constants.get(id(original))
        if mapped is not None:
            small = updated.body[0]
            target = conversion.module.code_for_node(small.targets[0].target if isinstance(small, cst.Assign)
                                                     else small.target)  # type: ignore[union-attr]
            conversion.decide(original, "S3 path constant", "converted", "PathConstant",
                              f"{target}: path_map applied where the constant is defined")
            return updated.with_changes(body=[small.with_changes(value=mapped)])
        replacement = conversion.replacements.get(id(original))
        notes = conversion.reviews.get(id(original), ())
        if replacement is None and _is_self_assignment(updated):
            replacement = ReplaceStatement(())
        if replacement is None:
            return _with_reviews(updated, notes)
        statements = [_as_statement(s) for s in replacement.statements]
        if not statements:
            dead = build.expression_statement(cst.Ellipsis()).with_changes(
                leading_lines=[*updated.leading_lines, *_review_lines(updated.leading_lines, notes)])
            self._dead.add(dead)
            return dead
        first = statements[0].with_changes(leading_lines=updated.leading_lines)
        statements[0] = _with_reviews(first, notes)
        if len(statements) == 1:
            return statements[0]
        return cst.FlattenSentinel(statements)

    def _leave_compound(self, original, updated):
        return _with_reviews(updated, self.conversion.reviews.get(id(original), ()))

    def _leave_block(self, original: cst.IndentedBlock, updated: cst.IndentedBlock):
        body, carry = self._drop_dead(updated.body)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()], leading_lines=carry)]
            carry = []
        return updated.with_changes(body=body, footer=[*carry, *updated.footer])

    def _drop_dead(self, body: Sequence[cst.BaseStatement]):
        """Remove placeholder statements, moving their comments to the next statement."""
        out: list[cst.BaseStatement] = []
        carry: list[cst.EmptyLine] = []
        for stmt in body:
            if stmt in self._dead:
                carry.extend(stmt.leading_lines)
                continue
            if carry:
                stmt = stmt.with_changes(leading_lines=merge_leading_lines(carry, stmt.leading_lines))
                carry = []
            out.append(stmt)
        return out, _trim_blank(carry)

    def _leave_module(self, original: cst.Module, updated: cst.Module):
        body, carry = self._drop_dead(updated.body)
        header = [line for line in updated.header if line.comment is not None]
        body = _prune_glue_imports(body, self.conversion, header)
        body = _add_imports(body, self.conversion.imports)
        return updated.with_changes(body=body, footer=[*carry, *updated.footer])


def map_path_literals(node: cst.BaseExpression, options: ConvertOptions) -> cst.BaseExpression:
    """``node`` with ``path_map`` applied to its string literals (a string, or list/tuple elements and dict
    values, nested); the same object when nothing matched. The literal keeps its quote style."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if not isinstance(value, str):
            return node
        new = options.map_path(value)
        if new == value:
            return node
        quote = node.quote
        prefix = node.prefix.lower()
        if "b" in prefix or "\\" in new or quote[0] in new or "\n" in new:
            return build.string(new)
        return node.with_changes(value=f"{node.prefix}{quote}{new}{quote}")
    if isinstance(node, (cst.List, cst.Tuple)):
        elements = [e.with_changes(value=map_path_literals(e.value, options)) if isinstance(e, cst.Element) else e
                    for e in node.elements]
        changed = any(a.value is not b.value for a, b in zip(elements, node.elements) if isinstance(a, cst.Element))
        return node.with_changes(elements=elements) if changed else node
    if isinstance(node, cst.Dict):
        elements = [e.with_changes(value=map_path_literals(e.value, options)) if isinstance(e, cst.DictElement)
                    else e for e in node.elements]
        changed = any(a.value is not b.value for a, b in zip(elements, node.elements) if isinstance(a, cst.DictElement))
        return node.with_changes(elements=elements) if changed else node
    return node


def merge_leading_lines(carried: Sequence[cst.EmptyLine], own: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """Lines above a removed statement move to the next one: comments are kept, and blank lines do not
    pile up (the larger of the two blank gaps wins)."""
    if any(line.comment for line in carried):
        return [*carried, *own]
    return list(own) if len(own) >= len(carried) else [*carried[len(own):], *own]


def _trim_blank(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    return lines if any(line.comment for line in lines) else []


def _as_statement(node) -> cst.BaseStatement:
    if isinstance(node, cst.BaseStatement):
        return node
    return cst.SimpleStatementLine([node])


def _is_self_assignment(stmt: cst.SimpleStatementLine) -> bool:
    """``spark = spark`` left over once ``spark = glueContext.spark_session`` is renamed."""
    if len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Assign):
        return False
    assign = stmt.body[0]
    return (
        len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and isinstance(assign.value, cst.Name)
        and assign.targets[0].target.value == assign.value.value == "spark"
    )


def _review_lines(existing: Sequence[cst.EmptyLine], notes: Sequence[str]) -> list[cst.EmptyLine]:
    present = {line.comment.value for line in existing if line.comment is not None}
    out = []
    for note in notes:
        text = f"{REVIEW_MARKER} {note}"
        if text not in present:
            out.append(build.comment_line(text))
    return out


def _with_reviews(stmt, notes: Sequence[str], above: Sequence[cst.EmptyLine] = ()):
    if not notes:
        return stmt
    new = _review_lines([*above, *stmt.leading_lines], notes)
    return stmt.with_changes(leading_lines=[*stmt.leading_lines, *new]) if new else stmt


def _import_parts(stmt: cst.BaseStatement):
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        node = stmt.body[0]
        if isinstance(node, (cst.Import, cst.ImportFrom)):
            return node
    return None


def _prune_glue_imports(body: list[cst.BaseStatement], conversion: Conversion,
                        header: Sequence[cst.EmptyLine] = ()) -> list[cst.BaseStatement]:
    """Drop awsglue imports nothing uses any more; keep (and mark) those flagged code still needs.

    ``header``: comments libcst parsed as the module header, which sit above the first statement."""
    live = conversion.live_imports()
    out: list[cst.BaseStatement] = []
    carry: list[cst.EmptyLine] = []
    for stmt in body:
        node = _import_parts(stmt)
        keep = stmt
        if isinstance(node, cst.ImportFrom) and node.module is not None:
            module = dotted_name(node.module)
            tracked = module.startswith(GLUE_MODULES) or module in ("pyspark.context", "pyspark")
            if tracked and isinstance(node.names, cst.ImportStar):
                star_live = any(conversion.resolver.glue_import(n) for n in live if n not in conversion.facts.imports)
                keep = stmt if star_live and module.startswith(GLUE_MODULES) else None
            elif tracked:
                names = [a for a in node.names if _local(a) in live or _local(a) not in conversion.tracked]
                if len(names) != len(node.names):
                    if names:
                        names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                        keep = stmt.with_changes(body=[node.with_changes(
                            names=names, lpar=None if len(names) == 1 else node.lpar,
                            rpar=None if len(names) == 1 else node.rpar)])
                    else:
                        keep = None
            if keep is not None and module.startswith(GLUE_MODULES):
                above = list(header) if not out else []
                keep = _with_reviews(keep, ["flagged code below still uses this awsglue import"], above)
        elif isinstance(node, cst.Import):
            names = [a for a in node.names if not dotted_name(a.name).startswith(GLUE_MODULES)
                     or _local(a) in live]
            if len(names) != len(node.names):
                keep = stmt.with_changes(body=[node.with_changes(names=_fix_commas(names))]) if names else None
        if keep is None:
            carry.extend(stmt.leading_lines)
            continue
        if carry:
            keep = keep.with_changes(leading_lines=merge_leading_lines(carry, keep.leading_lines))
            carry = []
        out.append(keep)
    return out


def _fix_commas(names):
    names = list(names)
    if names:
        names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return names


def _local(alias: cst.ImportAlias) -> str:
    if alias.asname is not None:
        return alias.asname.name.value  # type: ignore[union-attr]
    return dotted_name(alias.name).split(".")[0]


def _existing_imports(body: Sequence[cst.BaseStatement]) -> set[tuple[str, str | None, str | None]]:
    found = set()
    for stmt in body:
        node = _import_parts(stmt)
        if isinstance(node, cst.ImportFrom) and node.module is not None and not isinstance(node.names, cst.ImportStar):
            module = dotted_name(node.module)
            for alias in node.names:
                asname = alias.asname.name.value if alias.asname else None  # type: ignore[union-attr]
                found.add((module, dotted_name(alias.name), asname))
        elif isinstance(node, cst.Import):
            for alias in node.names:
                asname = alias.asname.name.value if alias.asname else None  # type: ignore[union-attr]
                found.add((dotted_name(alias.name), None, asname))
    return found


def _import_statement(module: str, name: str | None, asname: str | None) -> cst.SimpleStatementLine:
    alias_as = cst.AsName(name=cst.Name(asname)) if asname else None
    if name is None:
        node: cst.BaseSmallStatement = cst.Import(names=[cst.ImportAlias(build.dotted(module), asname=alias_as)])
    else:
        node = cst.ImportFrom(module=build.dotted(module), names=[cst.ImportAlias(cst.Name(name), asname=alias_as)])
    return cst.SimpleStatementLine([node])


def _add_imports(body: list[cst.BaseStatement], needed) -> list[cst.BaseStatement]:
    """Insert missing imports after the module's leading import block (or its docstring)."""
    existing = _existing_imports(body)
    missing = [key for key in needed if key not in existing]
    if not missing:
        return body
    position = 0
    for i, stmt in enumerate(body):
        if _import_parts(stmt) is not None:
            position = i + 1
        elif i == 0 and _is_docstring(stmt):
            position = 1
        else:
            break
    standard = sorted(k for k in missing if k[0] in ("logging", "sys", "os"))
    others = sorted(k for k in missing if k not in standard)
    new = [_import_statement(*k) for k in (*standard, *others)]
    if position == 0 and body and not body[0].leading_lines:
        body = [body[0].with_changes(leading_lines=[cst.EmptyLine()]), *body[1:]]
    if position == 1 and _is_docstring(body[0]) and not any(_import_parts(s) for s in body[:2]):
        new[0] = new[0].with_changes(leading_lines=[cst.EmptyLine()])
        if position < len(body):
            body = [*body[:position], *new, _ensure_blank(body[position]), *body[position + 1:]]
            return body
    return [*body[:position], *new, *body[position:]]


def _ensure_blank(stmt: cst.BaseStatement) -> cst.BaseStatement:
    if stmt.leading_lines:
        return stmt
    return stmt.with_changes(leading_lines=[cst.EmptyLine()])


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
