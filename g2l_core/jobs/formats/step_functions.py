"""Step Functions state machines that run Glue jobs (``arn:aws:states:::glue:startJobRun[.sync]``), as the
triggers of one workflow named after the machine: a job the machine starts first gets a start trigger, every
other job a conditional trigger on the Glue jobs that finish before it (``Next`` chains, ``Parallel``
branches joining, ``Map`` iterations). A ``Choice`` keeps every branch's jobs and is named in a problem, since
its condition is not carried over; a job name taken from the input (``JobName.$``) cannot be known offline.
The machine's Amazon States Language comes from CloudFormation/SAM (``Definition``, ``DefinitionString``,
``DefinitionSubstitutions``) or Terraform (``definition``, usually ``jsonencode({...})``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from g2l_core.jobs.model import Condition, JobDefinitions, Problem, Trigger, Workflow

_GLUE_TASK = re.compile(r"arn:aws[a-z-]*:states:::glue:startJobRun", re.IGNORECASE)


def definition_of(raw, substitutions: Mapping[str, object] | None = None) -> dict:
    """The ASL document: an object as it is, or JSON text; ``${Name}`` filled from ``substitutions``."""
    if isinstance(raw, str):
        if substitutions:
            raw = re.sub(r"\$\{([^}]+)\}", lambda m: str(substitutions.get(m.group(1), m.group(0))), raw)
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise ValueError(f"the definition is not JSON ({exc})") from None
    elif substitutions:
        raw = json.loads(re.sub(r"\$\{([^}]+)\}", lambda m: str(substitutions.get(m.group(1), m.group(0))),
                                json.dumps(raw)))
    if not isinstance(raw, dict) or not isinstance(raw.get("States"), dict):
        raise ValueError("the definition has no States")
    return raw


def add_state_machine(out: JobDefinitions, name: str, definition, source: str, schedule: str | None = None) -> None:
    """The Glue jobs ``definition`` runs, as triggers of workflow ``name``; nothing if it runs no Glue job."""
    where = f"state machine {name}"
    try:
        asl = definition if isinstance(definition, dict) else definition_of(definition)
        walker = _Walker(out.problems, source, where)
        walker.walk(asl, frozenset())
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
        if _GLUE_TASK.search(json.dumps(definition, default=str)):
            out.problems.append(Problem(source, where, f"runs Glue jobs but cannot be read ({exc}); its order is "
                                                       "not carried over"))
        return
    if not walker.after:
        return
    out.workflows.setdefault(name, Workflow(name, source, f"Step Functions state machine {name}"))
    starts = sorted(job for job, before in walker.after.items() if not before)
    kind = "SCHEDULED" if schedule else "ON_DEMAND"
    out.triggers.append(Trigger(f"{name}: start", kind, source, tuple(starts), schedule=schedule, workflow=name,
                                action_arguments={j: walker.arguments[j] for j in starts if j in walker.arguments}))
    for job, before in sorted(walker.after.items()):
        if before:
            out.triggers.append(Trigger(f"{name}: {job}", "CONDITIONAL", source, (job,),
                                        conditions=tuple(Condition(b) for b in sorted(before)), workflow=name,
                                        action_arguments={job: walker.arguments[job]} if job in walker.arguments else {}))


class _Walker:
    def __init__(self, problems: list[Problem], source: str, where: str):
        self.problems, self.source, self.where = problems, source, where
        self.after: dict[str, set[str]] = {}  # job -> Glue jobs that finish before it starts
        self.arguments: dict[str, dict[str, str]] = {}
        self.seen: set[tuple[int, str, frozenset]] = set()

    def walk(self, machine: Mapping, before: frozenset, start: str | None = None) -> frozenset:
        """Follow ``machine`` from ``start`` with ``before`` done; the Glue jobs done when it ends."""
        states = machine["States"]
        name = start or machine["StartAt"]
        while name is not None:
            key = (id(machine), name, before)
            if key in self.seen:  # a loop (polling a job run): already followed with these jobs done
                return before
            self.seen.add(key)
            state = states[name]
            kind = state.get("Type")
            if kind == "Task" and _GLUE_TASK.search(str(state.get("Resource", ""))):
                before = self._task(name, state, before)
            elif kind == "Parallel":
                before = frozenset().union(*(self.walk(b, before) for b in state.get("Branches") or [])) or before
            elif kind == "Map":
                inner = state.get("ItemProcessor") or state.get("Iterator")
                before = self.walk(inner, before) if isinstance(inner, Mapping) else before
            elif kind == "Choice":
                targets = [c.get("Next") for c in state.get("Choices") or []] + [state.get("Default")]
                targets = [t for t in dict.fromkeys(targets) if t]
                problem = Problem(self.source, f"{self.where}: {name}", "Choice state: the jobs of every branch are "
                                                                         "kept, the condition that picks one is not")
                if problem not in self.problems:
                    self.problems.append(problem)
                return frozenset().union(*(self.walk(machine, before, t) for t in targets)) if targets else before
            if state.get("End") or kind in ("Succeed", "Fail"):
                return before
            name = state.get("Next")
        return before

    def _task(self, name: str, state: Mapping, before: frozenset) -> frozenset:
        params = state.get("Parameters") or state.get("Arguments") or {}
        job = params.get("JobName")
        if not isinstance(job, str) or "${" in job:
            dynamic = params.get("JobName.$")
            self.problems.append(Problem(self.source, f"{self.where}: {name}", (
                f"the Glue job name comes from the input ({dynamic}); not carried over" if dynamic else
                f"Glue task without a known JobName ({job!r}); not carried over")))
            return before
        self.after.setdefault(job, set()).update(before)
        args = params.get("Arguments")
        if isinstance(args, Mapping):
            self.arguments[job] = {str(k): str(v) for k, v in args.items() if not str(k).endswith(".$")}
        if not _GLUE_TASK.search(str(state.get("Resource", ""))) or not str(state.get("Resource")).endswith(".sync"):
            problem = Problem(self.source, f"{self.where}: {name}", f"starts {job} without waiting for it (no .sync); "
                                                                    "the next steps are taken to follow its end")
            if problem not in self.problems:  # a state reached by several paths (after a Choice) is said once
                self.problems.append(problem)
        return frozenset({job})
