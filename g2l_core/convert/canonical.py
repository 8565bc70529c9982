"""Glue names spelled through a module or an alias, respelled the way the rules read them, before the scan.

Rules know Glue names by their own names: ``ApplyMapping.apply(...)``, ``GlueContext(sc)``,
``getResolvedOptions(...)``. Library code also writes ``import awsglue.transforms as T`` and
``T.Filter.apply(...)``, ``from awsglue.transforms import ApplyMapping as Mapping``, ``from awsglue import
transforms``, or ``import awsglue.utils`` and ``awsglue.utils.getResolvedOptions(...)``. This pass turns those
into ``from awsglue.transforms import Filter`` and ``Filter.apply(...)``, so every rule, the import pruning
and the residue check see the usual spelling. An import is respelled only where every use of its name
can be, and a short name only where the module binds it to nothing else; anything else is left as written
(and its import is kept, with its review note). Statements keep their lines, so decision lines are those of
the source.
"""

from __future__ import annotations

import re

import libcst as cst

from g2l_core.convert.glue_types import GLUE_TYPES
from g2l_core.glue_api import GLUE_MODULES, TABLE
from g2l_core.pytree import dotted_name

# Glue names by the module that defines them (awsglue.transforms -> {ApplyMapping, Filter, ...}).
_EXPORTS: dict[str, frozenset[str]] = {}
for _entry in TABLE:
    if _entry.module:
        _EXPORTS[_entry.module] = _EXPORTS.get(_entry.module, frozenset()) | {_entry.name}
_EXPORTS["awsglue.utils"] |= {"GlueArgumentError"}  # no call site, so not in the API table: an exception type
_NAMES = {name: module for module, names in _EXPORTS.items() for name in names}

# A source needs the pass only with one of these spellings (a cheap test on the text before any walk).
_NEEDS = re.compile(r"^[ \t]*(import[ \t]+awsglue|from[ \t]+awsglue\S*[ \t]+import[^#\n]*(\bas\b|\(|\\)"
                    r"|from[ \t]+awsglue\.gluetypes[ \t]+import[ \t]*\*"
                    r"|from[ \t]+(awsglue|awsgluedq|awsglueml)[ \t]+import[ \t]+(transforms|context|utils|job"
                    r"|dynamicframe|data_sink|data_source)\b)", re.M)


def canonical_imports(module: cst.Module, text: str) -> tuple[cst.Module, str]:
    """``module`` with Glue names respelled (see module docstring), and its text; both as given when
    nothing is to respell."""
    if "awsglue" not in text or not _NEEDS.search(text):
        return module, text
    uses = _Uses()
    module.visit(uses)
    plan = _plan(uses)
    if not (plan.statements or plan.names or plan.aliases or plan.type_stars or plan.strings):
        return module, text
    new = module.visit(_Respell(plan))
    return new, new.code


class _Uses(cst.CSTVisitor):
    """Every import of a Glue module or aliased Glue name, and every use of the names they bind."""

    def __init__(self) -> None:
        # (statement, local name, the module it stands for, the module imported): `import awsglue.context` binds
        # awsglue (standing for awsglue) and imports awsglue.context; `import awsglue.transforms as T` binds T
        self.module_imports: list[tuple[cst.CSTNode, str, str, str]] = []
        self.alias_imports: list[tuple[cst.ImportFrom, str, str]] = []  # (statement, local alias, Glue name)
        self.glue_names: set[str] = set()  # every local name a Glue import binds
        self.other_imports: set[str] = set()  # every local name any other import binds
        self.type_stars: list[cst.ImportFrom] = []  # from awsglue.gluetypes import *
        self.names: dict[str, list[cst.Name]] = {}  # loads and stores, not attribute names or keywords
        self.annotation_strings: list[cst.SimpleString] = []  # `-> "GlueJob"`: quoted types name aliases too
        self.parent: dict[int, cst.CSTNode] = {}
        self._skip: set[int] = set()
        self._annotations = 0

    def on_visit(self, node: cst.CSTNode) -> bool:
        for child in node.children:
            self.parent[id(child)] = node
        return super().on_visit(node)

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            dotted = dotted_name(alias.name)
            root = dotted.split(".")[0]
            local = alias.asname.name.value if alias.asname else root  # type: ignore[union-attr]
            if root not in GLUE_MODULES:
                self.other_imports.add(local)
                continue
            self.module_imports.append((node, local, dotted if alias.asname else root, dotted))
            self.glue_names.add(local)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        source = dotted_name(node.module) if node.module is not None else ""
        if isinstance(node.names, cst.ImportStar):
            if source == "awsglue.gluetypes" and not node.relative:
                self.type_stars.append(node)
            return False
        if node.relative or source.split(".")[0] not in GLUE_MODULES:
            self.other_imports.update(a.asname.name.value if a.asname else dotted_name(a.name)  # type: ignore[union-attr]
                                      for a in node.names)
            return False
        for alias in node.names:
            name = dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname else name  # type: ignore[union-attr]
            self.glue_names.add(local)
            if f"{source}.{name}" in _EXPORTS:  # a submodule: from awsglue import transforms
                self.module_imports.append((node, local, f"{source}.{name}", f"{source}.{name}"))
            elif alias.asname is not None and name in _NAMES:
                self.alias_imports.append((node, local, name))
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._skip.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._skip.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self._skip.add(id(node.name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._skip.add(id(node.name))
        self.names.setdefault(node.name.value, []).append(node.name)
        for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params):
            self.names.setdefault(param.name.value, []).append(param.name)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._skip.add(id(node.name))
        self.names.setdefault(node.name.value, []).append(node.name)

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) not in self._skip:
            self.names.setdefault(node.value, []).append(node)

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self._annotations += 1

    def leave_Annotation(self, original_node: cst.Annotation) -> None:
        self._annotations -= 1

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self._annotations:
            self.annotation_strings.append(node)


class _Plan:
    def __init__(self) -> None:
        self.chains: dict[int, str] = {}  # id(Attribute chain `T.Filter`) -> the short name it becomes
        self.names: dict[int, str] = {}  # id(Name `Mapping`) -> `ApplyMapping`
        self.statements: dict[int, list[tuple[str, str]]] = {}  # id(import statement) -> (module, name) to import
        self.aliases: dict[int, set[str]] = {}  # id(from-import) -> aliases whose `as` goes
        self.type_stars: dict[int, list[str]] = {}  # id(from awsglue.gluetypes import *) -> the names it gives
        self.strings: dict[int, str] = {}  # id(annotation string `"GlueJob"`) -> its text respelled `"Job"`


def _plan(uses: _Uses) -> _Plan:
    plan = _Plan()

    def free(short: str) -> bool:
        """No binding of the short name besides Glue imports."""
        return short not in uses.names or short in uses.glue_names

    by_local: dict[str, list[tuple[cst.CSTNode, str, str]]] = {}
    for statement, local, stands_for, source in uses.module_imports:
        by_local.setdefault(local, []).append((statement, stands_for, source))
    for local, imports in by_local.items():
        wanted: dict[cst.CSTNode, dict[tuple[str, str], None]] = {statement: {} for statement, _, _ in imports}
        chains: dict[int, str] = {}
        complete = True
        for name in uses.names.get(local, ()):
            chain, between, short = _chain(uses, name)
            module = ".".join([imports[0][1], *between])
            owners = [s for s, _, source in imports if module == source or module.startswith(source + ".")]
            if chain is None or not owners or short not in _EXPORTS.get(module, ()) or not free(short):
                complete = False
                break
            chains[id(chain)] = short
            wanted[owners[0]][(module, short)] = None
        if not complete:
            continue
        plan.chains.update(chains)
        for statement, names in wanted.items():
            plan.statements.setdefault(id(statement), []).extend(names)
    # `from awsglue.gluetypes import *` -> the Glue types the module uses and binds no other way (glue_types)
    used = sorted(n for n in uses.names if n in GLUE_TYPES and n not in uses.other_imports
                  and not any(_defines(uses, node) for node in uses.names[n]))
    if used and uses.type_stars:
        plan.type_stars[id(uses.type_stars[0])] = used
    for statement, local, name in uses.alias_imports:
        if not free(name):
            continue
        plan.aliases.setdefault(id(statement), set()).add(local)
        for node in uses.names.get(local, ()):
            plan.names[id(node)] = name
        word = re.compile(rf"\b{re.escape(local)}\b")
        for string in uses.annotation_strings:
            text = plan.strings.get(id(string), string.value)
            if word.search(text):
                plan.strings[id(string)] = word.sub(name, text)
    return plan


def _chain(uses: _Uses, name: cst.Name) -> tuple[cst.Attribute | None, list[str], str]:
    """For the local name of a Glue module: the attribute chain it starts (``awsglue.context.GlueContext``),
    the names between (``context``) and the Glue name at its end; (None, [], "") for anything else (a bare
    use, a module attribute that is no Glue name)."""
    parts: list[str] = []
    node: cst.CSTNode = name
    while True:
        parent = uses.parent.get(id(node))
        if not isinstance(parent, cst.Attribute) or parent.value is not node:
            return None, [], ""
        parts.append(parent.attr.value)
        node = parent
        if parts[-1] in _NAMES:
            return parent, parts[:-1], parts[-1]
        if len(parts) > 3:
            return None, [], ""


class _Respell(cst.CSTTransformer):
    def __init__(self, plan: _Plan) -> None:
        super().__init__()
        self.plan = plan

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        short = self.plan.chains.get(id(original))
        if short is None:
            return updated
        return cst.Name(short, lpar=updated.lpar, rpar=updated.rpar)

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        name = self.plan.names.get(id(original))
        return updated if name is None else updated.with_changes(value=name)

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        text = self.plan.strings.get(id(original))
        return updated if text is None else updated.with_changes(value=text)

    def leave_Import(self, original: cst.Import, updated: cst.Import):
        return self._respelled(original, updated)

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        names = self.plan.type_stars.get(id(original))
        if names:
            return updated.with_changes(names=_aliases(names))
        aliases = self.plan.aliases.get(id(original))
        if aliases and not isinstance(updated.names, cst.ImportStar):
            names = [a.with_changes(asname=None) if a.asname and a.asname.name.value in aliases else a  # type: ignore[union-attr]
                     for a in updated.names]
            updated = updated.with_changes(names=names)
        return self._respelled(original, updated)

    def _respelled(self, original, updated):
        """``import awsglue.transforms as T`` -> ``from awsglue.transforms import Filter, Join`` (what its
        uses need); an import of a module whose uses were all respelled and that names nothing goes as is
        (the conversion prunes it)."""
        wanted = self.plan.statements.get(id(original))
        if not wanted or isinstance(updated.names, cst.ImportStar) or len(updated.names) != 1:
            return updated
        module = wanted[0][0]
        if any(m != module for m, _ in wanted):  # one statement importing several Glue modules: keep it
            return updated
        return cst.ImportFrom(module=_dotted(module), names=_aliases([n for _, n in wanted]))


def _aliases(names: list[str]) -> list[cst.ImportAlias]:
    aliases = [cst.ImportAlias(name=cst.Name(n)) for n in names]
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [*(a.with_changes(comma=comma) for a in aliases[:-1]), aliases[-1]]


def _defines(uses: _Uses, node: cst.Name) -> bool:
    """The name is bound here (a def, class or parameter of that name), not read."""
    parent = uses.parent.get(id(node))
    return isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Param)) and getattr(parent, "name", None) is node


def _dotted(module: str) -> cst.Attribute | cst.Name:
    parts = module.split(".")
    node: cst.Attribute | cst.Name = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node
