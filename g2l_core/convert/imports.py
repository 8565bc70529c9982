"""Import management, in the manner of libcst's ``RemoveImportsVisitor`` and ``AddImportsVisitor``: awsglue
imports nothing uses any more go (those flagged code still needs stay, with a note), and the imports
converted code needs are added once, after the module's leading import block."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.comments import keep_statements, merge_leading_lines, trim_blank, with_reviews
from g2l_core.convert.state import Conversion
from g2l_core.glue_api import GLUE_MODULES
from g2l_core.pytree import dotted_name


def _import_parts(stmt: cst.BaseStatement):
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        node = stmt.body[0]
        if isinstance(node, (cst.Import, cst.ImportFrom)):
            return node
    return None


def prune_glue_imports(body: list[cst.BaseStatement], conversion: Conversion,
                        header: Sequence[cst.EmptyLine] = ()) -> list[cst.BaseStatement]:
    """Drop awsglue imports nothing uses any more; keep (and mark) those flagged code still needs.

    ``header``: comments libcst parsed as the module header, which sit above the first statement."""
    live = conversion.live_imports()
    header = list(header)

    def pruned(stmt: cst.BaseStatement, first: bool) -> cst.BaseStatement | None:
        node = _import_parts(stmt)
        keep = stmt
        if isinstance(node, cst.ImportFrom) and node.module is not None:
            module = dotted_name(node.module)
            tracked = module.startswith(GLUE_MODULES) or module in ("pyspark.context", "pyspark")
            kept_names: list[str] = []
            if tracked and isinstance(node.names, cst.ImportStar):
                kept_names = [n for n in live if n not in conversion.facts.imports and conversion.resolver.glue_import(n)]
                keep = stmt if kept_names and module.startswith(GLUE_MODULES) else None
            elif tracked:
                kept_names = [_local(a) for a in node.names if _local(a) in live]
                names = build.kept(node.names, lambda a: _local(a) in live or _local(a) not in conversion.tracked)
                if len(names) != len(node.names):
                    if names:
                        keep = stmt.with_changes(body=[node.with_changes(names=names)])
                    else:
                        keep = None
            if keep is not None and module.startswith(GLUE_MODULES):
                above = header if first else []
                keep = with_reviews(keep, [still_used(kept_names)], above)
        elif isinstance(node, cst.Import):
            names = build.kept(node.names, lambda a: (not dotted_name(a.name).startswith(GLUE_MODULES) or _local(a) in live)
                               and _local(a) not in conversion.unused_imports)
            if len(names) != len(node.names):
                keep = stmt.with_changes(body=[node.with_changes(names=names)]) if names else None
            kept_glue = [_local(a) for a in names if dotted_name(a.name).startswith(GLUE_MODULES)]
            if keep is not None and kept_glue:
                keep = with_reviews(keep, [still_used(kept_glue)], header if first else [])
        return keep

    return keep_statements(body, pruned)[0]


def still_used(names: Sequence[str]) -> str:
    """The review note of an awsglue import that has to stay because code left as it was still uses it
    (no line numbers: a second conversion of the output must give the same note)."""
    listed = ", ".join(sorted(names))
    return f"awsglue import kept: code below still uses {listed}"


def prune_nested_imports(module: cst.Module, conversion: Conversion, blocks: set[cst.CSTNode]) -> cst.Module:
    """awsglue imports inside functions, methods and ``try`` blocks, pruned like module-level ones once the
    whole module is converted (a later statement may still use the name)."""
    return module.visit(_NestedImports(conversion, blocks))  # type: ignore[return-value]


class _NestedImports(cst.CSTTransformer):
    def __init__(self, conversion: Conversion, blocks: set[cst.CSTNode]) -> None:
        super().__init__()
        self.conversion = conversion
        self.blocks = blocks
        # id(try statement) -> (what replaces it, the lines above it, the comments of its handlers)
        self.unwrapped: dict[int, tuple[list[cst.BaseStatement], list[cst.EmptyLine], list[cst.EmptyLine]]] = {}
        self.placeholders: set[int] = set()

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock):
        body = list(updated_node.body)
        if original_node in self.blocks:
            body = prune_glue_imports(body, self.conversion)
        body, carry = self._unwrap(body)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()], leading_lines=carry)]
            carry = []
        return updated_node.with_changes(body=body, footer=[*carry, *updated_node.footer])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module):
        body, carry = self._unwrap(list(updated_node.body))
        return updated_node.with_changes(body=body, footer=[*carry, *updated_node.footer])

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try):
        """``try: <awsglue imports> except ImportError: GlueContext = None``: once the imports are gone the
        body cannot raise, so no handler can run (and their fallbacks, renamed like any Glue name, would rebind
        ``SparkSession``): the statement is its body, ``else`` and ``finally`` in that order."""
        if original_node.body not in self.blocks or not all(_cannot_raise(s) for s in updated_node.body.body):
            return updated_node
        kept = [s for s in updated_node.body.body if not _is_pass(s)]
        for clause in (updated_node.orelse, updated_node.finalbody):
            if clause is not None:
                kept.extend(clause.body.body)  # type: ignore[attr-defined]
        self.unwrapped[id(updated_node)] = (kept, list(updated_node.leading_lines), _handler_comments(updated_node))
        return updated_node

    def _unwrap(self, body: list[cst.BaseStatement]) -> tuple[list[cst.BaseStatement], list[cst.EmptyLine]]:
        if not self.unwrapped:
            return body, []
        out: list[cst.BaseStatement] = []
        for stmt in body:
            found = self.unwrapped.get(id(stmt))
            if found is None:
                out.append(stmt)
                continue
            kept, above, handlers = found
            lines = [*above, *handlers]
            if kept:  # the try's own lines stand above its first statement, whose blank lines inside go
                own = [line for line in kept[0].leading_lines if line.comment] if above else kept[0].leading_lines
                lines = [*merge_leading_lines(above, own), *handlers]
                kept[0] = kept[0].with_changes(leading_lines=lines)
            else:  # nothing left: a placeholder dropped below, its comments moving to the next statement
                kept = [cst.SimpleStatementLine([cst.Pass()], leading_lines=lines)]
                self.placeholders.add(id(kept[0]))
            out.extend(kept)
        out, carry = keep_statements(out, lambda stmt, first: None if id(stmt) in self.placeholders else stmt)
        return out, trim_blank(carry)


def _is_pass(stmt: cst.BaseStatement) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(n, cst.Pass) for n in stmt.body)


_LITERALS = (cst.Integer, cst.Float, cst.SimpleString, cst.Ellipsis)


def _cannot_raise(stmt: cst.BaseStatement) -> bool:
    """``pass``, a docstring, ``NAME = <literal>`` or ``return <literal>``: nothing a handler could catch."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for node in stmt.body:
        if isinstance(node, cst.Pass) or (isinstance(node, cst.Expr) and _literal(node.value)):
            continue
        if isinstance(node, cst.Assign) and all(isinstance(t.target, cst.Name) for t in node.targets) and (
                _literal(node.value)):
            continue
        if isinstance(node, cst.Return) and (node.value is None or _literal(node.value)):
            continue
        return False
    return True


def _literal(node: cst.BaseExpression) -> bool:
    return isinstance(node, _LITERALS) or (isinstance(node, cst.Name) and node.value in ("True", "False", "None"))


def _handler_comments(node: cst.Try) -> list[cst.EmptyLine]:
    """The comments of the handlers that go, kept as lines."""
    lines: list[cst.EmptyLine] = []
    for handler in node.handlers:
        lines.extend(line for line in handler.leading_lines if line.comment)
        header = getattr(handler.body, "header", None)
        if header is not None and header.comment is not None:
            lines.append(cst.EmptyLine(comment=header.comment))
        for stmt in handler.body.body:  # type: ignore[attr-defined]
            lines.extend(line for line in stmt.leading_lines if line.comment)
            comment = getattr(getattr(stmt, "trailing_whitespace", None), "comment", None)
            if comment is not None:
                lines.append(cst.EmptyLine(comment=comment))
    return lines


def holds_glue_import(body: Sequence[cst.BaseStatement]) -> bool:
    for stmt in body:
        node = _import_parts(stmt)
        if isinstance(node, cst.ImportFrom) and node.module is not None and (
                dotted_name(node.module).startswith(GLUE_MODULES)):
            return True
        if isinstance(node, cst.Import) and any(dotted_name(a.name).startswith(GLUE_MODULES) for a in node.names):
            return True
    return False


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
    return build.statement(node)


def add_imports(body: list[cst.BaseStatement], needed) -> list[cst.BaseStatement]:
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
