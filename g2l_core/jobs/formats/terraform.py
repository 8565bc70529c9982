"""Terraform: ``aws_glue_job``, ``aws_glue_trigger`` and ``aws_glue_workflow`` in ``.tf`` (HCL, read with
python-hcl2) and ``.tf.json``.

A Terraform module spans several files of one folder, so ``read_module`` reads them together: variables
and locals declared in ``variables.tf`` resolve references in ``main.tf``. ``var.x`` resolves from the
project's ``job_parameters``, then the variable's default; ``local.x`` from ``locals``; a reference to
another Glue resource's ``name`` to that name. Anything else (other resources, function calls) stays as
``${...}`` text and is reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

import hcl2
from hcl2 import SerializationOptions

from g2l_core.jobs.formats.glue_api import add_resource, from_snake, used
from g2l_core.jobs.model import JobDefinitions, Problem

GLUE_RESOURCES = ("aws_glue_job", "aws_glue_trigger", "aws_glue_workflow")
_OPTIONS = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)
_ONE_BLOCK = ("command", "execution_property", "predicate", "notification_property")


def accepts(path: str, text: str) -> bool:
    return path.endswith((".tf", ".tf.json"))


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    return read_module({path: text}, parameters)


def parse(path: str, text: str) -> dict:
    if path.endswith(".json"):
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
    parsed = {path: parse(path, text) for path, text in files.items()}
    variables = {name: body.get("default") for data in parsed.values() for name, body in _named(data.get("variable"))
                 if isinstance(body, dict) and "default" in body}
    locals_ = {k: v for data in parsed.values() for block in _blocks(data.get("locals")) for k, v in block.items()}
    resources = [(path, kind, name, body) for path, data in parsed.items() for kind, name, body in _resources(data)]
    names = {f"{kind}.{name}": body.get("name") for _, kind, name, body in resources if kind in GLUE_RESOURCES}
    out = JobDefinitions()
    for path, kind, name, body in resources:
        if kind not in GLUE_RESOURCES:
            continue
        resolver = Resolver({**variables, **parameters}, locals_, names, path, out.problems)
        props = from_snake(_unwrap(resolver.value(used(body), f"{kind}.{name}")))
        add_resource(out, kind.removeprefix("aws_glue_"), props, str(props.get("Name") or name), path)
    return out


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


class Resolver:
    def __init__(self, variables: Mapping, locals_: Mapping, names: Mapping, source: str, problems: list[Problem]):
        self.variables, self.locals, self.names = variables, locals_, names
        self.source, self.problems = source, problems

    def value(self, v, where: str, depth: int = 0):
        if isinstance(v, list):
            return [self.value(x, where, depth) for x in v]
        if isinstance(v, dict):
            return {k: self.value(x, f"{where}.{k}", depth) for k, x in v.items()}
        if not isinstance(v, str) or "${" not in v:
            return v
        pieces = list(_interpolations(v))
        if len(pieces) == 1 and pieces[0][0]:  # "${var.workers}" alone keeps the variable's type
            return self.expression(pieces[0][1], where, depth)
        return "".join(str(self.expression(text, where, depth)) if is_expr else text for is_expr, text in pieces)

    def expression(self, expr: str, where: str, depth: int):
        expr = expr.strip()
        parts = expr.split(".")
        if depth < 10 and len(parts) == 2 and parts[0] == "var" and parts[1] in self.variables:
            return self.value(self.variables[parts[1]], where, depth + 1)
        if depth < 10 and len(parts) == 2 and parts[0] == "local" and parts[1] in self.locals:
            return self.value(self.locals[parts[1]], where, depth + 1)
        if len(parts) == 3 and parts[2] in ("name", "id") and f"{parts[0]}.{parts[1]}" in self.names:
            return self.value(self.names[f"{parts[0]}.{parts[1]}"], where, depth + 1)
        why = ("variable without a default" if parts[0] == "var" else
               "known only after apply" if parts[0] not in ("local",) and "(" not in expr else "not evaluated by g2l")
        problem = Problem(self.source, where, f"${{{expr}}}: {why}; kept as written (set it in the project's job_parameters)")
        if problem not in self.problems:
            self.problems.append(problem)
        return f"${{{expr}}}"


def _interpolations(text: str) -> Iterator[tuple[bool, str]]:
    """Literal text and ``${...}`` expressions (braces inside an expression are balanced)."""
    i = 0
    while i < len(text):
        start = text.find("${", i)
        if start < 0:
            yield False, text[i:]
            return
        if start > i:
            yield False, text[i:start]
        depth, j = 0, start + 1
        while j < len(text):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            if depth == 0:
                break
            j += 1
        yield True, text[start + 2:j]
        i = j + 1
