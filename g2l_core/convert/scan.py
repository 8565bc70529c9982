"""One source-ordered pass over a parsed module that collects what the rules need to know.

libcst's ``PositionProvider`` and ``ScopeProvider`` each cost two to five times a parse, and a
``CSTVisitor`` rebuilds every node it visits, any of which would blow the conversion budget (at most
twice a bare parse). The scan is ``pytree.Walker``'s source-ordered walk, which counts line breaks for
line numbers; its handlers record parents, bindings, parameters, returns, call sites and
imports as nodes go by. Facts are keyed by ``id(node)`` of the original tree, which stays alive for the
whole conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from g2l_core.pytree import Walker, dotted_name

MODULE_SCOPE = 0
CONTEXT_KEYWORDS = frozenset({"glueContext", "glue_context", "glue_ctx", "glueCtx"})  # bindings.GLUE_CONTEXT_PARAMS

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
    last_index: dict[int, int] = field(default_factory=dict)  # id(statement) -> index of the last one in it
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
    annotation_strings: list[cst.SimpleString] = field(default_factory=list)  # "Name" string annotations
    classes: set[int] = field(default_factory=set)  # scope ids of class bodies
    # (class scope, attr) -> (method scope, binding) for every `self.attr = value` in the class's methods
    self_assigns: dict[tuple[int, str], list[tuple[int, Binding]]] = field(default_factory=dict)
    keyword_args: dict[str, list[cst.Arg]] = field(default_factory=dict)  # GlueContext-named keywords -> args
    # id(top-level statement) -> line its text starts on (leading blank lines and comments included)
    top_lines: dict[int, int] = field(default_factory=dict)
    end_line: int = 0  # line after the last one: 1 + the line breaks the walk counted in the module
    # ids of the nodes holding a comment inside brackets (an option dict, call arguments): comments within an
    # expression, which a rewrite of that expression must carry
    comment_holders: set[int] = field(default_factory=set)

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

    def within(self, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
        """``ancestor`` is above ``node``. Statement indexes settle most questions without climbing: a node
        under an expression has its index, one under a statement an index in the statement's range."""
        at, span = self.where.get(id(node)), self.where.get(id(ancestor))
        if at is not None and span is not None and not span[1] <= at[1] <= self.last_index.get(id(ancestor), span[1]):
            return False
        return any(p is ancestor for p in self.ancestors(node))


class _Scan(Walker):
    """The walk (see module docstring). Handlers run when a node is entered, as codegen would reach it."""

    def __init__(self) -> None:
        super().__init__(parents=True)
        self.facts = ModuleFacts(parent=self.parent)  # type: ignore[arg-type]
        self.scopes: list[int] = [MODULE_SCOPE]
        self.statements: list[cst.CSTNode] = []
        self.index = 0
        self.skip: set[int] = set()  # Name nodes that are attribute names, keywords or import parts
        self.in_import = 0
        self.enter.update({
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
            cst.Annotation: self._annotation,
            cst.ParenthesizedWhitespace: self._bracketed,
        })
        for statement in _STATEMENTS:
            self.enter.setdefault(statement, self._statement)

    def _bracketed(self, node: cst.ParenthesizedWhitespace) -> None:
        if node.first_line.comment is None and all(line.comment is None for line in node.empty_lines):
            return
        holders, parent = self.facts.comment_holders, self.parent
        up = parent.get(id(node))  # type: ignore[union-attr]
        while up is not None and id(up) not in holders:
            holders.add(id(up))
            up = parent.get(id(up))  # type: ignore[union-attr]

    def _name(self, node: cst.Name) -> bool:
        if self.in_import or id(node) in self.skip:
            return False
        key = id(node)
        facts = self.facts
        facts.where[key] = (self.scopes[-1], self.index)
        facts.lines[key] = self.line
        bucket = facts.names.get(node.value)
        if bucket is None:
            facts.names[node.value] = [node]
        else:
            bucket.append(node)
        return False

    def leave(self, node: cst.CSTNode) -> None:
        statements = self.statements
        if statements and statements[-1] is node:
            statements.pop()
            self.facts.last_index[id(node)] = self.index
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
        if not self.statements:
            self.facts.top_lines[key] = self.line
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

    def _annotation(self, node: cst.Annotation) -> bool:
        """String annotations (``-> "DynamicFrame"``, ``Optional["GlueContext"]``) hold names too."""
        stack: list[cst.CSTNode] = [node.annotation]
        while stack:
            item = stack.pop()
            if isinstance(item, cst.SimpleString):
                self.facts.annotation_strings.append(item)
            elif isinstance(item, cst.Subscript):
                stack.extend(e.slice.value for e in item.slice if isinstance(e.slice, cst.Index))
            elif isinstance(item, cst.BinaryOperation):
                stack.extend((item.left, item.right))
        return True

    def _arg(self, node: cst.Arg) -> bool:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))
            if node.keyword.value in CONTEXT_KEYWORDS:
                self.facts.keyword_args.setdefault(node.keyword.value, []).append(node)
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
        self.facts.classes.add(id(node))
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
        if isinstance(target, (cst.Tuple, cst.List)):
            self._bind_items(target, value)
            return
        if isinstance(target, cst.Name):
            scope = self.scopes[-1]
            self.facts.assigns.setdefault((scope, target.value), []).append(Binding(self.index, value))
            if scope == MODULE_SCOPE and isinstance(value, (cst.List, cst.Tuple, cst.Dict, cst.SimpleString)):
                self.facts.constants[target.value] = value
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and (
                target.value.value == "self") and len(self.scopes) > 2 and self.scopes[-2] in self.facts.classes:
            key = (self.scopes[-2], target.attr.value)
            self.facts.self_assigns.setdefault(key, []).append((self.scopes[-1], Binding(self.index, value)))

    def _bind_items(self, target: cst.Tuple | cst.List, value: cst.BaseExpression) -> None:
        """``a, b = x, y`` binds each name to its item; ``ctx, job = init()`` to ``init()[i]`` (a node made here,
        which the resolver reads as item i of what the function returns)."""
        elements = target.elements
        if any(isinstance(e, cst.StarredElement) for e in elements):
            return
        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(elements) and not any(
                isinstance(e, cst.StarredElement) for e in value.elements):
            for element, item in zip(elements, value.elements):
                self._bind(element.value, item.value)
        elif isinstance(value, cst.Call):
            for position, element in enumerate(elements):
                if isinstance(element.value, cst.Name):
                    item = cst.Subscript(value, [cst.SubscriptElement(cst.Index(cst.Integer(str(position))))])
                    self._bind(element.value, item)

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
            dotted = dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname else dotted.split(".")[0]  # type: ignore[union-attr]
            self.facts.imports[local] = (dotted, "")
        return True

    def _import_from(self, node: cst.ImportFrom) -> bool:
        self.in_import += 1
        self.facts.import_nodes.append(node)
        module = dotted_name(node.module) if node.module is not None else ""
        if isinstance(node.names, cst.ImportStar):
            self.facts.star_imports.add(module)
            return True
        for alias in node.names:
            name = dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname else name  # type: ignore[union-attr]
            self.facts.imports[local] = (module, name)
        return True


def scan(module: cst.Module) -> ModuleFacts:
    walker = _Scan()
    walker.walk((module,))
    walker.facts.end_line = walker.line
    # The handlers are the walker's bound methods, a reference cycle through it: dropped, the walker goes
    # now, and the tree its facts hold goes as soon as the conversion is done with it.
    walker.enter.clear()
    return walker.facts
