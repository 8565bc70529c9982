"""Airflow DAG files that run Glue jobs (``GlueJobOperator``): the order, schedule and run arguments of jobs
whose definitions live elsewhere (Terraform, CloudFormation...).

A DAG is the model's workflow: its schedule a SCHEDULED trigger of its first Glue tasks, each Glue task a
CONDITIONAL trigger on the Glue tasks upstream of it (through other operators, such as ``EmptyOperator``
joins), its ``script_args`` the trigger's arguments. So the bundle gets one Databricks job per DAG with
``depends_on`` as the DAG has them, as for a Glue workflow. The file is read, never run: operators assigned to
names with literal ``job_name``/``task_id``, ``a >> b``/``a << [b, c]`` chains, ``set_upstream``/
``set_downstream`` and ``chain(...)``. An Airflow template in an argument is the Databricks dynamic value
reference giving the same value (``airflow_templates``); ``params``/``dag_run.conf`` values become job
parameters (the workflow's run properties). What the reader cannot follow (tasks made in loops, names it does
not know, a template no reference matches) is a problem naming the line, never a guess.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from g2l_core.jobs.formats.airflow_templates import TEMPLATE, render
from g2l_core.jobs.model import Condition, JobDefinitions, Problem, Trigger, Workflow

GLUE_OPERATORS = ("GlueJobOperator", "AwsGlueJobOperator")
_PRESETS = {"@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
            "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"}
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def accepts(path: str, text: str) -> bool:
    return path.endswith(".py") and any(name in text for name in GLUE_OPERATORS)


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


class _Reader:
    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.constants: dict[str, object] = {}
        self.tasks: dict[str, _Task] = {}  # variable name -> task
        self.edges: set[tuple[str, str]] = set()  # (upstream variable, downstream variable)
        self.dags: list[_Dag] = []
        self.doc = ast.get_docstring(tree) or ""
        self.parameters: dict[str, str | None] = {}  # job parameters the templates read -> default
        self._body(tree.body)
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

    def problem(self, node: ast.AST, message: str) -> None:
        self.problems.append(Problem(self.path, f"line {getattr(node, 'lineno', 0)}", message))

    def _body(self, statements: list[ast.stmt]) -> None:
        for stmt in statements:
            if isinstance(stmt, ast.With):
                for item in stmt.items:
                    self._dag(item.context_expr)
                self._body(stmt.body)
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self._assign(stmt.targets[0].id, stmt.value)
            elif isinstance(stmt, ast.Expr):
                self._expression(stmt.value)
            elif isinstance(stmt, (ast.For, ast.While)) and _mentions_glue(stmt):
                self.problem(stmt, "Glue tasks made in a loop: their order is not read; add it to the bundle by hand")

    def _dag(self, node: ast.expr) -> None:
        if not (isinstance(node, ast.Call) and _name(node.func) == "DAG"):
            return
        dag_id = self._literal(node.args[0]) if node.args else self._keyword(node, "dag_id")
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
        elif raw is not None:
            self.problem(node, f"DAG {dag_id}: schedule is not a literal cron expression; the job is unscheduled")
        scheduled = not (isinstance(given, ast.Constant) and given.value is None)
        self.dags.append(_Dag(dag_id, schedule, node.lineno, description if isinstance(description, str) else self.doc,
                              scheduled, self._params(node)))

    def _assign(self, name: str, value: ast.expr) -> None:
        if isinstance(value, ast.Call) and _name(value.func).endswith("Operator"):
            self._operator(name, value)
        elif isinstance(value, ast.Call) and _name(value.func) == "DAG":
            self._dag(value)
        else:
            literal = self._literal(value)
            if literal is not None:
                self.constants[name] = literal
            elif _mentions_glue(value):
                self.problem(value, f"{name}: Glue tasks built by an expression g2l does not read; their order is "
                                    "not read")

    def _operator(self, name: str, call: ast.Call) -> None:
        task_id = self._keyword(call, "task_id")
        if not isinstance(task_id, str):
            self.problem(call, f"{name}: operator without a literal task_id; not read")
            return
        task = _Task(task_id, call.lineno)
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

    def _expression(self, node: ast.expr) -> None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.RShift, ast.LShift)):
            self._chain(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("set_downstream", "set_upstream") and node.args:
            this, other = self._tasks(node.func.value), self._tasks(node.args[0])
            if this is None or other is None:
                self.problem(node, f"{node.func.attr} of tasks g2l does not know; not read")
                return
            pairs = (this, other) if node.func.attr == "set_downstream" else (other, this)
            self.edges |= {(a, b) for a in pairs[0] for b in pairs[1]}
        elif isinstance(node, ast.Call) and _name(node.func) == "chain":
            steps = [self._tasks(a) for a in node.args]
            if any(s is None for s in steps):
                self.problem(node, "chain(...) of tasks g2l does not know; not read")
                return
            for up, down in zip(steps, steps[1:]):
                self.edges |= {(a, b) for a in up for b in down}

    def _chain(self, node: ast.expr) -> list[str] | None:
        """The tasks an ``a >> b`` expression evaluates to (its right side), adding its edges."""
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.RShift, ast.LShift))):
            return self._tasks(node)
        left, right = self._chain(node.left), self._tasks(node.right)
        if left is None or right is None:
            self.problem(node, "a dependency between tasks g2l does not know; not read")
            return None
        up, down = (left, right) if isinstance(node.op, ast.RShift) else (right, left)
        self.edges |= {(a, b) for a in up for b in down}
        return right

    def _tasks(self, node: ast.expr) -> list[str] | None:
        if isinstance(node, ast.Name) and node.id in self.tasks:
            return [node.id]
        if isinstance(node, (ast.List, ast.Tuple)):
            names = [self._tasks(e) for e in node.elts]
            return None if any(n is None for n in names) else [x for n in names for x in n]
        return None

    def _params(self, call: ast.Call) -> dict[str, object]:
        """A DAG's or operator's literal ``params``, a ``Param(default, ...)`` as its default."""
        node = _keyword_node(call, "params")
        if not isinstance(node, ast.Dict):
            found = self._literal(node) if node is not None else None
            return dict(found) if isinstance(found, Mapping) else {}
        out: dict[str, object] = {}
        for key, value in zip(node.keys, node.values):
            if isinstance(value, ast.Call) and _name(value.func) == "Param":
                value = value.args[0] if value.args else _keyword_node(value, "default")
            name, item = (self._literal(key) if key is not None else None), (self._literal(value) if value else None)
            if isinstance(name, str) and item is not None:
                out[name] = item
        return out

    def _keyword(self, call: ast.Call, name: str, default=None):
        node = _keyword_node(call, name)
        return default if node is None else self._literal(node)

    def _literal(self, node: ast.expr):
        """A literal, a module constant, or a dict display with ``**CONSTANT`` items; None otherwise."""
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        if isinstance(node, ast.Dict):
            out: dict = {}
            for key, value in zip(node.keys, node.values):
                item = self._literal(value)
                if key is None and isinstance(item, Mapping):
                    out.update(item)
                elif key is not None and isinstance(self._literal(key), str) and item is not None:
                    out[self._literal(key)] = item
                else:
                    return None
            return out
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return None


def _keyword_node(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _mentions_glue(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and _name(n.func) in GLUE_OPERATORS for n in ast.walk(node))


def glue_cron(schedule: str) -> str | None:
    """An Airflow cron expression or preset as Glue writes its schedules (``cron(0 3 * * ? *)``)."""
    fields = _PRESETS.get(schedule.strip().lower(), schedule).split()
    if len(fields) != 5:
        return None
    minute, hour, dom, month, dow = fields
    if dow != "*":
        dow = re.sub(r"\d", lambda m: _DAYS[int(m.group())], dow)
        dom = "?" if dom == "*" else dom
    else:
        dow = "?"
    if dom != "?" and dow != "?":
        return None  # cron's "either day matches" has no Glue or Quartz form
    return f"cron({minute} {hour} {dom} {month} {dow} *)"


def read(path: str, text: str, parameters: Mapping[str, str]) -> JobDefinitions:
    out = JobDefinitions()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"{path}: line {getattr(exc, 'lineno', 0) or 0}: not valid Python ({exc})") from None
    except (RecursionError, MemoryError):
        raise ValueError(f"{path}: nested too deeply to read") from None
    try:
        reader = _Reader(path, tree)
    except RecursionError:
        raise ValueError(f"{path}: nested too deeply to read") from None
    out.problems += reader.problems
    glue = {name: t for name, t in reader.tasks.items() if t.job}
    if not glue:
        return out
    if len(reader.dags) != 1:
        out.problems.append(Problem(path, "file", f"{len(reader.dags)} DAGs; g2l reads a file with one DAG"))
        return out
    dag = reader.dags[0]
    out.workflows[dag.dag_id] = Workflow(dag.dag_id, path, dag.description,
                                         {name: default or "" for name, default in reader.parameters.items()})
    upstream = {name: _glue_upstream(name, reader.edges, glue) for name in glue}
    first = sorted(name for name in glue if not upstream[name])
    if dag.schedule:
        out.triggers.append(Trigger(f"{dag.dag_id} (schedule)", "SCHEDULED", path, tuple(glue[n].job for n in first),
                                    schedule=dag.schedule, workflow=dag.dag_id,
                                    action_arguments={glue[n].job: glue[n].arguments for n in first if glue[n].arguments}))
    else:
        out.triggers.append(Trigger(f"{dag.dag_id} (start)", "ON_DEMAND", path, tuple(glue[n].job for n in first),
                                    workflow=dag.dag_id,
                                    action_arguments={glue[n].job: glue[n].arguments for n in first if glue[n].arguments}))
    for name in sorted(set(glue) - set(first)):
        task = glue[name]
        conditions = tuple(Condition(glue[u].job) for u in sorted(upstream[name]))
        out.triggers.append(Trigger(f"{dag.dag_id}.{task.task_id}", "CONDITIONAL", path, (task.job,),
                                    conditions=conditions, workflow=dag.dag_id,
                                    action_arguments={task.job: task.arguments} if task.arguments else {}))
    return out


def _glue_upstream(name: str, edges: set[tuple[str, str]], glue: Mapping[str, _Task]) -> set[str]:
    """The Glue tasks nearest upstream of ``name``, seen through other operators (joins, sensors, empties)."""
    found, seen = set(), set()
    todo = [a for a, b in edges if b == name]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if node in glue:
            found.add(node)
        else:
            todo += [a for a, b in edges if b == node]
    return found
