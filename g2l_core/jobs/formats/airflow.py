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
not know, a template no reference matches) is a problem naming the line, never a guess. The reading itself
is ``airflow_dag``'s, whose values are the CDK reader's evaluator's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from g2l_core.jobs.model import Condition, JobDefinitions, Problem, Trigger, Workflow

GLUE_OPERATORS = ("GlueJobOperator", "AwsGlueJobOperator")
_PRESETS = {"@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
            "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"}
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def accepts(path: str, text: str) -> bool:
    return path.endswith(".py") and any(name in text for name in GLUE_OPERATORS)


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
    from g2l_core.jobs.formats.airflow_dag import Reader  # libcst and its evaluator: loaded when a DAG is read
    from g2l_core.jobs.formats.cdk_eval import App

    out = JobDefinitions()
    app = App({path: text}, parameters, lambda *_: NotImplemented)  # a file that does not parse names its line
    try:
        reader = Reader(path, app)
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


def _glue_upstream(name: str, edges: set[tuple[str, str]], glue: Mapping) -> set[str]:
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
