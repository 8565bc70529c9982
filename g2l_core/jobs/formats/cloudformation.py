"""CloudFormation / SAM templates (YAML with short-form tags, or JSON): Glue jobs, triggers and workflows.

The YAML loader is ``yaml.SafeLoader`` taught the intrinsic-function tags (``!Ref``, ``!Sub``, ``!GetAtt``,
``!If``...), which it turns into their long JSON form, so both spellings resolve the same way: ``Ref`` and
``${Name}`` from the project's ``job_parameters`` first, then the template's ``Parameters`` defaults, a
``Ref`` to a Glue resource as its ``Name``. Anything else stays as ``${...}`` text and is reported.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping

import yaml

from g2l_core.jobs.formats.glue_api import add_resource, used
from g2l_core.jobs.formats.step_functions import add_state_machine, definition_of
from g2l_core.jobs.model import JobDefinitions, Problem

GLUE_TYPES = ("AWS::Glue::Job", "AWS::Glue::Trigger", "AWS::Glue::Workflow", "AWS::Glue::Crawler")
_SUFFIXES = (".yaml", ".yml", ".json", ".template")


class TemplateLoader(yaml.SafeLoader):
    """Safe YAML plus CloudFormation's short-form tags; nothing else is constructed."""


def _intrinsic(loader: TemplateLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


TemplateLoader.add_multi_constructor("!", _intrinsic)


def load_template(path: str, text: str) -> dict:
    """The template as plain data; a syntax error names the file and line."""
    try:
        data = json.loads(text) if path.endswith(".json") else yaml.load(text, Loader=TemplateLoader)  # noqa: S506
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"{path}: line {mark.line + 1 if mark else '?'}: not valid YAML "
                         f"({getattr(exc, 'problem', None) or exc})") from None
    return data if isinstance(data, dict) else {}


def accepts(path: str, text: str) -> bool:
    return path.endswith(_SUFFIXES) and not path.endswith(".tf.json") and "Resources" in text and (
        "AWS::Glue::" in text or "glue:startJobRun" in text)


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    return read_template(path, load_template(path, text), parameters)


def read_template(path: str, template: Mapping, parameters: Mapping[str, str]) -> JobDefinitions:
    """A loaded template; a resource whose ``Condition`` is false is left out (as CloudFormation does)."""
    out = JobDefinitions()
    resolver = Resolver(template, parameters, path, out.problems)
    for logical_id, resource in resources_of(template).items():
        if isinstance(resource, dict) and resource.get("Type") in STATE_MACHINES:
            _state_machine(out, resolver, template, str(logical_id), resource, path)
            continue
        if not isinstance(resource, dict) or resource.get("Type") not in GLUE_TYPES:
            continue
        if not isinstance(resource.get("Properties") or {}, dict):
            out.problems.append(Problem(path, str(logical_id), f"Properties: expected an object, got "
                                                               f"{resource.get('Properties')!r}; skipped"))
            continue
        if "Condition" in resource:
            created = resolver.condition(resource["Condition"], logical_id)
            if created is False:
                out.problems.append(Problem(path, logical_id, f"Condition {resource['Condition']} is false with these "
                                                              "parameters: not created, left out"))
                continue
            if created is None:
                resolver.report(logical_id, f"Condition {resource['Condition']}", "cannot be decided; the resource "
                                                                                   "is read as if created")
        props = resolver.value(used(resource.get("Properties") or {}), logical_id)
        if isinstance(props, _NoValue):
            props = {}
        add_resource(out, resource["Type"].rsplit("::", 1)[1].lower(), props, str(props.get("Name") or logical_id), path)
    return out


STATE_MACHINES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
_MACHINE_PROPERTIES = ("Name", "StateMachineName", "Definition", "DefinitionString", "DefinitionSubstitutions")


def _state_machine(out: JobDefinitions, resolver: Resolver, template: Mapping, logical_id: str, resource: Mapping,
                   path: str) -> None:
    """A state machine running Glue jobs, started by a schedule (SAM ``Events`` or an ``AWS::Events::Rule``
    targeting it) or on demand."""
    props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
    raw = props.get("Definition", props.get("DefinitionString"))
    if raw is None or "startJobRun" not in json.dumps(raw, default=str):
        return
    resolved = resolver.value({k: props[k] for k in _MACHINE_PROPERTIES if k in props}, logical_id)
    name = str(resolved.get("StateMachineName") or resolved.get("Name") or logical_id)
    definition = resolved.get("Definition", resolved.get("DefinitionString"))
    try:
        definition = definition_of(definition, resolved.get("DefinitionSubstitutions") or {})
    except ValueError as exc:
        out.problems.append(Problem(path, logical_id, f"state machine {name}: {exc}; its Glue jobs' order is not "
                                                      "carried over"))
        return
    schedules = [*_sam_schedules(props), *_rule_schedules(template, logical_id)]
    crons = [s for s in (resolver.value(x, logical_id) for x in schedules) if str(s).lower().startswith("cron(")]
    for other in [s for s in (resolver.value(x, logical_id) for x in schedules) if s not in crons]:
        out.problems.append(Problem(path, logical_id, f"schedule {other!r} of state machine {name} is not a cron() "
                                                      "expression; not carried over"))
    add_state_machine(out, name, definition, path, str(crons[0]) if crons else None)


def _sam_schedules(props: Mapping) -> list:
    events = props.get("Events") if isinstance(props.get("Events"), dict) else {}
    return [(e.get("Properties") or {}).get("Schedule") or (e.get("Properties") or {}).get("ScheduleExpression")
            for e in events.values() if isinstance(e, dict) and e.get("Type") in ("Schedule", "ScheduleV2")]


def _rule_schedules(template: Mapping, machine: str) -> list:
    out = []
    for resource in resources_of(template).values():
        if not isinstance(resource, dict) or resource.get("Type") not in ("AWS::Events::Rule", "AWS::Scheduler::Schedule"):
            continue
        props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
        targets = props.get("Targets") if isinstance(props.get("Targets"), list) else [props.get("Target")]
        arns = [json.dumps(t.get("Arn"), default=str) for t in targets if isinstance(t, dict)]
        if any(f'"{machine}"' in a for a in arns) and props.get("ScheduleExpression"):
            out.append(props["ScheduleExpression"])
    return out


def resources_of(template: Mapping) -> dict:
    """``Resources`` of a template, or of a Serverless Framework file (``resources: {Resources: ...}``, also a
    list of such fragments)."""
    if isinstance(template.get("Resources"), dict):
        return template["Resources"]
    nested = template.get("resources")
    fragments = nested if isinstance(nested, list) else [nested]
    out: dict = {}
    for fragment in fragments:
        if isinstance(fragment, dict) and isinstance(fragment.get("Resources"), dict):
            out.update(fragment["Resources"])
    return out


class _NoValue:
    """``AWS::NoValue``: the property (or list item) it stands in is removed."""


NO_VALUE = _NoValue()

# A Ref to these resources is a name the template usually sets (property path); others are ARNs or ids.
_NAMED_BY = {"AWS::Glue::Crawler": ("Name",), "AWS::Glue::Database": ("DatabaseInput", "Name"),
             "AWS::Glue::Connection": ("ConnectionInput", "Name"), "AWS::Glue::Table": ("TableInput", "Name"),
             "AWS::Glue::SecurityConfiguration": ("Name",), "AWS::S3::Bucket": ("BucketName",),
             "AWS::IAM::Role": ("RoleName",), "AWS::SNS::Topic": ("TopicName",)}
PSEUDO_PARAMETERS = ("AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId", "AWS::Partition",
                     "AWS::URLSuffix", "AWS::NotificationARNs")


NESTED_STACKS = ("AWS::CloudFormation::Stack", "AWS::Serverless::Application")


def nested_parameters(texts: Mapping[str, str], parameters: Mapping[str, str],
                      problems: list[Problem]) -> dict[str, list[dict]]:
    """Templates another template nests (``AWS::CloudFormation::Stack`` ``TemplateURL`` or SAM
    ``AWS::Serverless::Application`` ``Location`` naming a file among ``texts``): for each, the parameters of
    every nesting, resolved in the parent. A nested template is read once per nesting with them."""
    out: dict[str, list[dict]] = {}
    for path, text in sorted(texts.items()):
        if not path.endswith(_SUFFIXES) or not any(t in text for t in NESTED_STACKS):
            continue
        template = load_template(path, text)
        resolver = Resolver(template, parameters, path, problems)
        for logical_id, resource in resources_of(template).items():
            if not isinstance(resource, dict) or resource.get("Type") not in NESTED_STACKS:
                continue
            props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
            location = props.get("TemplateURL", props.get("Location"))
            if not isinstance(location, str) or "://" in location:
                continue
            child = posixpath.normpath(posixpath.join(posixpath.dirname(path), location))
            if child not in texts:
                continue
            given = resolver.value(props.get("Parameters") or {}, str(logical_id))
            out.setdefault(child, []).append(dict(given) if isinstance(given, dict) else {})
    return out


class Unresolved(str):
    """Text standing for a value the template does not determine (``${Bucket}``)."""


class Resolver:
    """Intrinsics of one template, offline. ``setting`` names where a user gives missing values; with
    ``choose_undecided`` an ``Fn::If`` whose condition cannot be decided takes its first branch (job settings),
    without it the value stays ``${Fn::If}`` (a table's schema must not be guessed)."""

    def __init__(self, template: Mapping, parameters: Mapping[str, str], source: str, problems: list[Problem],
                 setting: str = "job_parameters", choose_undecided: bool = True):
        params = template.get("Parameters") if isinstance(template.get("Parameters"), Mapping) else {}
        defaults = {k: v.get("Default") for k, v in params.items() if isinstance(v, dict) and "Default" in v}
        self.parameters = {**{k: v for k, v in defaults.items() if v is not None}, **parameters}
        self.resources = resources_of(template)
        self.conditions = template.get("Conditions") if isinstance(template.get("Conditions"), Mapping) else {}
        self.mappings = template.get("Mappings") if isinstance(template.get("Mappings"), Mapping) else {}
        self.source = source
        self.problems = problems
        self.setting, self.choose_undecided = setting, choose_undecided

    def report(self, where: str, text: str, why: str) -> Unresolved:
        problem = Problem(self.source, where, f"{text}: {why}; kept as ${{...}} (set it in the project's {self.setting})")
        if problem not in self.problems:
            self.problems.append(problem)
        return Unresolved(f"${{{text}}}")

    def value(self, v, where: str):
        if isinstance(v, list):
            items = [self.value(x, where) for x in v]
            return [x for x in items if x is not NO_VALUE]
        if not isinstance(v, dict):
            return v
        if len(v) == 1:
            (key, arg), = v.items()
            if key == "Ref":
                return self.ref(str(arg), where)
            if key.startswith("Fn::"):
                return self.function(key[4:], arg, where)
        out = {k: self.value(x, f"{where}.{k}") for k, x in v.items()}
        return {k: x for k, x in out.items() if x is not NO_VALUE}

    def ref(self, name: str, where: str):
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.parameters:
            value = self.parameters[name]
            return ",".join(map(str, value)) if isinstance(value, list) else value
        if name in PSEUDO_PARAMETERS:
            return self.report(where, name, "pseudo parameter known only at deployment")
        resource = self.resources.get(name)
        if isinstance(resource, dict):
            props = resource.get("Properties") or {}
            if resource.get("Type") in GLUE_TYPES:  # Ref of a Glue job, trigger or workflow is its name
                return self.value(props.get("Name"), where) or name
            path = _NAMED_BY.get(str(resource.get("Type")))
            named = props
            for key in path or ():
                named = named.get(key) if isinstance(named, dict) else None
            if path and named is not None:
                return self.value(named, where)
            return self.report(where, name, f"Ref to a {resource.get('Type')} resource is known only after deployment"
                               + (f" (it sets no {'.'.join(path)})" if path else ""))
        return self.report(where, name, "parameter without a default")

    def function(self, fn: str, arg, where: str):
        try:
            return self._function(fn, arg, where)
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            return self.report(where, f"Fn::{fn} {arg!r}", "arguments not of the shape CloudFormation takes")

    def _function(self, fn: str, arg, where: str):
        if fn == "Sub":
            text, names = (arg[0], arg[1]) if isinstance(arg, list) else (arg, {})
            local = {k: self.value(x, where) for k, x in (names or {}).items()}
            return self._join(re.split(r"(\$\{[^}!]+\})", str(text)), "", where, local)
        if fn == "Join":
            parts = self.value(arg[1], where)
            return self._join(parts if isinstance(parts, list) else [parts], str(arg[0]), where, None)
        if fn == "Select":
            items = self.value(arg[1], where)
            try:
                return items[int(self.value(arg[0], where))]
            except (IndexError, ValueError, TypeError, KeyError):
                return self.report(where, f"Fn::Select {arg!r}", "index outside the list")
        if fn == "Split":
            text = self.value(arg[1], where)
            return text.split(str(arg[0])) if isinstance(text, str) and not isinstance(text, Unresolved) else [text]
        if fn == "If":
            if not (isinstance(arg, list) and len(arg) == 3):
                return self.report(where, "Fn::If", "expected [condition, value if true, value if false]")
            chosen = self.condition(arg[0], where)
            if chosen is None and not self.choose_undecided:
                self.report(where, f"Fn::If {arg[0]}", "condition cannot be decided")
                return Unresolved("${Fn::If}")
            if chosen is None:
                self.report(where, f"Fn::If {arg[0]}", "condition cannot be decided; the first branch is used")
                chosen = True
            return self.value(arg[1] if chosen else arg[2], where)
        if fn == "FindInMap":
            keys = [self.value(a, where) for a in arg]
            try:
                return self.mappings[keys[0]][keys[1]][keys[2]]
            except (KeyError, TypeError, IndexError):
                return self.report(where, f"Fn::FindInMap {keys!r}", "not in the template's Mappings")
        if fn == "ImportValue":  # another stack's export: a value the project may give by the export's name
            name = self.value(arg, where)
            if str(name) in self.parameters:
                return self.parameters[str(name)]
            return self.report(where, str(name), "export of another stack (Fn::ImportValue), known only at deployment")
        if fn == "GetAtt":
            return self.report(where, ".".join(map(str, arg)), "Fn::GetAtt is known only after deployment")
        return self.report(where, f"Fn::{fn}", "not evaluated by g2l")

    def condition(self, name_or_expr, where: str, depth: int = 0) -> bool | None:
        try:
            return self._condition(name_or_expr, where, depth)
        except (IndexError, KeyError, TypeError, ValueError, AttributeError, RecursionError):
            return None

    def _condition(self, name_or_expr, where: str, depth: int) -> bool | None:
        if depth > 20:
            return None
        expr = self.conditions.get(name_or_expr) if isinstance(name_or_expr, str) else name_or_expr
        if not isinstance(expr, dict) or len(expr) != 1:
            return None
        (key, arg), = expr.items()
        if key == "Condition":
            return self._condition(arg, where, depth + 1)
        if key == "Fn::Equals":
            a, b = (self.value(x, where) for x in arg)
            return None if isinstance(a, Unresolved) or isinstance(b, Unresolved) else str(a) == str(b)
        parts = [self._condition(x, where, depth + 1) for x in arg]
        if key == "Fn::Not":
            return None if parts[0] is None else not parts[0]
        if None in parts:
            return None
        return all(parts) if key == "Fn::And" else any(parts) if key == "Fn::Or" else None

    def _join(self, parts: list, sep: str, where: str, local: Mapping | None) -> str:
        out, unresolved = [], False
        for part in parts:
            if local is not None and isinstance(part, str) and part.startswith("${") and part.endswith("}"):
                name = part[2:-1]
                part = local[name] if name in local else (
                    self.ref(name, where) if "." not in name else self.function("GetAtt", name.split(".", 1), where))
            elif local is not None and isinstance(part, str):
                part = part.replace("${!", "${")  # Fn::Sub's escape for a literal ${
            unresolved |= isinstance(part, Unresolved)
            out.append(str(part))
        text = sep.join(out)
        return Unresolved(text) if unresolved else text
