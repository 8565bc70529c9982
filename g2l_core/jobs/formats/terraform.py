"""Terraform: ``aws_glue_job``, ``aws_glue_trigger`` and ``aws_glue_workflow`` in ``.tf`` (HCL, read with
python-hcl2) and ``.tf.json``.

A Terraform module spans the files of one folder, so a folder is read as one module: variables and locals
of ``variables.tf`` resolve references in ``main.tf``. Expressions are evaluated offline (``hcl_expr``):
``var.x`` from the project's ``job_parameters``, then the variable's default; ``local.x``; functions such
as ``merge``/``lookup``/``format``; conditionals and arithmetic; a Glue resource's ``name`` (also indexed,
``aws_glue_job.this["ingest"].name``). ``for_each``/``count`` make one job or trigger per instance and
``dynamic`` blocks one block per item, as ``terraform apply`` would. A ``module`` block whose ``source`` is a
folder among the job definitions instantiates that folder with the block's arguments as its variables; the
folder is then not read on its own. Values known only after apply stay as ``${...}`` text and are reported.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import hcl2
from hcl2 import SerializationOptions

from g2l_core.jobs.formats.glue_api import add_resource, from_snake, used
from g2l_core.jobs.formats.hcl_expr import (UNKNOWN_ELEMENTS, Lazy, Scope, Unknown, element, split_template,
                                            template, to_string, with_type_defaults)
from g2l_core.jobs.formats.step_functions import add_state_machine
from g2l_core.jobs.model import JobDefinitions, Problem

GLUE_RESOURCES = ("aws_glue_job", "aws_glue_trigger", "aws_glue_workflow", "aws_glue_crawler")
STATE_MACHINE = "aws_sfn_state_machine"
_OPTIONS = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)
_ONE_BLOCK = ("command", "execution_property", "predicate", "notification_property")
_MODULE_META = ("source", "version", "providers", "depends_on", "for_each", "count")
_MAX_DEPTH = 8
# The argument that is a resource's id (default: name); an S3 object's id is its key.
_NAME_ATTRIBUTES = {"aws_s3_bucket": "bucket", "aws_s3_object": "key", "aws_s3_bucket_object": "key"}


def accepts(path: str, text: str) -> bool:
    return path.endswith((".tf", ".tf.json")) or is_tfvars(path)


def is_tfvars(path: str) -> bool:
    """The variable files Terraform loads without being told: ``terraform.tfvars`` and ``*.auto.tfvars``."""
    name = posixpath.basename(path)
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith((".auto.tfvars",
                                                                                     ".auto.tfvars.json"))


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    return read_module({path: text}, parameters)


def parse(path: str, text: str) -> dict:
    if path.endswith(".json"):  # .tf.json, .tfvars.json
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    try:
        return hcl2.loads(text, serialization_options=_OPTIONS)
    except Exception as exc:  # the HCL parser raises lark errors of several kinds
        line = getattr(exc, "line", None)
        raise ValueError(f"{path}: line {line if line is not None else '?'}: not valid HCL "
                         f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None


def read_module(files: Mapping[str, str], parameters: Mapping[str, str]) -> JobDefinitions:
    """The files of one folder, read as a root module."""
    return read_modules(_by_folder(files), parameters)


def _by_folder(files: Mapping[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path, text in files.items():
        out.setdefault(posixpath.dirname(path) or ".", {})[path] = text
    return out


def read_modules(folders: Mapping[str, Mapping[str, str]], parameters: Mapping[str, str],
                 repo_files: Iterable[str] | None = None) -> JobDefinitions:
    """Every Terraform folder of the job definitions: folders another one calls as a module are read once
    per call (with the call's arguments), the others as root modules."""
    out = JobDefinitions()

    def emit(path: str, kind: str, name: str, body: dict) -> None:
        if kind == STATE_MACHINE:
            if "startJobRun" in str(body.get("definition")):
                add_state_machine(out, str(body.get("name") or name), body.get("definition"), path)
            return
        props = from_snake(_unwrap(body))
        add_resource(out, kind.removeprefix("aws_glue_"), props, str(props.get("Name") or name), path)

    def select(body: dict) -> dict:
        return used(body) | {k: body[k] for k in ("definition",) if k in body}

    evaluate_resources(folders, parameters, Reading((*GLUE_RESOURCES, STATE_MACHINE), select, emit, out.problems,
                                                    None if repo_files is None else tuple(repo_files)))
    return out


@dataclass(frozen=True)
class Reading:
    """What a reader takes from the modules: resources of ``kinds``, the arguments ``select`` keeps (only
    those are evaluated, so an unknown role ARN is no problem), handed to ``emit`` with the name an instance
    without a ``name`` argument goes by; problems go to ``problems``."""

    kinds: tuple[str, ...]
    select: Callable[[dict], dict]
    emit: Callable[[str, str, str, dict], None]
    problems: list[Problem]
    files: tuple[str, ...] | None = None  # the repository's files (``fileset()``), when known
    setting: str = "job_parameters"  # the project setting that gives values known only after apply


def evaluate_resources(folders: Mapping[str, Mapping[str, str]], parameters: Mapping[str, str],
                       reading: Reading) -> None:
    """Every Terraform folder: folders another one calls as a module are read once per call (with the
    call's arguments), the others as root modules."""
    modules = {folder: Module.parse(folder, files) for folder, files in folders.items() if files}
    called = {target for m in modules.values() for _, _, _, target in m.calls if target in modules and target != m.folder}
    for folder, module in sorted(modules.items()):
        if folder not in called:
            Instance(module, modules, dict(parameters), {}, None, "", reading, ()).read()


@dataclass
class Module:
    folder: str
    variables: dict[str, object] = field(default_factory=dict)  # name -> raw default (absent: no default)
    types: dict[str, str] = field(default_factory=dict)  # name -> type constraint as written
    tfvars: dict[str, object] = field(default_factory=dict)  # terraform.tfvars / *.auto.tfvars values
    locals: dict[str, tuple[str, object]] = field(default_factory=dict)  # name -> (file, raw value)
    resources: list[tuple[str, str, str, dict]] = field(default_factory=list)  # (file, kind, name, body)
    calls: list[tuple[str, str, dict, str]] = field(default_factory=list)  # (file, name, body, folder called)
    outputs: dict[str, object] = field(default_factory=dict)  # name -> raw value

    @classmethod
    def parse(cls, folder: str, files: Mapping[str, str]) -> Module:
        module = cls(folder)
        for path, text in sorted(files.items()):
            data = parse(path, text)
            if is_tfvars(path):  # Terraform loads these by itself: values of the root's variables
                module.tfvars.update(data)
                continue
            for name, body in _named(data.get("variable")):
                if isinstance(body, dict) and "default" in body:
                    module.variables[name] = body["default"]
                if isinstance(body, dict) and isinstance(body.get("type"), str):
                    module.types[name] = body["type"].removeprefix("${").removesuffix("}")
            for name, body in _named(data.get("output")):
                if isinstance(body, dict) and "value" in body:
                    module.outputs[name] = body["value"]
            for block in _blocks(data.get("locals")):
                module.locals.update({k: (path, v) for k, v in block.items()})
            module.resources += [(path, kind, name, body) for kind, name, body in _resources(data)]
            for name, body in _named(data.get("module")):
                source = body.get("source") if isinstance(body, dict) else None
                target = posixpath.normpath(posixpath.join(folder, source)) \
                    if isinstance(source, str) and source.startswith(("./", "../")) else ""
                module.calls.append((path, name, body if isinstance(body, dict) else {}, target))
        return module


class Instance:
    """One evaluation of a module: its variables' values, and where its problems are reported."""

    def __init__(self, module: Module, modules: Mapping[str, Module], inputs: dict, caller: dict | None,
                 caller_scope: Scope | None, prefix: str, reading: Reading, stack: tuple[str, ...]):
        self.module, self.modules, self.reading, self.prefix, self.stack = module, modules, reading, prefix, stack
        self.problems = reading.problems
        self.inputs, self.caller, self.caller_scope = inputs, caller or {}, caller_scope
        self.local_values: dict[str, object] = {}
        self.evaluating: set[str] = set()
        self.resource_refs: dict[tuple[str, str], object] = {}
        roots: dict[str, object] = {
            "var": Lazy("var", self._variable), "local": Lazy("local", self._local),
            "terraform": Lazy("terraform", self._terraform), "path": Lazy("path", self._path),
            "data": Lazy("data", _resource_type), "module": Lazy("module", self._module_outputs),
            "*": lambda kind: Lazy(kind, _resource),
            "each": Lazy("each", _no_iteration), "count": Lazy("count", _no_iteration),
        }
        if reading.files is not None:
            roots["\0files"] = reading.files
        for _, kind, name, _ in module.resources:
            roots.setdefault(kind, Lazy(kind, self._named_resource))
        self.scope = Scope(roots)

    def _variable(self, _path: str, key):
        key = str(key)
        if key in self.caller:
            found = value(self.caller[key], self.caller_scope)
        elif key in self.inputs:
            found = self.inputs[key]
        elif key in self.module.tfvars and self.caller_scope is None:
            found = value(self.module.tfvars[key], self.scope)
        elif key in self.module.variables:
            found = value(self.module.variables[key], self.scope)
        else:
            raise Unknown(f"var.{key}", "variable without a default")
        return with_type_defaults(self.module.types[key], found) if key in self.module.types else found

    def _local(self, _path: str, key):
        key = str(key)
        if key not in self.module.locals:
            raise Unknown(f"local.{key}", "no such local value")
        if key not in self.local_values:
            if key in self.evaluating:
                raise Unknown(f"local.{key}", "refers to itself")
            self.evaluating.add(key)
            try:
                self.local_values[key] = value(self.module.locals[key][1], self.scope)
            except Unknown as exc:
                self.local_values[key] = exc
            finally:
                self.evaluating.discard(key)
        found = self.local_values[key]
        if isinstance(found, Unknown):
            raise found
        return found

    def _module_outputs(self, _path: str, name) -> Lazy:
        """``module.x.out``: the output of the called folder, evaluated with the call's arguments."""
        call = next(((body, target) for _, n, body, target in self.module.calls if n == name), None)
        if call is None or call[1] not in self.modules or call[1] in (*self.stack, self.module.folder) \
                or "for_each" in call[0] or "count" in call[0] or len(self.stack) >= _MAX_DEPTH:
            return Lazy(f"module.{name}", _after_apply)
        args = {k: v for k, v in call[0].items() if k not in _MODULE_META}
        child = Instance(self.modules[call[1]], self.modules, self.inputs, args, self.scope, "", self.reading,
                         (*self.stack, self.module.folder))
        return Lazy(f"module.{name}", child.output)

    def output(self, path: str, key):
        if key not in self.module.outputs:
            raise Unknown(f"{path}.{key}", "no such output")
        return value(self.module.outputs[key], self.scope)

    def _path(self, _path: str, key):
        """``path.module`` is the module's folder in the repository (``path.root``/``path.cwd``: the root's)."""
        if key == "module":
            return self.module.folder
        if key in ("root", "cwd"):
            return self.stack[0] if self.stack else self.module.folder
        raise Unknown(f"path.{key}", "not a path Terraform knows")

    def _terraform(self, _path: str, key):
        if key == "workspace" and "terraform.workspace" in self.inputs:
            return self.inputs["terraform.workspace"]
        raise Unknown(f"terraform.{key}", "known only when Terraform runs")

    def _named_resource(self, kind: str, name):
        """``aws_glue_job.x`` -> an object whose ``name``/``id`` is the job's name (per instance); so for every
        resource whose name is an argument (``aws_s3_bucket.x.bucket``, ``aws_glue_crawler.x.name``)."""
        key = (kind, str(name))
        if key not in self.resource_refs:
            body = next((b for _, k, n, b in self.module.resources if (k, n) == key), None)
            if body is None:
                raise Unknown(f"{kind}.{name}", "no such resource in this module")
            self.resource_refs[key] = Unknown(f"{kind}.{name}", "refers to itself")
            self.resource_refs[key] = self._names_of(kind, str(name), body)
        found = self.resource_refs[key]
        if isinstance(found, Unknown):
            raise found
        return found

    def _names_of(self, kind: str, name: str, body: dict):
        try:
            instances = self.instances(body, f"{kind}.{name}")
        except Unknown as exc:
            return exc
        by_key = {k: _ResourceRef(f"{kind}.{name}" if k is None else f"{kind}.{name}[{json.dumps(k)}]",
                                  _NAME_ATTRIBUTES.get(kind, "name"), body, scope) for k, scope in instances}
        if "for_each" in body:
            return by_key
        if "count" in body:
            return [by_key[i] for i in range(len(by_key))]
        return by_key[None]

    def instances(self, body: dict, where: str) -> list[tuple[object, Scope]]:
        """``(key, scope)`` per instance of a resource or module block: ``for_each`` and ``count``."""
        if "for_each" in body:
            items = value(body["for_each"], self.scope)
            if isinstance(items, Mapping):
                pairs = list(items.items())
            elif isinstance(items, list):
                pairs = [(str(x), x) for x in items]
            else:
                raise Unknown(f"{where}.for_each", f"expected a map or set, got {type(items).__name__}")
            return [(k, self.scope.child(each={"key": k, "value": v})) for k, v in pairs]
        if "count" in body:
            n = value(body["count"], self.scope)
            if isinstance(n, bool) or not isinstance(n, (int, float)):
                raise Unknown(f"{where}.count", f"expected a number, got {n!r}")
            return [(i, self.scope.child(count={"index": i})) for i in range(int(n))]
        return [(None, self.scope)]

    def read(self) -> None:
        for path, kind, name, body in self.module.resources:
            if kind in self.reading.kinds:
                self._read_resource(path, kind, name, body)
        for path, name, body, target in self.module.calls:
            self._call(path, name, body, target)

    def _read_resource(self, path: str, kind: str, name: str, body: dict) -> None:
        where = f"{self.prefix}{kind}.{name}"
        try:
            instances = self.instances(body, where)
        except Unknown as exc:
            self.report(path, where, exc.what, exc, "the resource is read once, its instance values unresolved")
            instances = [(None, self.scope.child(each=Lazy("each", _unknown_iteration),
                                                 count=Lazy("count", _unknown_iteration)))]
        for key, scope in instances:
            at = where if key is None else f"{where}[{json.dumps(key)}]"
            walked = self.walk(self.reading.select(body) | _dynamic_of(body), scope, path, at)
            self.reading.emit(path, kind, name if key is None else f"{name}[{key}]", walked)

    def _call(self, path: str, name: str, body: dict, target: str) -> None:
        where = f"{self.prefix}module.{name}"
        if target not in self.modules:
            source = body.get("source")
            if any(w in f"{name} {source}".lower() for w in ("glue", "job", "etl")):
                self.problems.append(Problem(path, where, (
                    f"module source {source!r} is not a folder among the job definitions; its Glue resources "
                    "are not read (add the folder to glue.job_definitions)" if target else
                    f"module source {source!r} is not a local folder; its Glue resources are not read")))
            return
        if target in (*self.stack, self.module.folder) or len(self.stack) >= _MAX_DEPTH:
            self.problems.append(Problem(path, where, f"module {target} calls itself or nests too deeply; not read"))
            return
        try:
            instances = self.instances(body, where)
        except Unknown as exc:
            self.report(path, where, exc.what, exc, "the module is not read")
            return
        args = {k: v for k, v in body.items() if k not in _MODULE_META}
        for key, scope in instances:
            at = where if key is None else f"{where}[{json.dumps(key)}]"
            Instance(self.modules[target], self.modules, self.inputs, args, scope, f"{at}: ", self.reading,
                     (*self.stack, self.module.folder)).read()

    def walk(self, raw, scope: Scope, path: str, where: str):
        """A resource body's values; an unknown part of a string is kept as ``${...}`` and reported."""
        if isinstance(raw, list):
            return [self.walk(x, scope, path, where) for x in raw]
        if isinstance(raw, dict):
            out = {}
            for key, x in raw.items():
                if key == "dynamic":
                    for label, blocks in self._dynamic(x, scope, path, where):
                        out.setdefault(label, [])
                        out[label] = (out[label] if isinstance(out[label], list) else [out[label]]) + blocks
                    continue
                walked = self.walk(x, scope, path, f"{where}.{key}")
                if key in out and isinstance(out[key], list):  # static blocks after dynamic ones, as written
                    out[key] = out[key] + (walked if isinstance(walked, list) else [walked])
                else:
                    out[key] = walked
            return out
        if not isinstance(raw, str):
            return raw
        text = _heredoc(raw)
        if "${" not in text and "%{" not in text:
            return text
        pieces = list(split_template(text))
        if len(pieces) == 1 and pieces[0][0]:
            return self._piece(pieces[0][1], scope, path, where)
        return "".join(str(self._piece(p, scope, path, where, as_text=True)) if is_expr else p for is_expr, p in pieces)

    def _piece(self, expr: str, scope: Scope, path: str, where: str, as_text: bool = False):
        token = UNKNOWN_ELEMENTS.set([])
        try:
            result = template("${" + expr + "}", scope)
            return to_string(result, expr) if as_text else result
        except Unknown as exc:
            self.report(path, where, expr.strip(), exc,
                        f"kept as written (set it in the project's {self.reading.setting})")
            return f"${{{expr.strip()}}}"
        finally:
            for exc in UNKNOWN_ELEMENTS.get() or []:
                self.report(path, where, exc.what, exc,
                            f"kept as written (set it in the project's {self.reading.setting})")
            UNKNOWN_ELEMENTS.reset(token)

    def _dynamic(self, blocks, scope: Scope, path: str, where: str) -> Iterator[tuple[str, list]]:
        for label, spec in _named(blocks):
            if not isinstance(spec, dict):
                continue
            at = f"{where}.dynamic.{label}"
            iterator = str(spec.get("iterator") or label).strip("${}")
            try:
                items = value(spec.get("for_each"), scope)
            except Unknown as exc:
                self.report(path, at, "for_each", exc, f"its {label} blocks are left out")
                continue
            pairs = list(items.items()) if isinstance(items, Mapping) else list(enumerate(items or []))
            content = _blocks(spec.get("content"))
            yield label, [self.walk(c, scope.child(**{iterator: {"key": k, "value": v}}), path, f"{at}[{i}]")
                          for i, (k, v) in enumerate(pairs) for c in content]

    def report(self, path: str, where: str, expr: str, exc: Unknown, then: str) -> None:
        cause = exc.why if exc.what == expr else f"{exc.what}: {exc.why}"
        problem = Problem(path, where, f"${{{expr}}}: {cause}; {then}")
        if problem not in self.problems:
            self.problems.append(problem)


class _ResourceRef(Lazy):
    """An instance of a resource seen from another one: its arguments are known as written (a bucket's
    ``bucket``, an S3 object's ``key``, a job's ``name``), and its ``id`` when that is its name; what the
    provider computes (ARNs...) is known only after apply."""

    def __init__(self, path: str, name_attribute: str, body: dict, scope: Scope):
        super().__init__(path, self._attribute)
        self.name_attribute, self.body, self.scope = name_attribute, body, scope

    def _attribute(self, path: str, key):
        key = self.name_attribute if key == "id" else key
        if isinstance(key, str) and key in self.body and key not in ("for_each", "count", "dynamic"):
            return value(self.body[key], self.scope)
        raise Unknown(f"{path}.{key}", "known only after apply")


def value(raw, scope: Scope):
    """A raw value of the parsed HCL (a variable default, a local, a module argument), fully evaluated."""
    if isinstance(raw, list):
        return [element(lambda x=x: value(x, scope)) for x in raw]
    if isinstance(raw, dict):
        return {k: element(lambda x=x: value(x, scope)) for k, x in raw.items()}
    if isinstance(raw, str):
        text = _heredoc(raw)
        return template(text, scope) if "${" in text or "%{" in text else text
    return raw


def _resource_type(path: str, key) -> Lazy:
    return Lazy(f"{path}.{key}", _resource)


def _resource(path: str, key) -> Lazy:
    return Lazy(f"{path}.{key}", _after_apply)


def _after_apply(path: str, key):
    raise Unknown(f"{path}.{key}", "known only after apply")


def _no_iteration(path: str, key):
    raise Unknown(f"{path}.{key}", "used outside for_each/count")


def _unknown_iteration(path: str, key):
    raise Unknown(f"{path}.{key}", "the resource's for_each/count could not be evaluated")


def _heredoc(text: str) -> str:
    """``<<EOT ... EOT`` (and the indented ``<<-EOT``) as the string it stands for."""
    if not text.startswith("<<"):
        return text
    first, _, rest = text.partition("\n")
    marker = first[2:].lstrip("-").strip()
    body, _, _ = rest.rpartition("\n")
    if not marker.isidentifier() or not rest.rstrip().endswith(marker):
        return text
    lines = body.split("\n") if body else []
    if first.startswith("<<-"):
        indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
        lines = [line[indent:] for line in lines]
    return "\n".join(lines) + "\n"


def _dynamic_of(body: dict) -> dict:
    return {"dynamic": body["dynamic"]} if "dynamic" in body else {}


def _blocks(value) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value or [] if isinstance(v, dict)]


def _named(value) -> Iterator[tuple[str, dict]]:
    for block in _blocks(value):
        yield from block.items()


def _resources(data: dict) -> Iterator[tuple[str, str, dict]]:
    for kind, named in _named(data.get("resource")):
        for name, body in _named(named):
            for one in _blocks(body):  # .tf.json may give a resource as a list of bodies
                yield kind, name, one


def _unwrap(body: dict) -> dict:
    """Blocks that occur once (``command {}``) come as one-element lists; ``conditions``/``actions`` stay lists."""
    out = {}
    for key, value in body.items():
        if key in _ONE_BLOCK and isinstance(value, list):
            value = value[0] if value else {}
        if key == "predicate" and isinstance(value, dict) and isinstance(value.get("conditions"), dict):
            value = {**value, "conditions": [value["conditions"]]}
        if key == "actions" and isinstance(value, dict):
            value = [value]
        out[key] = value
    return out
