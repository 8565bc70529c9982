"""One source-ordered pass over a parsed module that collects what the rules need to know.

libcst's ``PositionProvider`` and ``ScopeProvider`` each cost two to five times a parse, and a
``CSTVisitor`` rebuilds every node it visits, any of which would blow the conversion budget (at most
twice a bare parse). The scan is a plain stack walk over each node's fields in lexical order (see
``fields``): it counts the line breaks the tree holds (newline tokens, backslash continuations,
multi-line strings) for line numbers, and records parents, bindings, parameters, returns, call sites and
imports as nodes go by. Facts are keyed by ``id(node)`` of the original tree, which stays alive for the
whole conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from g2l_core.convert.fields import GETTERS

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


_EXIT = object()  # stack marker: the node below it has had all its children walked
_NO_VALUE = (type(None), cst.MaybeSentinel, str, bool)


class _Scan:
    """The walk (see module docstring). Handlers run when a node is entered, as codegen would reach it."""

    def __init__(self, module: cst.Module) -> None:
        self.facts = ModuleFacts()
        self.newline = module.default_newline.count("\n")
        self.line = 1
        self.scopes: list[int] = [MODULE_SCOPE]
        self.statements: list[cst.CSTNode] = []
        self.index = 0
        self.skip: set[int] = set()  # Name nodes that are attribute names, keywords or import parts
        self.in_import = 0
        self.enter = {
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
        for statement in _STATEMENTS:
            self.enter.setdefault(statement, self._statement)

    def run(self, module: cst.Module) -> ModuleFacts:
        facts = self.facts
        parent, names, where, lines = facts.parent, facts.names, facts.where, facts.lines
        skip, enter, getters = self.skip, self.enter, GETTERS
        scopes = self.scopes
        stack: list = [module]
        pop, push = stack.pop, stack.append
        Name, Newline, SimpleWhitespace, exit_marker = cst.Name, cst.Newline, cst.SimpleWhitespace, _EXIT
        text_types = _TEXT
        no_value = _NO_VALUE
        while stack:
            node = pop()
            if node is exit_marker:
                self._leave(pop())
                continue
            t = type(node)
            if t is Name:
                if self.in_import or id(node) in skip:
                    pass
                else:
                    key = id(node)
                    where[key] = (scopes[-1], self.index)
                    lines[key] = self.line
                    bucket = names.get(node.value)
                    if bucket is None:
                        names[node.value] = [node]
                    else:
                        bucket.append(node)
            elif t is SimpleWhitespace:
                if "\n" in node.value:
                    self.line += node.value.count("\n")
                continue
            elif t is Newline:
                self.line += self.newline if node.value is None else node.value.count("\n")
                continue
            elif t in text_types:
                if "\n" in node.value:
                    self.line += node.value.count("\n")
            else:
                handler = enter.get(t)
                if handler is not None and handler(node):
                    push(node)
                    push(exit_marker)
            kids: list = []
            for value in getters[t](node):
                tv = type(value)
                if tv is tuple or tv is list:
                    kids.extend(value)
                elif tv not in no_value:
                    kids.append(value)
            if kids:
                for kid in kids:
                    parent[id(kid)] = node
                kids.reverse()
                stack.extend(kids)
        return facts

    def _leave(self, node: cst.CSTNode) -> None:
        statements = self.statements
        if statements and statements[-1] is node:
            statements.pop()
        t = type(node)
        if t is cst.FunctionDef or t is cst.ClassDef or t is cst.Lambda:
            self.scopes.pop()
        elif t is cst.Import or t is cst.ImportFrom:
            self.in_import -= 1

    def _statement(self, node: cst.CSTNode) -> bool:
        """Every statement: its index in source order, scope and first line. True: leave it later."""
        self.index += 1
        key = id(node)
        self.facts.where[key] = (self.scopes[-1], self.index)
        self.facts.lines[key] = self.line + len(node.leading_lines)  # type: ignore[attr-defined]
        self.statements.append(node)
        return True

    def _here(self, node: cst.CSTNode) -> None:
        self.facts.where[id(node)] = (self.scopes[-1], self.index)
        self.facts.lines[id(node)] = self.line

    def _call(self, node: cst.Call) -> bool:
        self._here(node)
        facts = self.facts
        facts.calls.append(node)
        if self.statements:
            facts.statement[id(node)] = self.statements[-1]
        if isinstance(node.func, cst.Name):
            facts.call_sites.setdefault(node.func.value, []).append(node)
        return False

    def _attribute(self, node: cst.Attribute) -> bool:
        self.skip.add(id(node.attr))
        self._here(node)
        self.facts.attributes.setdefault(node.attr.value, []).append(node)
        return False

    def _arg(self, node: cst.Arg) -> bool:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))
        return False

    def _param(self, node: cst.Param) -> bool:
        self.skip.add(id(node.name))
        return False

    def _push_scope(self, node: cst.CSTNode) -> None:
        self.facts.scope_parent[id(node)] = self.scopes[-1]
        self.scopes.append(id(node))

    def _lambda(self, node: cst.Lambda) -> bool:
        self._push_scope(node)
        return True

    def _class(self, node: cst.ClassDef) -> bool:
        self._statement(node)
        self.skip.add(id(node.name))
        self._push_scope(node)
        return True

    def _function(self, node: cst.FunctionDef) -> bool:
        self._statement(node)
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
        return True

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

    def _assign(self, node: cst.Assign) -> bool:
        for target in node.targets:
            self._bind(target.target, node.value)
        return False

    def _ann_assign(self, node: cst.AnnAssign) -> bool:
        if node.value is not None:
            self._bind(node.target, node.value)
        return False

    def _return(self, node: cst.Return) -> bool:
        if node.value is not None and len(self.scopes) > 1:
            self.facts.returns.setdefault(self.scopes[-1], []).append((self.index, node.value))
        return False

    def _import(self, node: cst.Import) -> bool:
        self.in_import += 1
        self.facts.import_nodes.append(node)
        for alias in node.names:
            dotted = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname else dotted.split(".")[0]  # type: ignore[union-attr]
            self.facts.imports[local] = (dotted, "")
        return True

    def _import_from(self, node: cst.ImportFrom) -> bool:
        self.in_import += 1
        self.facts.import_nodes.append(node)
        module = _dotted(node.module) if node.module is not None else ""
        if isinstance(node.names, cst.ImportStar):
            self.facts.star_imports.add(module)
            return True
        for alias in node.names:
            name = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname else name  # type: ignore[union-attr]
            self.facts.imports[local] = (module, name)
        return True


_TEXT = frozenset(t for t in (cst.SimpleString, cst.FormattedStringText, getattr(cst, "TemplatedStringText", None))
                  if t is not None)


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
    return _Scan(module).run(module)
