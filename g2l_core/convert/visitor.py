"""The single transforming pass: dispatches the hot nodes of a module to the rule table.

Only nodes on the path from the module to a candidate (a call a rule is keyed on, a GlueContext
name, an awsglue import) are visited; every other subtree is kept as is. That keeps the pass cheap
and guarantees formatting and comments outside rewritten nodes are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.codemod import Codemod, CodemodContext, VisitorBasedCodemodCommand

from g2l_core.convert import build, layout
from g2l_core.convert.comments import as_statement, keep_statements, review_lines, trim_blank, with_reviews
from g2l_core.convert.imports import add_imports, holds_glue_import, prune_glue_imports, prune_nested_imports
from g2l_core.convert.model import FLAGGED
from g2l_core.convert.state import COMPOUND, Conversion, ReplaceStatement, Site, call_key
from g2l_core.pytree import FIELD_NAMES, GETTERS


def note_star_arguments(site: Site, rule, outcome) -> None:
    """A converted call that took ``*args``/``**kwargs``: the rule saw only the arguments spelled out, so
    whatever the starred values hold (a push-down predicate, additional options, a bookmark context) is
    lost unless the replacement still passes them on. Said once, for every rule, here."""
    starred = [a for a in site.updated.args if a.star]
    roots = list(outcome.statements) if isinstance(outcome, ReplaceStatement) else [outcome]
    kept = {id(n) for n in _nodes(roots)}
    lost = [a for a in starred if id(a.value) not in kept]
    if not lost:
        return
    spelled = ", ".join(f"{a.star}{site.code(a.value)}" for a in lost)
    unseen = ", ".join(site.unseen)
    message = f"{spelled} not carried over: the conversion cannot see into it"
    message += f"; any of {unseen} in it is ignored, other keys are unknown" if unseen else "; its keys are ignored"
    site.record(f"{site.api or rule.API or type(rule).__name__} starred arguments", FLAGGED, type(rule).__name__, message)
    site.review(message)


def _nodes(roots):
    stack = list(roots)
    while stack:
        node = stack.pop()
        yield node
        for value in GETTERS[type(node)](node):
            if isinstance(value, (tuple, list)):
                stack.extend(v for v in value if isinstance(v, cst.CSTNode))
            elif isinstance(value, cst.CSTNode):
                stack.append(value)


def _name_ids(root: cst.CSTNode) -> set[int]:
    """ids of the ``Name`` nodes in ``root``'s tree."""
    out: set[int] = set()
    stack: list = [root]
    while stack:
        node = stack.pop()
        t = type(node)
        if t is cst.Name:
            out.add(id(node))
            continue  # only parentheses under it
        for value in GETTERS[t](node):
            tv = type(value)
            if tv is tuple or tv is list:
                stack.extend(value)
            elif tv not in _LEAVES:
                stack.append(value)
    return out


_LEAVES = (type(None), cst.MaybeSentinel, str, bool, cst.SimpleWhitespace, cst.Newline)  # no Name under them


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
        self._import_blocks: set[cst.CSTNode] = set()  # blocks holding awsglue imports, pruned at the end

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
            # ``hot`` holds ids of the tree's live nodes only: no other live value (None, a sequence) has
            # one of them, so the lookup settles what ``value`` is without ``isinstance`` (an ABC check)
            if id(value) in hot:
                new = self._rebuild(value)
                if new is not value:
                    if not isinstance(new, cst.CSTNode):
                        raise TypeError(f"{type(node).__name__}.{name}: got {type(new).__name__}")
                    changes[name] = new
            elif (type(value) is tuple or type(value) is list) and any(id(item) in hot for item in value):
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
        handler = _LEAVE.get(type(original_node))
        return updated_node if handler is None else handler(self, original_node, updated_node)

    # expressions ---------------------------------------------------------------------------------------
    def _leave_call(self, original: cst.Call, updated: cst.Call):
        conversion = self.conversion
        func = original.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and (
            func.value.value == conversion.options.helper_module
        ):
            return updated  # already converted: g2l_helpers.split_by_filter(...) is not DynamicFrame.split_rows
        for rule in conversion.index.rules_for(cst.Call, call_key(original)):
            site = Site(conversion, original, updated)
            if not rule.matches(site):
                continue
            outcome = rule.rewrite(site)
            if outcome is not None and any(a.star for a in original.args):
                note_star_arguments(site, rule, outcome)
            if isinstance(outcome, ReplaceStatement):
                stmt = conversion.statement_of(original)
                assert stmt is not None, "statement rules only match calls that are statements"
                conversion.replacements[id(stmt)] = outcome
                conversion.consume_within(stmt)
                return updated
            if outcome is None:
                return updated
            self._consume_replaced(original, outcome)
            if updated.lpar:
                outcome = outcome.with_changes(lpar=updated.lpar, rpar=updated.rpar)
            self._rewritten.add(outcome)
            return outcome
        return updated

    def _consume_replaced(self, original: cst.Call, outcome: cst.CSTNode) -> None:
        """Tracked names of a replaced call that its replacement no longer holds: the name its chain starts
        from (``Spigot.apply(...).toDF()`` -> ``Spigot.apply(...)`` still needs ``Spigot``) and those in its
        arguments (``GlueContext(SparkContext.getOrCreate())`` leaves no use of SparkContext)."""
        conversion = self.conversion
        head = original.func
        while isinstance(head, (cst.Attribute, cst.Call)):
            head = head.value if isinstance(head, cst.Attribute) else head.func
        gone: list[cst.Name] = []
        if isinstance(head, cst.Name):
            if head.value not in conversion.tracked:
                conversion.consumed.add(id(head))
            else:
                gone.append(head)
        facts = conversion.facts
        gone += [n for value in conversion.tracked for n in facts.names.get(value, ())
                 if n is not head and id(n) not in conversion.consumed and facts.within(n, original)]
        if gone:
            kept = _name_ids(outcome)
            conversion.consumed.update(id(n) for n in gone if id(n) not in kept)

    def _leave_name(self, original: cst.Name, updated: cst.Name):
        return self._apply_rules(original, updated, original.value)

    def _leave_attribute(self, original: cst.Attribute, updated: cst.Attribute):
        return self._apply_rules(original, updated, original.attr.value)

    def _leave_string(self, original: cst.SimpleString, updated: cst.SimpleString):
        return self._apply_rules(original, updated, None)

    def _apply_rules(self, original, updated, key: str | None):
        """The first rule for the node that rewrites it; expressions only (statements go by ``_statement``)."""
        conversion = self.conversion
        rules = conversion.index.rules_for(type(original), key)
        site = Site(conversion, original, updated) if rules else None
        for rule in rules:
            if rule.matches(site):
                outcome = rule.rewrite(site)
                if outcome is not None:
                    return outcome
        return updated

    # statements ----------------------------------------------------------------------------------------
    def _leave_statement(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        after = self.conversion.after.get(id(original))
        before = self.conversion.before.get(id(original))
        result = self._laid_out(original, self._statement(original, updated))
        if updated is not original and self._spans_lines(original):
            result = _with_lost_comments(original, result, self._dead)
        if before and result not in self._dead:
            head = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
            first = before[0].with_changes(leading_lines=[*head[0].leading_lines, *before[0].leading_lines])
            result = cst.FlattenSentinel([first, *before[1:], head[0].with_changes(leading_lines=()), *head[1:]])
        if not after:
            return result
        if result in self._dead:  # the statement went: what follows it takes its place and comments
            self._dead.discard(result)
            first = after[0].with_changes(leading_lines=[*result.leading_lines, *after[0].leading_lines])
            return cst.FlattenSentinel([first, *after[1:]])
        head = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
        return cst.FlattenSentinel([*head, *after])

    def _spans_lines(self, original: cst.SimpleStatementLine) -> bool:
        """A comment may sit inside the statement: one of its lines but the last holds a ``#`` (brackets and
        backslashes followed on the source lines). Read off the text, as walking every rewritten statement
        for comments costs a tenth of a conversion."""
        line = self.conversion.facts.lines.get(id(original))
        lines = self.conversion.source_lines
        if line is None or not 0 < line <= len(lines):
            return True
        depth = 0
        for text in lines[line - 1:]:
            code, hash_mark, _ = text.partition("#")
            depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
            more = depth > 0 or code.rstrip().endswith("\\")
            if hash_mark and more:
                return True
            if not more:
                return False
        return True

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
        replacement = conversion.replacements.get(id(original))
        notes = conversion.reviews.get(id(original), ())
        if replacement is None:  # no call in it replaced the statement: statement rules may
            site = Site(conversion, original, updated)
            for rule in conversion.index.rules_for(cst.SimpleStatementLine, None):
                if rule.matches(site):
                    outcome = rule.rewrite(site)
                    if isinstance(outcome, ReplaceStatement):
                        replacement = outcome
                        break
                    if isinstance(outcome, cst.SimpleStatementLine):
                        updated = outcome
                        break
        if replacement is None:
            return with_reviews(updated, notes)
        statements = [as_statement(s) for s in replacement.statements]
        if not statements:
            # a trailing comment of the removed statement stays, as a line of its own
            trailing = updated.trailing_whitespace.comment
            kept = [cst.EmptyLine(comment=trailing)] if trailing is not None else []
            dead = build.expression_statement(cst.Ellipsis()).with_changes(
                leading_lines=[*updated.leading_lines, *kept, *review_lines(updated.leading_lines, notes)])
            self._dead.add(dead)
            return dead
        first = statements[0].with_changes(leading_lines=updated.leading_lines)
        statements[0] = with_reviews(first, notes)
        if len(statements) == 1:
            return statements[0]
        return cst.FlattenSentinel(statements)

    def _leave_compound(self, original, updated):
        if type(original) is cst.FunctionDef:  # every matching rule, each on what the one before made
            for rule in self.conversion.index.rules_for(cst.FunctionDef, None):
                site = Site(self.conversion, original, updated)
                if rule.matches(site):
                    updated = rule.rewrite(site) or updated
        return with_reviews(updated, self.conversion.reviews.get(id(original), ()))

    def _leave_block(self, original: cst.IndentedBlock, updated: cst.IndentedBlock):
        body, carry = self._drop_dead(updated.body)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()], leading_lines=carry)]
            carry = []
        result = updated.with_changes(body=body, footer=[*carry, *updated.footer])
        if holds_glue_import(body):
            self._import_blocks.add(result)
        return result

    def _drop_dead(self, body: Sequence[cst.BaseStatement]):
        """Remove placeholder statements, moving their comments to the next statement."""
        out, carry = keep_statements(body, lambda stmt, first: None if stmt in self._dead else stmt)
        return out, trim_blank(carry)

    def _leave_module(self, original: cst.Module, updated: cst.Module):
        body, carry = self._drop_dead(updated.body)
        header = [line for line in updated.header if line.comment is not None]
        body = prune_glue_imports(body, self.conversion, header)
        body = add_imports(body, self.conversion.imports)
        result = updated.with_changes(body=body, footer=[*carry, *updated.footer])
        if self._import_blocks:
            result = prune_nested_imports(result, self.conversion, self._import_blocks)
        return result


def _comments(node: cst.CSTNode, out: list[str]) -> list[str]:
    if type(node) is cst.Comment:
        out.append(node.value)  # type: ignore[attr-defined]
        return out
    for value in GETTERS[type(node)](node):
        if isinstance(value, cst.CSTNode):
            _comments(value, out)
        elif type(value) is tuple or type(value) is list:
            for item in value:
                if isinstance(item, cst.CSTNode):
                    _comments(item, out)
    return out


def _with_lost_comments(original: cst.SimpleStatementLine, result, dead: set):
    """Comments inside a statement a rule rebuilt (``format="csv",  # or json`` among a call's arguments)
    stay, as lines above it."""
    inside: list[str] = []
    for small in original.body:
        _comments(small, inside)
    if not inside:
        return result
    nodes = list(result.nodes) if isinstance(result, cst.FlattenSentinel) else [result]
    kept: list[str] = []
    for node in nodes:
        _comments(node, kept)
    lost = []
    for text in inside:
        if text in kept:
            kept.remove(text)
        else:
            lost.append(text)
    if not lost:
        return result
    first = nodes[0]
    lines = list(first.leading_lines)
    at = len(original.leading_lines) if lines[:len(original.leading_lines)] == list(original.leading_lines) else 0
    lines[at:at] = [cst.EmptyLine(comment=cst.Comment(text)) for text in lost]
    new_first = first.with_changes(leading_lines=lines)
    if first in dead:
        dead.discard(first)
        dead.add(new_first)
    if isinstance(result, cst.FlattenSentinel):
        return cst.FlattenSentinel([new_first, *nodes[1:]])
    return new_first


# Handlers by node type, as plain functions: bound methods held by the visitor would be a reference cycle
# through it, which keeps the file's trees alive until the cycle collector runs.
_LEAVE = {
    cst.Call: GlueToDatabricks._leave_call,
    cst.Name: GlueToDatabricks._leave_name,
    cst.Attribute: GlueToDatabricks._leave_attribute,
    cst.SimpleString: GlueToDatabricks._leave_string,
    cst.SimpleStatementLine: GlueToDatabricks._leave_statement,
    cst.IndentedBlock: GlueToDatabricks._leave_block,
    cst.Module: GlueToDatabricks._leave_module,
    **dict.fromkeys(COMPOUND, GlueToDatabricks._leave_compound),
}
