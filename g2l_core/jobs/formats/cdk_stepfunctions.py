"""Step Functions state machines of a Python CDK app that run Glue jobs (``GlueStartJobRun`` tasks chained
with ``.next``, ``Parallel.branch``, ``Map.item_processor``, ``Choice.when``/``otherwise``), written as the
Amazon States Language they synthesize and read by ``step_functions`` like a template's; an
``events.Rule`` targeting the machine with a cron schedule schedules it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from g2l_core.jobs.formats.cdk_values import Construct, Unknown, joined
from g2l_core.jobs.formats.step_functions import add_state_machine
from g2l_core.jobs.model import JobDefinitions, Problem

_SFN = "aws_cdk.aws_stepfunctions."
_TASKS = "aws_cdk.aws_stepfunctions_tasks."
_EVENTS = "aws_cdk.aws_events."
_TERMINAL = ("Succeed", "Fail")


@dataclass(eq=False)
class State:
    kind: str  # Task | Pass | Wait | Parallel | Map | Choice | Succeed | Fail
    id: str
    fields: dict = field(default_factory=dict)  # ASL fields of a Task (Resource, Parameters)
    next: State | None = None
    branches: list[Chain] = field(default_factory=list)  # Parallel branches, Map processor
    choices: list[State] = field(default_factory=list)  # Choice targets (when..., otherwise)
    ends: list[State] = field(default_factory=list)  # Choice: where its branches end (afterwards)


@dataclass(eq=False)
class Chain:
    start: State
    end: list[State]


def cron_of(options: Mapping) -> str:
    """``Schedule.cron(minute=..., hour=...)`` (events, and Glue's ``TriggerSchedule.cron``) as CDK writes it."""
    day = options.get("day") or ("?" if options.get("week_day") else "*")
    parts = [options.get("minute") or "*", options.get("hour") or "*", day, options.get("month") or "*",
             options.get("week_day") or "?", options.get("year") or "*"]
    return joined(["cron(", *[x for p in parts for x in (p, " ")][:-1], ")"])


def chain_of(value) -> Chain | None:
    if isinstance(value, Construct) and isinstance(value.kwargs.get("state"), (State, Chain)):
        value = value.kwargs["state"]
    if isinstance(value, State):
        return Chain(value, [value])
    return value if isinstance(value, Chain) else None


def _wrap(value, line: int, path: str) -> Construct:
    """States are Constructs to the evaluator, whose methods (``.next``) come back to ``call``."""
    return Construct("state", getattr(chain_of(value).start, "id", "chain"), {"state": value}, path, line)


class StepFunctions:
    """The library calls of ``aws_stepfunctions``, ``aws_stepfunctions_tasks`` and ``aws_events`` rules."""

    def __init__(self, plain: Callable):
        self.plain = plain
        self.machines: list[Construct] = []
        self.rules: list[tuple[object, list]] = []  # (schedule, targets)

    def call(self, name: str, args: list, kwargs: dict, path: str, line: int):
        cid = str(args[1]) if len(args) > 1 else name.rsplit(".", 1)[-1]
        if name == f"{_TASKS}GlueStartJobRun":
            sync = "RUN_JOB" in str(getattr(kwargs.get("integration_pattern"), "name", ""))
            params = {"JobName": self.plain(kwargs.get("glue_job_name"))}
            if isinstance(kwargs.get("arguments"), dict):
                params["Arguments"] = self.plain(kwargs["arguments"])
            resource = "arn:aws:states:::glue:startJobRun" + (".sync" if sync else "")
            return _wrap(State("Task", cid, {"Resource": resource, "Parameters": params}), line, path)
        if name.startswith(_TASKS):
            return _wrap(State("Task", cid, {"Resource": name.rsplit(".", 1)[-1]}), line, path)
        if name in (f"{_SFN}TaskInput.from_object", f"{_SFN}TaskInput.fromObject"):
            return args[0] if args else kwargs.get("obj")
        if name == f"{_SFN}Chain.start" and args:
            return _wrap(chain_of(args[0]), line, path)
        if name in (f"{_SFN}DefinitionBody.from_chainable", f"{_SFN}DefinitionBody.fromChainable") and args:
            return args[0]
        if name.startswith(_SFN) and name[len(_SFN):] in ("Pass", "Wait", "Parallel", "Map", "Choice", "Succeed",
                                                          "Fail", "DistributedMap", "CustomState"):
            kind = {"DistributedMap": "Map", "CustomState": "Pass"}.get(name[len(_SFN):], name[len(_SFN):])
            return _wrap(State(kind, cid), line, path)
        if name == f"{_SFN}StateMachine":
            found = Construct("state machine", cid, {"name": kwargs.get("state_machine_name") or cid,
                                                     "definition": kwargs.get("definition_body")
                                                     or kwargs.get("definition")}, path, line)
            self.machines.append(found)
            return found
        if name == f"{_EVENTS}Schedule.cron":
            return cron_of(kwargs)
        if name == f"{_EVENTS}Schedule.expression" and args:
            return args[0]
        if name == "aws_cdk.aws_events_targets.SfnStateMachine" and args:
            return ("target", args[0])
        if name == f"{_EVENTS}Rule":
            rule = Construct("rule", cid, {}, path, line)
            self.rules.append((kwargs.get("schedule"), list(kwargs.get("targets") or [])))
            rule.kwargs["index"] = len(self.rules) - 1
            return rule
        return NotImplemented

    def method(self, owner: Construct, method: str, args: list, kwargs: dict, path: str, line: int):
        """``state.next(other)``, ``parallel.branch(chain)``, ``choice.when(condition, state)``..."""
        if owner.kind == "rule" and method == "add_target":
            self.rules[owner.kwargs["index"]][1].extend(args)
            return None
        chain = chain_of(owner)
        if chain is None:
            return NotImplemented
        start, last = chain.start, chain.end
        if method == "next" and args and chain_of(args[0]) is not None:
            other = chain_of(args[0])
            for end in last:
                if end.kind == "Choice":
                    for tail in end.ends:
                        tail.next = tail.next or other.start
                elif end.kind not in _TERMINAL:
                    end.next = other.start
            return _wrap(Chain(start, other.end), line, path)
        if method in ("branch", "item_processor", "iterator") and start.kind in ("Parallel", "Map"):
            start.branches += [c for c in map(chain_of, args) if c is not None]
            return owner
        if method in ("when", "otherwise") and start.kind == "Choice":
            target = chain_of(args[-1]) if args else None
            if target is not None:
                start.choices.append(target.start)
                start.ends += target.end
            return owner
        if method == "afterwards":
            return owner
        if method in ("add_retry", "add_catch"):
            return owner
        return NotImplemented

    def add_to(self, out: JobDefinitions) -> None:
        for machine in self.machines:
            chain = chain_of(machine.kwargs.get("definition"))
            name = self.plain(machine.kwargs["name"])
            if chain is None:
                out.problems.append(Problem(machine.path, f"line {machine.line}: state machine {name}",
                                            "its definition is not a chain of states g2l reads; not carried over"))
                continue
            schedules = [self.plain(s) for s, targets in self.rules
                         if any(isinstance(t, tuple) and t[1] is machine for t in targets)]
            crons = [s for s in schedules if isinstance(s, str) and not isinstance(s, Unknown)
                     and s.startswith("cron(")]
            for other in [s for s in schedules if s not in crons]:
                out.problems.append(Problem(machine.path, f"line {machine.line}: state machine {name}",
                                            f"schedule {other!r} is not a cron() expression; not carried over"))
            add_state_machine(out, str(name), asl(chain.start), machine.path, crons[0] if crons else None)


def asl(start: State) -> dict:
    """The Amazon States Language document of the states reachable from ``start``."""
    states: dict[str, dict] = {}
    names: dict[int, str] = {}

    def name_of(state: State) -> str:
        if id(state) not in names:
            names[id(state)] = state.id if state.id not in names.values() else f"{state.id}{len(names)}"
            body: dict = {"Type": state.kind, **state.fields}
            states[names[id(state)]] = body
            if state.kind == "Parallel":
                body["Branches"] = [asl(b.start) for b in state.branches]
            elif state.kind == "Map" and state.branches:
                body["ItemProcessor"] = asl(state.branches[0].start)
            elif state.kind == "Choice":
                body["Choices"] = [{"Next": name_of(t)} for t in state.choices]
            if state.kind not in ("Choice", *_TERMINAL):
                if state.next is not None:
                    body["Next"] = name_of(state.next)
                else:
                    body["End"] = True
        return names[id(state)]

    return {"StartAt": name_of(start), "States": states}
