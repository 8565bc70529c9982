"""A static reading of a Python CDK app (libcst): the constructs it creates and the values passed to them.

The app is never run. Statements are followed as Python would for what can be known without running it:
literals, f-strings, ``str.format``, module constants, assignments in the stack's ``__init__``, ``self``
attributes, ``for`` loops over known lists and dicts, calls of the app's own functions, methods and classes
(a stack instantiated with arguments runs its ``__init__`` with them), ``os.path``/``pathlib`` paths, ``Duration``,
and imports between the files read together. Anything else is an ``Unknown``: text (``${props.bucket}``)
carrying where it came from, which the reader names in a problem only if a setting g2l uses holds it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from g2l_core.jobs.formats.cdk_builtins import MAX_ITERATIONS, builtin, value_method
from g2l_core.jobs.formats.cdk_values import (Construct, Function, Instance, Klass, Module, QName, Unknown, joined,
                                              unknown)
from g2l_core.pytree import TooDeeplyNested, check_nesting

MAX_DEPTH = 40
MAX_STATEMENTS = 200_000  # statements followed in all: an app that loops longer is read as far as that


class _Budget(Exception):
    """More statements than ``MAX_STATEMENTS``: the reading stops where it is."""


class _Return(Exception):
    def __init__(self, value):
        self.value = value


# A library call (qualified name, positional args, keyword args, module, node) -> value, or NotImplemented.
LibraryCall = Callable[[str, list, dict, Module, cst.Call], object]


class App:
    """The modules read together; ``library`` models the library calls (glue constructs, Duration...)."""

    def __init__(self, texts: Mapping[str, str], parameters: Mapping[str, str], library: LibraryCall,
                 locate: Callable[[str, str], Mapping[str, str]] | None = None,
                 read_text: Callable[[str], str | None] | None = None):
        """``locate(dotted, importer)`` gives the repository file (path -> text) of a module the files given do
        not hold, or nothing; ``read_text(path)`` a data file the app opens (a JSON or YAML configuration)."""
        self.parameters = parameters
        self.library = library
        self.locate = locate
        self.read_text = read_text
        self.modules: dict[str, Module] = {}
        self.missed: set[tuple[str, str]] = set()
        self.ran: set[int] = set()  # ids of ClassDef nodes whose __init__ ran
        self.lost: list[tuple[str, int, str, str]] = []  # statements whose effect is unknown (file, line, what, why)
        self.undecided: list[tuple[str, int, str]] = []  # conditions read as true, not known (file, line, code)
        self.depth = self.steps = 0
        for path, text in texts.items():
            self.add_module(path, text)

    def add_module(self, path: str, text: str) -> None:
        try:
            check_nesting(text)  # libcst's native parser crashes the process on absurd nesting
            tree = cst.parse_module(text)
        except TooDeeplyNested as exc:
            raise ValueError(f"{path}: {exc}") from None
        except cst.ParserSyntaxError as exc:
            raise ValueError(f"{path}: line {exc.raw_line}: not valid Python ({exc.message})") from None
        except RecursionError:
            raise ValueError(f"{path}: nested too deeply to read") from None
        wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
        lines = wrapper.resolve(PositionProvider)
        name = path[:-3].replace("/", ".")
        self.modules[path] = Module(path, name.removesuffix(".__init__"), wrapper.module, lines)

    def run(self, entry: list[str]) -> None:
        """Run the entry modules, then every stack class no entry instantiated (its parameters unknown)."""
        try:
            for path in entry:
                self.modules[path].env["__name__"] = "__main__"
                self.load(self.modules[path])
            for module in list(self.modules.values()):
                self.load(module)
            for module in list(self.modules.values()):
                for value in list(module.env.values()):
                    if isinstance(value, Klass) and value.module is module and id(value.node) not in self.ran:
                        self.instantiate(value, [], {}, module, None)
        except _Budget:
            self.lost.append((next(iter(self.modules), ""), 0, f"more than {MAX_STATEMENTS} statements to follow",
                              "the constructs after that are not read"))
        except RecursionError:
            self.lost.append((next(iter(self.modules), ""), 0, "statements nested too deeply to follow",
                              "the constructs after that are not read"))

    def load(self, module: Module) -> None:
        if module.done:
            return
        module.done = True
        module.env.setdefault("__file__", "/" + module.path)  # absolute: the repository root is /
        module.env.setdefault("__name__", module.name)
        self.block(module.tree.body, module.env, module)

    def find_module(self, dotted: str, relative_to: Module | None = None, level: int = 0) -> Module | None:
        if level and relative_to is not None:
            package = relative_to.name.split(".")
            if not relative_to.path.endswith("__init__.py"):
                package = package[:-1]
            package = package[:len(package) - (level - 1)]
            dotted = ".".join([*package, *([dotted] if dotted else [])])
        for module in list(self.modules.values()):
            if module.name == dotted or module.name.endswith("." + dotted):
                return module
        importer = relative_to.path if relative_to is not None else ""
        if self.locate is None or (dotted, importer) in self.missed:
            return None
        self.missed.add((dotted, importer))
        found = {p: t for p, t in self.locate(dotted, importer).items() if p not in self.modules}
        for path, text in found.items():
            self.add_module(path, text)
        return self.find_module(dotted) if found else None

    # statements

    def block(self, body, env: dict, module: Module) -> None:
        for stmt in body:
            self.statement(stmt, env, module)

    def statement(self, stmt, env: dict, module: Module) -> None:
        self.steps += 1
        if self.steps > MAX_STATEMENTS:
            raise _Budget
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                self.small(small, env, module)
        elif isinstance(stmt, cst.FunctionDef):
            env[stmt.name.value] = Function(stmt, module, closure=None if env is module.env else env)
        elif isinstance(stmt, cst.ClassDef):
            env[stmt.name.value] = Klass(stmt, module)
        elif isinstance(stmt, cst.If):
            self._if(stmt, env, module)
        elif isinstance(stmt, cst.For):
            self._for(stmt, env, module)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                value = self.expr(item.item, env, module)
                if item.asname is not None:
                    self.assign(item.asname.name, value, env, module)
            self.block(stmt.body.body, env, module)
        elif isinstance(stmt, cst.Try):
            self.block(stmt.body.body, env, module)
            for part in (stmt.orelse, stmt.finalbody):
                if part is not None:
                    self.block(part.body.body, env, module)

    def small(self, node, env: dict, module: Module) -> None:
        if isinstance(node, cst.Assign):
            value = self.expr(node.value, env, module)
            for target in node.targets:
                self.assign(target.target, value, env, module)
        elif isinstance(node, cst.AnnAssign) and node.value is not None:
            self.assign(node.target, self.expr(node.value, env, module), env, module)
        elif isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.AddAssign):
            old = self.expr(node.target, env, module)
            self.assign(node.target, self.add(old, self.expr(node.value, env, module), node, module), env, module)
        elif isinstance(node, cst.Expr):
            self.expr(node.value, env, module)
        elif isinstance(node, cst.Return):
            raise _Return(None if node.value is None else self.expr(node.value, env, module))
        elif isinstance(node, cst.Import):
            for alias in node.names:
                dotted = module.code(alias.name)
                if alias.asname is not None:
                    env[alias.asname.name.value] = self.imported(dotted, module, 0)
                else:
                    top = dotted.split(".")[0]
                    env[top] = self.imported(top, module, 0)
        elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
            base = module.code(node.module) if node.module is not None else ""
            level = len(node.relative)
            source = self.find_module(base, module, level) if (level or base) else None
            for alias in node.names:
                name = alias.name.value if isinstance(alias.name, cst.Name) else module.code(alias.name)
                local = alias.asname.name.value if alias.asname is not None else name
                if source is not None:
                    self.load(source)
                    sub = self.find_module(f"{source.name}.{name}")
                    env[local] = source.env.get(name, sub if sub is not None else
                                                unknown(f"{base}.{name}", module.path, module.line(node),
                                                        "not defined in the file it is imported from"))
                else:
                    env[local] = self.imported(f"{base}.{name}" if base else name, module, level)

    def imported(self, dotted: str, module: Module, level: int):
        found = self.find_module(dotted, module, level)
        if found is not None:
            self.load(found)
            return found
        return QName(dotted)

    def assign(self, target, value, env: dict, module: Module) -> None:
        if isinstance(target, cst.Name):
            env[target.value] = value
        elif isinstance(target, (cst.Tuple, cst.List)):
            items = value if isinstance(value, (list, tuple)) else None
            for i, element in enumerate(target.elements):
                part = items[i] if items is not None and i < len(items) else unknown(
                    module.code(element.value), module.path, module.line(target), "not unpacked statically")
                self.assign(element.value, part, env, module)
        elif isinstance(target, cst.Attribute):
            owner = self.expr(target.value, env, module)
            if isinstance(owner, Instance):
                owner.attrs[target.attr.value] = value
        elif isinstance(target, cst.Subscript):
            owner = self.expr(target.value, env, module)
            if isinstance(owner, dict) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
                owner[self.key(self.expr(target.slice[0].slice.value, env, module))] = value

    def _if(self, stmt: cst.If, env: dict, module: Module) -> None:
        test = self.expr(stmt.test, env, module)
        if isinstance(test, Unknown):  # undecided: the first branch, as for CloudFormation's Fn::If
            self.undecided.append((module.path, module.line(stmt), module.code(stmt.test)))
            test = True
        if test:
            self.block(stmt.body.body, env, module)
        elif isinstance(stmt.orelse, cst.If):
            self._if(stmt.orelse, env, module)
        elif isinstance(stmt.orelse, cst.Else):
            self.block(stmt.orelse.body.body, env, module)

    def _for(self, stmt: cst.For, env: dict, module: Module) -> None:
        items = self.expr(stmt.iter, env, module)
        if isinstance(items, dict):
            items = list(items)
        if not isinstance(items, (list, tuple)):
            self.loose(module, stmt, f"for loop over {module.code(stmt.iter)}",
                       "cannot be resolved statically; the constructs created in its body are not read")
            return
        for item in list(items)[:MAX_ITERATIONS]:
            self.assign(stmt.target, item, env, module)
            self.block(stmt.body.body, env, module)

    def loose(self, module: Module, node, what: str, why: str) -> None:
        """A statement whose effect is lost (a loop over unknown items): reported by the reader."""
        self.lost.append((module.path, module.line(node), what, why))

    # expressions

    def expr(self, node, env: dict, module: Module):
        try:
            return self._expr(node, env, module)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError, RecursionError):
            return unknown(module.code(node), module.path, module.line(node), "not evaluated statically")

    def _expr(self, node, env: dict, module: Module):
        if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float)):
            return node.evaluated_value
        if isinstance(node, cst.ConcatenatedString):
            return joined([self.expr(node.left, env, module), self.expr(node.right, env, module)])
        if isinstance(node, cst.FormattedString):
            return joined([p.value if isinstance(p, cst.FormattedStringText) else
                           self.expr(p.expression, env, module) for p in node.parts])
        if isinstance(node, cst.Name):
            return self.name(node, env, module)
        if isinstance(node, cst.Attribute):
            return self.attribute(self.expr(node.value, env, module), node, module)
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            out = []
            for element in node.elements:
                value = self.expr(element.value, env, module)
                out.extend(value if isinstance(element, cst.StarredElement) and isinstance(value, list) else [value])
            return out
        if isinstance(node, cst.Dict):
            out = {}
            for element in node.elements:
                if isinstance(element, cst.StarredDictElement):
                    value = self.expr(element.value, env, module)
                    if isinstance(value, dict):
                        out.update(value)
                else:
                    out[self.key(self.expr(element.key, env, module))] = self.expr(element.value, env, module)
            return out
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            owner = self.expr(node.value, env, module)
            key = self.expr(node.slice[0].slice.value, env, module)
            if isinstance(owner, QName) and owner.name == "os.environ":
                return self.parameter(str(key), module.code(node), module, node)
            if isinstance(owner, (dict, list, tuple, str)) and not isinstance(owner, Unknown) \
                    and not isinstance(key, Unknown):
                return owner[self.key(key) if isinstance(owner, dict) else key]
            return unknown(module.code(node), module.path, module.line(node), "not known statically")
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice):
            owner, part = self.expr(node.value, env, module), node.slice[0].slice
            bounds = [None if b is None else self.expr(b, env, module) for b in (part.lower, part.upper)]
            if isinstance(owner, (list, tuple, str)) and not isinstance(owner, Unknown) and all(
                    b is None or isinstance(b, int) for b in bounds):
                return owner[bounds[0]:bounds[1]]
            return unknown(module.code(node), module.path, module.line(node), "not known statically")
        if isinstance(node, cst.BinaryOperation):
            left, right = self.expr(node.left, env, module), self.expr(node.right, env, module)
            if isinstance(node.operator, cst.Add):
                return self.add(left, right, node, module)
            if isinstance(node.operator, cst.Divide) and isinstance(left, QName) and left.name == "pathlib.Path":
                return posixpath.join(str(left), str(right))
            if isinstance(node.operator, cst.Divide) and isinstance(left, str):
                return joined([left, "/", right])
            if isinstance(node.operator, cst.Modulo) and isinstance(left, str) and not isinstance(left, Unknown):
                return left % (tuple(right) if isinstance(right, list) else right)
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)):
                ops = {cst.Multiply: lambda a, b: a * b, cst.Subtract: lambda a, b: a - b,
                       cst.Divide: lambda a, b: a / b, cst.FloorDivide: lambda a, b: a // b}
                op = ops.get(type(node.operator))
                if op:
                    return op(left, right)
            return unknown(module.code(node), module.path, module.line(node), "not evaluated statically")
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
            return -self.expr(node.expression, env, module)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            value = self.expr(node.expression, env, module)
            return value if isinstance(value, Unknown) else not value
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            left = self.expr(node.left, env, module)
            right = self.expr(node.comparisons[0].comparator, env, module)
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return unknown(module.code(node), module.path, module.line(node), "not known statically")
            op = node.comparisons[0].operator
            if isinstance(op, cst.Equal):
                return left == right
            if isinstance(op, cst.NotEqual):
                return left != right
            if isinstance(op, cst.In):
                return left in right
            if isinstance(op, cst.NotIn):
                return left not in right
        if isinstance(node, cst.BooleanOperation):
            left = self.expr(node.left, env, module)
            if isinstance(left, Unknown) and left.none_by_default and isinstance(node.operator, cst.Or):
                return self.expr(node.right, env, module)
            if isinstance(left, Unknown):
                return left
            if isinstance(node.operator, cst.Or):
                return left or self.expr(node.right, env, module)
            return left and self.expr(node.right, env, module)
        if isinstance(node, cst.IfExp):
            test = self.expr(node.test, env, module)
            if isinstance(test, Unknown):
                self.undecided.append((module.path, module.line(node), module.code(node.test)))
                return self.expr(node.body, env, module)
            return self.expr(node.body if test else node.orelse, env, module)
        if isinstance(node, cst.Call):
            return self.call(node, env, module)
        if isinstance(node, (cst.ListComp, cst.DictComp)):
            return self.comprehension(node, env, module)
        return unknown(module.code(node), module.path, module.line(node), "not evaluated statically")

    def comprehension(self, node, env: dict, module: Module):
        comp = node.for_in
        items = self.expr(comp.iter, env, module)
        if isinstance(items, dict):
            items = list(items)
        if not isinstance(items, (list, tuple)) or comp.inner_for_in is not None:
            return unknown(module.code(node), module.path, module.line(node), "comprehension over unknown items")
        local = dict(env)
        out_list, out_dict = [], {}
        for item in items:
            self.assign(comp.target, item, local, module)
            if all(self.expr(c.test, local, module) is True for c in comp.ifs):
                if isinstance(node, cst.DictComp):
                    out_dict[self.key(self.expr(node.key, local, module))] = self.expr(node.value, local, module)
                else:
                    out_list.append(self.expr(node.elt, local, module))
        return out_dict if isinstance(node, cst.DictComp) else out_list

    def add(self, left, right, node, module: Module):
        if isinstance(left, str) and isinstance(right, str):
            return joined([left, right])
        if isinstance(left, list) and isinstance(right, list):
            return [*left, *right]
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            return left + right
        return unknown(module.code(node), module.path, module.line(node), "not evaluated statically")

    @staticmethod
    def key(value):
        return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)

    def name(self, node: cst.Name, env: dict, module: Module):
        n = node.value
        if n in env:
            return env[n]
        if n in module.env:
            return module.env[n]
        if n in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[n]
        if n in ("str", "int", "float", "dict", "list", "len", "sorted", "range", "os", "pathlib", "Path", "super",
                 "open"):
            return QName({"Path": "pathlib.Path"}.get(n, n))
        return self.parameter(n, n, module, node)

    def parameter(self, name: str, code: str, module: Module, node):
        """A value the files read do not set: the project's ``job_parameters`` by name, or unknown."""
        for key in (code, name, code.rsplit(".", 1)[-1]):
            if key in self.parameters:
                return self.parameters[key]
        return unknown(code, module.path, module.line(node), "not set in the files read (a stack parameter, "
                                                               "context value or import g2l does not follow)")

    def attribute(self, owner, node: cst.Attribute, module: Module):
        attr = node.attr.value
        if isinstance(owner, QName):
            return QName(f"{owner.name}.{attr}")
        if isinstance(owner, Module):
            self.load(owner)
            if attr in owner.env:
                return owner.env[attr]
            sub = self.find_module(f"{owner.name}.{attr}")
            return sub if sub is not None else unknown(module.code(node), module.path, module.line(node),
                                                       f"not defined in {owner.path}")
        if isinstance(owner, Instance):
            if attr in owner.attrs:
                return owner.attrs[attr]
            method = self.method(owner.cls, attr)
            if method is not None:
                return Function(method[0], method[1].module, owner, owner=method[1])
            if attr == "node":
                return QName("self.node")
            return unknown(module.code(node), module.path, module.line(node),
                           "known only at deployment" if attr in ("account", "region", "stack_name", "partition")
                           else "an attribute the app does not set statically")
        if isinstance(owner, Construct):
            return self.construct_attribute(owner, attr, node, module)
        if isinstance(owner, tuple) and owner[0] == "super" and isinstance(owner[1], Klass):
            method = self.method(owner[1], attr, skip_own=True)
            if method is None:
                return ("super method", attr)
            return Function(method[0], method[1].module, owner[2], owner=method[1])
        if isinstance(owner, dict) and attr in ("get", "items", "keys", "values", "copy", "update"):
            return ("method", owner, attr)
        if isinstance(owner, str) and not isinstance(owner, Unknown):
            path_parts = {"parent": posixpath.dirname, "name": posixpath.basename,
                          "stem": lambda p: posixpath.splitext(posixpath.basename(p))[0],
                          "suffix": lambda p: posixpath.splitext(p)[1]}
            if attr in path_parts:  # a pathlib.Path, which g2l holds as its text
                return path_parts[attr](owner)
            return ("method", owner, attr)
        if isinstance(owner, Unknown):
            code = module.code(node)
            return self.parameter(attr, code, module, node) if code.replace(".", "").replace("_", "").isalnum() \
                else unknown(code, module.path, module.line(node), "not known statically")
        return unknown(module.code(node), module.path, module.line(node), "not known statically")

    def construct_attribute(self, owner: Construct, attr: str, node, module: Module):
        if attr == "node":
            return QName("self.node")
        if attr.startswith("add_") or owner.kind in ("state", "rule"):  # workflow.add_*_trigger, state.next
            return ("construct method", owner, attr)
        if attr in ("ref", "name", "job_name", "workflow_name", "attr_name", "trigger_name", "connection_name",
                    "database_name", "table_name", "crawler_name"):
            if owner.name is not None:
                return owner.name
        if attr in ("s3_object_url", "s3_object_key", "s3_url", "asset_path") and owner.kind == "asset":
            return owner.name
        if attr == "bucket_name" and owner.kind == "bucket" and owner.name is not None:
            return owner.name
        return unknown(module.code(node), module.path, module.line(node),
                       f"an attribute of {owner.kind} {owner.id} known only after deployment")

    def method(self, cls: Klass, name: str, skip_own: bool = False) -> tuple[cst.FunctionDef, Klass] | None:
        """The method ``name`` of ``cls`` or of its local base classes, and the class defining it."""
        for stmt in () if skip_own else cls.node.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
                return stmt, cls
        for parent in self.bases(cls):
            found = self.method(parent, name)
            if found is not None:
                return found
        return None

    def bases(self, cls: Klass) -> list[Klass]:
        """The base classes the app defines (a library base such as ``Stack`` is not followed)."""
        out = []
        for base in cls.node.bases:
            parent = self.expr(base.value, cls.module.env, cls.module)
            if isinstance(parent, Klass):
                out.append(parent)
        return out

    # calls

    def call(self, node: cst.Call, env: dict, module: Module):
        func = self.expr(node.func, env, module)
        args, kwargs = [], {}
        for arg in node.args:
            value = self.expr(arg.value, env, module)
            if arg.star == "**":
                if isinstance(value, dict):
                    kwargs.update(value)
            elif arg.star == "*":
                args.extend(value if isinstance(value, (list, tuple)) else [value])
            elif arg.keyword is not None:
                kwargs[arg.keyword.value] = value
            else:
                args.append(value)
        if isinstance(func, Function):
            return self.invoke(func, args, kwargs, module, node)
        if isinstance(func, Klass):
            return self.instantiate(func, args, kwargs, module, node)
        if isinstance(func, QName) and func.name == "super":
            return ("super", env.get("__class__"), env.get("__self__"))
        if isinstance(func, tuple) and func[0] == "super method":
            return None  # a library base class's method (Stack.__init__)
        if isinstance(func, tuple) and func[0] == "method":
            return value_method(self, func[1], func[2], args, node, module)
        if isinstance(func, tuple) and func[0] == "construct method":
            value = self.library(f"<{func[1].kind}>.{func[2]}", [func[1], *args], kwargs, module, node)
            if value is not NotImplemented:
                return value
        if isinstance(func, QName):
            value = self.library(func.name, args, kwargs, module, node)
            if value is not NotImplemented:
                return value
            value = builtin(self, func.name, args, kwargs, module, node)
            if value is not NotImplemented:
                return value
        return unknown(module.code(node), module.path, module.line(node), "a call g2l does not evaluate")

    def open_file(self, path: str, module: Module, node):
        """A data file of the repository the app opens, as its text (``open(p)``, ``Path(p).read_text()``)."""
        text = self.read_text(path) if self.read_text is not None else None
        if text is None:
            return unknown(module.code(node), module.path, module.line(node), f"reads {path}, not a repository file")
        return text

    def invoke(self, func: Function, args: list, kwargs: dict, module: Module, node):
        if self.depth > MAX_DEPTH:
            return unknown(module.code(node), module.path, module.line(node), "calls nested too deeply")
        env = {**func.module.env, **(func.closure or {})}
        if func.owner is not None:
            env["__class__"], env["__self__"] = func.owner, func.bound
        params = func.node.params
        positional = [*params.posonly_params, *params.params]
        given = ([func.bound] if func.bound is not None else []) + list(args)
        for i, param in enumerate(positional):
            name = param.name.value
            if i < len(given):
                env[name] = given[i]
            elif name in kwargs:
                env[name] = kwargs.pop(name)
            elif param.default is not None:
                env[name] = self.expr(param.default, func.module.env, func.module)
            else:
                env[name] = self.parameter(name, name, func.module, param)
        for param in params.kwonly_params:
            name = param.name.value
            env[name] = kwargs.pop(name) if name in kwargs else self.expr(param.default, func.module.env, func.module) \
                if param.default is not None else self.parameter(name, name, func.module, param)
        if isinstance(params.star_kwarg, cst.Param):
            env[params.star_kwarg.name.value] = dict(kwargs)
        if isinstance(params.star_arg, cst.Param):
            env[params.star_arg.name.value] = list(given[len(positional):])
        self.depth += 1
        try:
            self.block(func.node.body.body, env, func.module)
        except _Return as ret:
            return ret.value
        finally:
            self.depth -= 1
        return None

    def instantiate(self, cls: Klass, args: list, kwargs: dict, module: Module, node):
        instance = Instance(cls)
        for stmt in cls.node.body.body:  # class attributes and field defaults
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.Assign):
                        value = self.expr(small.value, cls.module.env, cls.module)
                        for target in small.targets:
                            if isinstance(target.target, cst.Name):
                                instance.attrs[target.target.value] = value
                    elif isinstance(small, cst.AnnAssign) and small.value is not None \
                            and isinstance(small.target, cst.Name):
                        instance.attrs[small.target.value] = self.expr(small.value, cls.module.env, cls.module)
        self.mark_ran(cls)
        init = self.method(cls, "__init__")
        if init is not None:
            self.invoke(Function(init[0], init[1].module, instance, owner=init[1]), args, kwargs, module, node)
        else:  # a dataclass (or NamedTuple) of settings: its annotated fields in order
            fields = self.fields(cls)
            for i, name in enumerate(fields):
                if i < len(args):
                    instance.attrs[name] = args[i]
                elif name in kwargs:
                    instance.attrs[name] = kwargs[name]
        return instance

    def fields(self, cls: Klass) -> list[str]:
        out = [f for parent in reversed(self.bases(cls)) for f in self.fields(parent)]
        for stmt in cls.node.body.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                out += [small.target.value for small in stmt.body
                        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)]
        return list(dict.fromkeys(out))

    def mark_ran(self, cls: Klass) -> None:
        """``cls`` and its bases were instantiated: none of them is run on its own."""
        self.ran.add(id(cls.node))
        for parent in self.bases(cls):
            self.mark_ran(parent)
