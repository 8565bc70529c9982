"""``aws glue get-jobs`` / ``get-job`` / ``get-triggers`` / ``get-workflow`` JSON as the AWS CLI prints it, and
the request files repositories keep for ``aws glue create-job`` / ``create-trigger`` / ``create-workflow`` /
``update-job --cli-input-json`` (one job, trigger or workflow, its fields at the top level).

The Glue API's field names are also what CloudFormation and Terraform spell (in their own case), so the
other readers bring their resources to this shape and build the model with ``job_from_properties`` and
``trigger_from_properties``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from g2l_core.jobs.model import TRIGGER_KINDS, Condition, GlueJob, JobDefinitions, Problem, Trigger, Workflow

_API_KEYS = ("Jobs", "Job", "Triggers", "Trigger", "Workflow", "Workflows")


_WORKFLOW_REQUEST = {"Name", "Description", "DefaultRunProperties", "MaxConcurrentRuns", "Tags"}


def accepts(path: str, text: str) -> bool:
    if not path.endswith(".json") or path.endswith(".tf.json"):
        return False
    data = _json(text)
    return isinstance(data, dict) and (any(k in data for k in _API_KEYS) or _request(data) is not None)


def _request(data: Mapping) -> dict | None:
    """A ``--cli-input-json`` request as the response it mirrors (``{"Job": ...}``...), or None."""
    if isinstance(data.get("JobUpdate"), Mapping) and data.get("JobName"):
        return {"Job": {**data["JobUpdate"], "Name": data["JobName"]}}
    if not data.get("Name"):
        return None
    if isinstance(data.get("Command"), Mapping):
        return {"Job": dict(data)}
    if data.get("Type") and "Actions" in data:
        return {"Trigger": dict(data)}
    if set(data) <= _WORKFLOW_REQUEST:
        return {"Workflow": dict(data)}
    return None


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    data = json.loads(text)
    if not any(k in data for k in _API_KEYS):
        data = _request(data) or {}
    out = JobDefinitions()
    jobs = data.get("Jobs") or ([data["Job"]] if isinstance(data.get("Job"), dict) else [])
    for i, raw in enumerate(jobs):
        name = raw.get("Name") if isinstance(raw, dict) else None
        if not name:
            out.problems.append(Problem(path, f"Jobs[{i}]", "job without a Name; skipped"))
            continue
        job = job_from_properties(raw, name, path, out.problems)
        if job:
            out.jobs[name] = job
    triggers = list(_items(data.get("Triggers"))) or ([data["Trigger"]] if isinstance(data.get("Trigger"), dict) else [])
    workflows = data.get("Workflows") or ([data["Workflow"]] if isinstance(data.get("Workflow"), dict) else [])
    for i, wf in enumerate(_items(workflows)):
        if not isinstance(wf, Mapping) or not wf.get("Name"):
            out.problems.append(Problem(path, f"Workflows[{i}]", "workflow without a Name; skipped"))
            continue
        graph = wf.get("Graph") if isinstance(wf.get("Graph"), Mapping) else {}
        for node in _items(graph.get("Nodes")):  # get-workflow --include-graph nests the triggers
            details = node.get("TriggerDetails") if isinstance(node, Mapping) and node.get("Type") == "TRIGGER" else None
            if isinstance(details, Mapping) and isinstance(details.get("Trigger"), Mapping):
                triggers.append({**details["Trigger"], "WorkflowName": wf.get("Name")})
        add_resource(out, "workflow", wf, wf["Name"], path)
    for i, raw in enumerate(triggers):
        name = raw.get("Name") if isinstance(raw, Mapping) else None
        add_resource(out, "trigger", raw, str(name or f"Triggers[{i}]"), path)
    return out


def _items(value) -> list:
    return value if isinstance(value, list) else []


def add_resource(out: JobDefinitions, kind: str, props: Mapping, name: str, source: str) -> None:
    """One ``job``, ``trigger`` or ``workflow`` (properties in the API's spelling) into ``out``; a definition of
    the wrong shape (a string where an object belongs...) is a problem naming it, and the others are read."""
    try:
        _add(out, kind, props, name, source)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        out.problems.append(Problem(source, f"{kind} {name}", f"not a definition g2l can read ({type(exc).__name__}: "
                                                              f"{exc}); skipped"))


def _add(out: JobDefinitions, kind: str, props: Mapping, name: str, source: str) -> None:
    if not isinstance(props, Mapping):
        raise TypeError(f"expected an object of properties, got {type(props).__name__}")
    if kind == "job":
        job = job_from_properties(props, name, source, out.problems)
        if job:
            out.jobs[name] = job
    elif kind == "trigger":
        trigger = trigger_from_properties(props, name, source, out.problems)
        if trigger:
            out.triggers.append(trigger)
    elif kind == "crawler":  # only its schedule matters: it may start a chain of jobs (``through_crawlers``)
        schedule = props.get("Schedule")
        schedule = schedule.get("ScheduleExpression") if isinstance(schedule, Mapping) else schedule
        if isinstance(schedule, str) and schedule.strip():
            out.triggers.append(Trigger(f"{name} (crawler schedule)", "SCHEDULED", source, schedule=schedule.strip(),
                                        crawlers=(name,)))
    else:
        out.workflows[name] = Workflow(name, source, str(props.get("Description") or ""),
                                       _strings(props.get("DefaultRunProperties")),
                                       _int(props.get("MaxConcurrentRuns"), source, f"workflow {name}", out.problems))


def job_from_properties(props: Mapping, name: str, source: str, problems: list[Problem]) -> GlueJob | None:
    """A Glue API ``Job`` (or CloudFormation ``AWS::Glue::Job`` properties) as the model."""
    where = f"job {name}"
    command = props.get("Command") or {}
    if not isinstance(command, Mapping):
        problems.append(Problem(source, f"{where}: Command", f"expected an object with ScriptLocation, got {command!r}; "
                                                             "the job is skipped"))
        return None
    script = command.get("ScriptLocation")
    if not script:
        problems.append(Problem(source, where, "no Command.ScriptLocation; the job is skipped"))
        return None
    execution = props.get("ExecutionProperty") if isinstance(props.get("ExecutionProperty"), Mapping) else {}
    connections = props.get("Connections") or {}
    if isinstance(connections, Mapping):
        connections = connections.get("Connections") or []
    if isinstance(connections, str):
        connections = [connections]
    arguments = {**_strings(props.get("DefaultArguments")), **_strings(props.get("NonOverridableArguments"))}
    capacity = props.get("MaxCapacity", props.get("AllocatedCapacity"))
    return GlueJob(
        name=name, script=str(script), source=source, arguments=arguments,
        command=str(command.get("Name") or "glueetl"),
        glue_version=_str(props.get("GlueVersion")),
        worker_type=_str(props.get("WorkerType")),
        number_of_workers=_int(props.get("NumberOfWorkers"), source, f"{where}: NumberOfWorkers", problems),
        max_capacity=_float(capacity, source, f"{where}: MaxCapacity", problems),
        timeout_minutes=_int(props.get("Timeout"), source, f"{where}: Timeout", problems),
        max_retries=_int(props.get("MaxRetries"), source, f"{where}: MaxRetries", problems),
        max_concurrent_runs=_int(execution.get("MaxConcurrentRuns"), source, f"{where}: MaxConcurrentRuns", problems),
        connections=tuple(str(c) for c in connections),
        tags=_strings(props.get("Tags")),
    )


def trigger_from_properties(props: Mapping, name: str, source: str, problems: list[Problem]) -> Trigger | None:
    where = f"trigger {name}"
    kind = str(props.get("Type") or "").upper()
    if kind not in TRIGGER_KINDS:
        problems.append(Problem(source, where, f"Type {props.get('Type')!r} is not one of {', '.join(TRIGGER_KINDS)}; skipped"))
        return None
    actions, action_arguments, crawlers = [], {}, []
    raw_actions = props.get("Actions") or []
    for i, action in enumerate(raw_actions if isinstance(raw_actions, list) else [raw_actions]):
        if not isinstance(action, Mapping):
            problems.append(Problem(source, f"{where}: Actions[{i}]", f"expected a JobName or CrawlerName, got {action!r}"))
        elif action.get("JobName"):
            actions.append(str(action["JobName"]))
            if action.get("Arguments"):
                action_arguments[str(action["JobName"])] = _strings(action["Arguments"])
        else:
            crawlers.append(str(action.get("CrawlerName")))
            problems.append(Problem(source, f"{where}: Actions[{i}]",
                                    f"starts crawler {action.get('CrawlerName')!r}, not a job; no Databricks task"))
    predicate = props.get("Predicate") or {}
    if not isinstance(predicate, Mapping):
        problems.append(Problem(source, f"{where}: Predicate", f"expected an object with Conditions, got {predicate!r}"))
        predicate = {}
    conditions, crawler_conditions = [], []
    for i, cond in enumerate(_items(predicate.get("Conditions"))):
        if not isinstance(cond, Mapping):
            problems.append(Problem(source, f"{where}: Predicate.Conditions[{i}]", f"expected a JobName or "
                                                                                   f"CrawlerName, got {cond!r}"))
        elif cond.get("JobName"):
            conditions.append(Condition(str(cond["JobName"]), str(cond.get("State") or "SUCCEEDED").upper()))
        elif cond.get("CrawlerName"):
            crawler_conditions.append(Condition(str(cond["CrawlerName"]), str(cond.get("CrawlState") or "SUCCEEDED")
                                                .upper()))
        else:
            problems.append(Problem(source, f"{where}: Predicate.Conditions[{i}]", "names no job or crawler; skipped"))
    logical = str(predicate.get("Logical") or "AND").upper()
    if kind == "SCHEDULED" and not props.get("Schedule"):
        problems.append(Problem(source, where, "SCHEDULED trigger without a Schedule"))
    return Trigger(name=name, kind=kind, source=source, actions=tuple(actions), schedule=_str(props.get("Schedule")),
                   conditions=tuple(conditions), logical=logical, workflow=_str(props.get("WorkflowName")),
                   action_arguments=action_arguments, crawlers=tuple(crawlers),
                   crawler_conditions=tuple(crawler_conditions))


def _json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _str(value) -> str | None:
    return None if value is None else str(value)


def _strings(value) -> dict[str, str]:
    if isinstance(value, list):  # Terraform/CloudFormation tag lists: [{Key, Value}]
        return {str(t.get("Key")): str(t.get("Value")) for t in value if isinstance(t, dict)}
    if not isinstance(value, dict):
        return {}
    return {str(k): v if isinstance(v, str) else json.dumps(v) if isinstance(v, (dict, list)) else
            str(v).lower() if isinstance(v, bool) else str(v) for k, v in value.items() if v is not None}


def _int(value, source: str, where: str, problems: list[Problem]) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        problems.append(Problem(source, where, f"expected a number, got {value!r}; left unset"))
        return None


def _float(value, source: str, where: str, problems: list[Problem]) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        problems.append(Problem(source, where, f"expected a number, got {value!r}; left unset"))
        return None


# The properties the model reads: only these are resolved, so an unresolvable Role ARN is no problem.
USED = {"Name", "Command", "DefaultArguments", "NonOverridableArguments", "GlueVersion", "WorkerType",
        "NumberOfWorkers", "MaxCapacity", "AllocatedCapacity", "Timeout", "MaxRetries", "ExecutionProperty",
        "Connections", "Tags", "Type", "Schedule", "Actions", "Predicate", "WorkflowName", "Description",
        "DefaultRunProperties", "MaxConcurrentRuns"}
_VERBATIM = {"DefaultArguments", "NonOverridableArguments", "Arguments", "Tags", "DefaultRunProperties"}


def from_snake(props: Mapping) -> dict:
    """Terraform / job_config spelling (``number_of_workers``) to the API's (``NumberOfWorkers``).

    Keys of argument maps and tags are names the user chose, so they stay as written.
    """
    out = {}
    for key, value in props.items():
        camel = camel_case(key)
        if camel in _VERBATIM:
            out[camel] = value
        elif isinstance(value, Mapping):
            out[camel] = from_snake(value)
        elif isinstance(value, list):
            out[camel] = [from_snake(v) if isinstance(v, Mapping) else v for v in value]
        else:
            out[camel] = value
    return out


def camel_case(key: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in str(key).split("_"))


def used(props: Mapping) -> dict:
    """The properties the model reads (either spelling)."""
    return {k: v for k, v in props.items() if camel_case(k) in USED}
