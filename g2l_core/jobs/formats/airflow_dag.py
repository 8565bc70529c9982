"""The static reading of an Airflow DAG file (``airflow``'s reader): its DAG, its operators and the
dependencies between them, as written; values through the CDK reader's evaluator (``cdk_eval.App``), so a
value is what that evaluator determines (literals, module constants, ``**`` spreads, f-strings...), and one it
does not determine is not read. libcst is loaded with this module, when a DAG is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst
import libcst.matchers as m

from g2l_core.jobs.formats.airflow import GLUE_OPERATORS, glue_cron
from g2l_core.jobs.formats.airflow_templates import TEMPLATE, render
from g2l_core.jobs.model import Problem

if TYPE_CHECKING:
    from g2l_core.jobs.formats.cdk_eval import App


@dataclass
class _Task:
    task_id: str
    line: int
    job: str | None = None  # the Glue job a GlueJobOperator runs; None for other operators
    arguments: dict[str, str] = field(default_factory=dict)
    templated: list[str] = field(default_factory=list)  # arguments holding an Airflow template
    params: dict[str, object] = field(default_factory=dict)  # the task's own ``params``


@dataclass
class _Dag:
    dag_id: str
    schedule: str | None
    line: int
    description: str = ""
    scheduled: bool = True  # runs on a schedule (an unset schedule is Airflow 2's daily)
    params: dict[str, object] = field(default_factory=dict)


class Reader:
    """One DAG file, read in ``app`` (the evaluator holding it): its DAGs, tasks, edges and problems."""

    def __init__(self, path: str, app: App) -> None:
        self.path = path
        self.app, self.module = app, app.modules[path]
        self.problems: list[Problem] = []
        self.tasks: dict[str, _Task] = {}  # variable name -> task
        self.edges: set[tuple[str, str]] = set()  # (upstream variable, downstream variable)
        self.dags: list[_Dag] = []
        self.doc = self.module.tree.get_docstring() or ""
        self.parameters: dict[str, str | None] = {}  # job parameters the templates read -> default
        self._body(self.module.tree.body)
        if len(self.dags) == 1:
            self._render(self.dags[0])

    def _render(self, dag: _Dag) -> None:
        """Templated arguments as Databricks references; one without is dropped. Each is named once for its tasks."""
        unmapped: dict[tuple[str, str], tuple[str, list[str]]] = {}
        notes: dict[tuple[str, str], tuple[str, list[str]]] = {}
        for task in self.tasks.values():
            for key in task.templated:
                value = task.arguments[key]
                rendered = render(value, dag.scheduled, {**dag.params, **task.params})
                if rendered.value is None:
                    del task.arguments[key]
                    unmapped.setdefault((key, value), ("; ".join(rendered.unmapped), []))[1].append(task.task_id)
                    continue
                task.arguments[key] = rendered.value
                if rendered.notes:
                    note = f"passed as {rendered.value!r}: {'; '.join(rendered.notes)}"
                    notes.setdefault((key, value), (note, []))[1].append(task.task_id)
                for name, default in rendered.parameters.items():
                    known = self.parameters.setdefault(name, default)
                    if known is None:
                        self.parameters[name] = default
                    elif default is not None and default != known:
                        self.problems.append(Problem(self.path, f"job parameter {name}", (
                            f"defaults {known!r} and {default!r} in different tasks: {known!r} is kept")))
        for (key, value), (why, tasks) in unmapped.items():
            self.problems.append(Problem(self.path, f"script_args {key}", (
                f"{value!r} is an Airflow template ({why}): not passed to {', '.join(tasks)}; give the Databricks job "
                "that parameter by hand")))
        for (key, value), (note, tasks) in notes.items():
            self.problems.append(Problem(self.path, f"script_args {key}", f"{value!r} to {', '.join(tasks)} is {note}"))
        for name, default in self.parameters.items():
            if default is None:
                self.problems.append(Problem(self.path, f"job parameter {name}", (
                    "the DAG gives it no default (a value given when the DAG is started): its default is empty; "
                    "give it when starting a run")))

    def problem(self, node: cst.CSTNode, message: str) -> None:
        self.problems.append(Problem(self.path, f"line {self.module.line(node)}", message))

    def _body(self, statements) -> None:
        for stmt in statements:
            if isinstance(stmt, cst.With):
                for item in stmt.items:
                    self._dag(item.item)
                self._body(stmt.body.body)
            elif isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                            isinstance(small.targets[0].target, cst.Name):
                        self._assign(small.targets[0].target.value, small.value)
                    elif isinstance(small, cst.Expr):
                        self._expression(small.value)
                    elif isinstance(small, (cst.Import, cst.ImportFrom)):
                        self.app.small(small, self.module.env, self.module)
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                self.app.statement(stmt, self.module.env, self.module)  # what a value may call
            elif isinstance(stmt, (cst.For, cst.While)) and _mentions_glue(stmt):
                self.problem(stmt, "Glue tasks made in a loop: their order is not read; add it to the bundle by hand")

    def _dag(self, node: cst.BaseExpression) -> None:
        if not (isinstance(node, cst.Call) and _name(node.func) == "DAG"):
            return
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        dag_id = self._literal(positional[0]) if positional else self._keyword(node, "dag_id")
        if not isinstance(dag_id, str):
            self.problem(node, "DAG without a literal dag_id; not read")
            return
        raw = self._keyword(node, "schedule", self._keyword(node, "schedule_interval"))
        given = _keyword_node(node, "schedule") or _keyword_node(node, "schedule_interval")
        description = self._keyword(node, "description")
        schedule = None
        if isinstance(raw, str):
            schedule = glue_cron(raw)
            if schedule is None:
                self.problem(node, f"DAG {dag_id}: schedule {raw!r} is not a cron expression or preset g2l reads; "
                                   "the job is unscheduled")
        scheduled = not (isinstance(given, cst.Name) and given.value == "None")
        if (raw is not None and not isinstance(raw, str)) or (raw is None and given is not None and scheduled):
            # a timedelta, a timetable or a name g2l does not resolve: scheduled on Airflow, not here
            self.problem(node, f"DAG {dag_id}: schedule is not a literal cron expression; the job is unscheduled")
        self.dags.append(_Dag(dag_id, schedule, self.module.line(node),
                              description if isinstance(description, str) else self.doc, scheduled,
                              self._params(node)))

    def _assign(self, name: str, value: cst.BaseExpression) -> None:
        if isinstance(value, cst.Call) and _name(value.func).endswith("Operator"):
            self._operator(name, value)
        elif isinstance(value, cst.Call) and _name(value.func) == "DAG":
            self._dag(value)
        else:
            literal = self._literal(value)
            if literal is not None:
                self.module.env[name] = literal
            elif _mentions_glue(value):
                self.problem(value, f"{name}: Glue tasks built by an expression g2l does not read; their order is "
                                    "not read")

    def _operator(self, name: str, call: cst.Call) -> None:
        task_id = self._keyword(call, "task_id")
        if not isinstance(task_id, str):
            self.problem(call, f"{name}: operator without a literal task_id; not read")
            return
        task = _Task(task_id, self.module.line(call))
        if _name(call.func) in GLUE_OPERATORS:
            job = self._keyword(call, "job_name")
            if not isinstance(job, str):
                self.problem(call, f"task {task_id}: job_name is not a literal; not read")
                return
            task.job = job
            task.params = self._params(call)
            args = self._keyword(call, "script_args")
            if isinstance(args, Mapping):
                for key, value in args.items():
                    task.arguments[str(key)] = str(value)
                    if isinstance(value, str) and TEMPLATE.search(value):
                        task.templated.append(str(key))
            elif args is not None or _keyword_node(call, "script_args") is not None:
                self.problem(call, f"task {task_id}: script_args is not a literal dict; not carried over")
        self.tasks[name] = task

    def _expression(self, node: cst.BaseExpression) -> None:
        if _shift(node):
            self._chain(node)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and \
                node.func.attr.value in ("set_downstream", "set_upstream") and node.args:
            this, other = self._tasks(node.func.value), self._tasks(node.args[0].value)
            if this is None or other is None:
                self.problem(node, f"{node.func.attr.value} of tasks g2l does not know; not read")
                return
            pairs = (this, other) if node.func.attr.value == "set_downstream" else (other, this)
            self.edges |= {(a, b) for a in pairs[0] for b in pairs[1]}
        elif isinstance(node, cst.Call) and _name(node.func) == "chain":
            steps = [self._tasks(a.value) for a in node.args]
            if any(s is None for s in steps):
                self.problem(node, "chain(...) of tasks g2l does not know; not read")
                return
            for up, down in zip(steps, steps[1:]):
                self.edges |= {(a, b) for a in up for b in down}

    def _chain(self, node: cst.BaseExpression) -> list[str] | None:
        """The tasks an ``a >> b`` expression evaluates to (its right side), adding its edges."""
        if not _shift(node):
            return self._tasks(node)
        left, right = self._chain(node.left), self._tasks(node.right)
        if left is None or right is None:
            self.problem(node, "a dependency between tasks g2l does not know; not read")
            return None
        up, down = (left, right) if isinstance(node.operator, cst.RightShift) else (right, left)
        self.edges |= {(a, b) for a in up for b in down}
        return right

    def _tasks(self, node: cst.BaseExpression) -> list[str] | None:
        if isinstance(node, cst.Name) and node.value in self.tasks:
            return [node.value]
        if isinstance(node, (cst.List, cst.Tuple)):
            names = [self._tasks(e.value) for e in node.elements]
            return None if any(n is None for n in names) else [x for n in names for x in n]
        return None

    def _params(self, call: cst.Call) -> dict[str, object]:
        """A DAG's or operator's literal ``params``, a ``Param(default, ...)`` as its default."""
        node = _keyword_node(call, "params")
        if not isinstance(node, cst.Dict):
            found = self._literal(node) if node is not None else None
            return dict(found) if isinstance(found, Mapping) else {}
        out: dict[str, object] = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            value = element.value
            if isinstance(value, cst.Call) and _name(value.func) == "Param":
                positional = [a.value for a in value.args if a.keyword is None and not a.star]
                value = positional[0] if positional else _keyword_node(value, "default")
            name, item = self._literal(element.key), (self._literal(value) if value is not None else None)
            if isinstance(name, str) and item is not None:
                out[name] = item
        return out

    def _keyword(self, call: cst.Call, name: str, default=None):
        node = _keyword_node(call, name)
        return default if node is None else self._literal(node)

    def _literal(self, node: cst.BaseExpression):
        """What the CDK evaluator makes of ``node`` when it is a plain value (text, number, list, dict of text
        keys) it fully determines; None otherwise, or for a dict spreading (``**``) what is not one."""
        env = self.module.env
        if isinstance(node, cst.Dict) and any(isinstance(e, cst.StarredDictElement) and not isinstance(
                self.app.expr(e.value, env, self.module), dict) for e in node.elements):
            return None
        return _plain(self.app.expr(node, env, self.module))


def _plain(value):
    from g2l_core.jobs.formats.cdk_values import Unknown

    if isinstance(value, Unknown):
        return None
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, list):
        items = [_plain(v) for v in value]
        return None if any(i is None for i in items) else items
    if isinstance(value, dict):
        items = {k: _plain(v) for k, v in value.items()}
        return None if any(not isinstance(k, str) or v is None for k, v in items.items()) else items
    return None


def _keyword_node(call: cst.Call, name: str) -> cst.BaseExpression | None:
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _name(func: cst.BaseExpression) -> str:
    return func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""


def _shift(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.RightShift, cst.LeftShift))


_GLUE_CALL = m.Call(func=m.OneOf(*(m.Name(n) for n in GLUE_OPERATORS),
                                 *(m.Attribute(attr=m.Name(n)) for n in GLUE_OPERATORS)))


def _mentions_glue(node: cst.CSTNode) -> bool:
    return bool(m.findall(node, _GLUE_CALL))
