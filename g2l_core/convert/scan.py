"""One source-ordered pass over a parsed module that collects what the rules need to know.

libcst's ``PositionProvider`` and ``ScopeProvider`` each cost two to five times a parse, which would
blow the conversion budget (at most twice a bare parse). Code generation already walks every node
in source order, so the scan drives a ``CodegenState`` that keeps no text: it counts newlines for
line numbers and records parents, bindings, parameters, returns, call sites and imports as nodes go
by. Facts are keyed by ``id(node)`` of the original tree, which stays alive for the whole conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState

MODULE_SCOPE = 0

_COMPOUND = (
    cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.With, cst.FunctionDef, cst.ClassDef, cst.Match,
)
_STATEMENTS = (cst.SimpleStatementLine, *_COMPOUND)


@dataclass
class Binding:
    index: int  # statement index of the assignment
    value: cst.BaseExpression


@dataclass
class Param:
    name: str
    position: int  # -1 for keyword-only
    annotation: str | None
    node: cst.Param


@dataclass
class ModuleFacts:
    lines: dict[int, int] = field(default_factory=dict)  # id(node) -> first line (calls, names, statements)
    parent: dict[int, cst.CSTNode] = field(default_factory=dict)
    where: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(node) -> (scope, statement index)
    statement: dict[int, cst.CSTNode] = field(default_factory=dict)  # id(call) -> innermost statement
    scope_parent: dict[int, int] = field(default_factory=dict)
    assigns: dict[tuple[int, str], list[Binding]] = field(default_factory=dict)
    params: dict[tuple[int, str], Param] = field(default_factory=dict)
    returns: dict[int, list[tuple[int, cst.BaseExpression]]] = field(default_factory=dict)
    functions: dict[str, cst.FunctionDef] = field(default_factory=dict)  # by name; None when ambiguous
    call_sites: dict[str, list[cst.Call]] = field(default_factory=dict)  # local function name -> calls
    calls: list[cst.Call] = field(default_factory=list)
    names: dict[str, list[cst.Name]] = field(default_factory=dict)  # loaded/stored names, not attributes
    attributes: dict[str, list[cst.Attribute]] = field(default_factory=dict)  # by attr name
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local name -> (module, name)
    star_imports: set[str] = field(default_factory=set)  # modules imported with *
    import_nodes: list[cst.CSTNode] = field(default_factory=list)  # Import / ImportFrom statements' nodes
    constants: dict[str, cst.BaseExpression] = field(default_factory=dict)  # module-level NAME = literal
    string_literals: int = 0

    def scope_chain(self, scope: int):
        while True:
            yield scope
            if scope == MODULE_SCOPE:
                return
            scope = self.scope_parent[scope]

    def ancestors(self, node: cst.CSTNode):
        parent = self.parent.get(id(node))
        while parent is not None:
            yield parent
            parent = self.parent.get(id(parent))


class _ScanState(CodegenState):
    """Code generation that produces no text, only facts (see module docstring)."""

    def __init__(self, module: cst.Module) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.facts = ModuleFacts()
        self.line = 1
        self.stack: list[cst.CSTNode] = []
        self.scopes: list[int] = [MODULE_SCOPE]
        self.statements: list[cst.CSTNode] = []
        self.index = 0
        self.skip: set[int] = set()  # Name nodes that are attribute names, keywords or import parts
        self.in_import = 0
        self.enter = {
            cst.Name: self._name,
            cst.Call: self._call,
            cst.Attribute: self._attribute,
            cst.Arg: self._arg,
            cst.FunctionDef: self._function,
            cst.ClassDef: self._class,
            cst.Assign: self._assign,
            cst.AnnAssign: self._ann_assign,
            cst.Return: self._return,
            cst.Import: self._import,
            cst.ImportFrom: self._import_from,
            cst.Param: self._param,
            cst.Lambda: self._lambda,
        }
        self.leave = {
            cst.FunctionDef: self._pop_scope,
            cst.ClassDef: self._pop_scope,
            cst.Lambda: self._pop_scope,
            cst.Import: self._end_import,
            cst.ImportFrom: self._end_import,
        }

    def add_token(self, value: str) -> None:
        self.line += value.count("\n")

    def add_indent_tokens(self) -> None:
        pass

    def pop_trailing_newline(self) -> None:
        pass

    def before_codegen(self, node: cst.CSTNode) -> None:
        facts = self.facts
        if self.stack:
            facts.parent[id(node)] = self.stack[-1]
        self.stack.append(node)
        if isinstance(node, _STATEMENTS):
            self.index += 1
            facts.where[id(node)] = (self.scopes[-1], self.index)
            facts.lines[id(node)] = self.line + len(node.leading_lines)
            self.statements.append(node)
        handler = self.enter.get(type(node))
        if handler is not None:
            handler(node)

    def after_codegen(self, node: cst.CSTNode) -> None:
        self.stack.pop()
        if self.statements and self.statements[-1] is node:
            self.statements.pop()
        handler = self.leave.get(type(node))
        if handler is not None:
            handler(node)

    def _here(self, node: cst.CSTNode) -> None:
        self.facts.where[id(node)] = (self.scopes[-1], self.index)
        self.facts.lines[id(node)] = self.line

    def _name(self, node: cst.Name) -> None:
        if id(node) in self.skip or self.in_import:
            return
        self._here(node)
        self.facts.names.setdefault(node.value, []).append(node)

    def _call(self, node: cst.Call) -> None:
        self._here(node)
        facts = self.facts
        facts.calls.append(node)
        if self.statements:
            facts.statement[id(node)] = self.statements[-1]
        if isinstance(node.func, cst.Name):
            facts.call_sites.setdefault(node.func.value, []).append(node)

    def _attribute(self, node: cst.Attribute) -> None:
        self.skip.add(id(node.attr))
        self._here(node)
        self.facts.attributes.setdefault(node.attr.value, []).append(node)

    def _arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def _param(self, node: cst.Param) -> None:
        self.skip.add(id(node.name))

    def _push_scope(self, node: cst.CSTNode) -> None:
        self.facts.scope_parent[id(node)] = self.scopes[-1]
        self.scopes.append(id(node))

    def _pop_scope(self, node: cst.CSTNode) -> None:
        self.scopes.pop()

    def _lambda(self, node: cst.Lambda) -> None:
        self._push_scope(node)

    def _class(self, node: cst.ClassDef) -> None:
        self.skip.add(id(node.name))
        self._push_scope(node)

    def _function(self, node: cst.FunctionDef) -> None:
        facts = self.facts
        self.skip.add(id(node.name))
        name = node.name.value
        facts.functions[name] = None if name in facts.functions else node  # type: ignore[assignment]
        self._push_scope(node)
        scope = id(node)
        params = node.params
        positional = [*params.posonly_params, *params.params]
        for position, p in enumerate(positional):
            self._add_param(scope, p, position)
        for p in params.kwonly_params:
            self._add_param(scope, p, -1)

    def _add_param(self, scope: int, p: cst.Param, position: int) -> None:
        annotation = None
        if p.annotation is not None:
            ann = p.annotation.annotation
            if isinstance(ann, cst.Name):
                annotation = ann.value
            elif isinstance(ann, cst.Attribute):
                annotation = ann.attr.value
        self.facts.params[(scope, p.name.value)] = Param(p.name.value, position, annotation, p)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            scope = self.scopes[-1]
            self.facts.assigns.setdefault((scope, target.value), []).append(Binding(self.index, value))
            if scope == MODULE_SCOPE and isinstance(value, (cst.List, cst.Tuple, cst.Dict, cst.SimpleString)):
                self.facts.constants[target.value] = value

    def _assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def _ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def _return(self, node: cst.Return) -> None:
        if node.value is not None and len(self.scopes) > 1:
            self.facts.returns.setdefault(self.scopes[-1], []).append((self.index, node.value))

    def _import(self, node: cst.Import) -> None:
        self.in_import += 1
        self.facts.import_nodes.append(node)
        for alias in node.names:
            dotted = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname else dotted.split(".")[0]  # type: ignore[union-attr]
            self.facts.imports[local] = (dotted, "")

    def _import_from(self, node: cst.ImportFrom) -> None:
        self.in_import += 1
        self.facts.import_nodes.append(node)
        module = _dotted(node.module) if node.module is not None else ""
        if isinstance(node.names, cst.ImportStar):
            self.facts.star_imports.add(module)
            return
        for alias in node.names:
            name = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname else name  # type: ignore[union-attr]
            self.facts.imports[local] = (module, name)

    def _end_import(self, node: cst.CSTNode) -> None:
        self.in_import -= 1


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def dotted_name(node: cst.BaseExpression) -> str:
    """``a.b.c`` for a Name/Attribute chain, "" for anything else."""
    return _dotted(node)


def scan(module: cst.Module) -> ModuleFacts:
    state = _ScanState(module)
    module._codegen(state)
    return state.facts
