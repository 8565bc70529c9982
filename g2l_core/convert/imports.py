"""Import management, in the manner of libcst's ``RemoveImportsVisitor`` and ``AddImportsVisitor``: awsglue
imports nothing uses any more go (those flagged code still needs stay, with a note), and the imports
converted code needs are added once, after the module's leading import block."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.comments import keep_statements, with_reviews
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

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock):
        if original_node not in self.blocks:
            return updated_node
        body = prune_glue_imports(list(updated_node.body), self.conversion)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()])]
        return updated_node.with_changes(body=body)


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
