"""Airflow templates in a Glue task's arguments (``"--run_date": "{{ ds }}"``) as Databricks dynamic value
references, where one gives the same value; the others are named, never guessed.

Airflow renders a template per run from the run's context. The dates are those of the run's *data
interval*: ``ds``/``logical_date``/``data_interval_start`` are its start, ``data_interval_end``/``next_ds`` its
end. A scheduled run starts at the end of its interval, so the end is the run's trigger time, which Databricks
gives as ``{{job.trigger.time.*}}`` (UTC, as Airflow's dates); the start is one schedule interval earlier, and
Databricks references take no arithmetic: for a scheduled DAG those stay unmapped, with the nearest reference
named. A DAG without a schedule runs only when started, with an interval that starts and ends at that time:
there every date is the trigger time. A value of another shape (``ds_nodash``, ``ts_nodash``) has no reference
of that shape.

``params.x`` and ``dag_run.conf["x"]`` are values given when the DAG is started: the Databricks job parameter
``x`` (``{{job.parameters.x}}``), its default the DAG's ``params`` value (or ``dag_run.conf.get("x", default)``).
``run_id`` is ``{{job.run_id}}`` (unique per run, as Airflow's, in another form). Airflow Variables, macros,
filters and statements are named as they are written.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

TEMPLATE = re.compile(r"\{\{(.*?)\}\}|\{%.*?%\}", re.DOTALL)
TRIGGER_DATE, TRIGGER_TIME = "{{job.trigger.time.iso_date}}", "{{job.trigger.time.iso_datetime}}"
# Airflow context names -> (the interval's "start" or "end", a date or a date-time)
_DATES = {
    "ds": ("start", "date"), "logical_date": ("start", "time"), "execution_date": ("start", "time"),
    "data_interval_start": ("start", "time"), "ts": ("start", "time"),
    "next_ds": ("end", "date"), "data_interval_end": ("end", "time"), "next_execution_date": ("end", "time"),
}
_OTHER_SHAPE = {"ds_nodash", "ts_nodash", "ts_nodash_with_tz", "next_ds_nodash", "prev_ds", "prev_ds_nodash",
                "yesterday_ds", "tomorrow_ds", "prev_execution_date", "prev_data_interval_start_success"}
_TIME_NOTE = ("an ISO 8601 date-time as Databricks writes it, not Airflow's 2024-01-31T00:00:00+00:00 text: read it "
              "as a timestamp")
_PARAMETER = re.compile(r"[A-Za-z0-9_]+")


@dataclass
class Rendered:
    """An argument with its templates replaced (``value`` None when one has no faithful reference)."""

    value: str | None
    parameters: dict[str, str | None] = field(default_factory=dict)  # job parameter -> its default (None: none)
    notes: list[str] = field(default_factory=list)  # where the Databricks value differs in form or case
    unmapped: list[str] = field(default_factory=list)  # each template without a reference, and why


def render(value: str, scheduled: bool, params: Mapping[str, object]) -> Rendered:
    """``value`` with each Airflow template as the Databricks reference giving its value in a run of a DAG that
    is ``scheduled`` (or not), whose ``params`` are the DAG's and the task's."""
    out = Rendered(None)
    pieces: list[str] = []
    last = 0
    for found in TEMPLATE.finditer(value):
        pieces.append(value[last:found.start()])
        last = found.end()
        if found.group(1) is None:
            out.unmapped.append(f"{found.group(0)} is a Jinja statement")
            continue
        reference = _reference(found.group(1).strip(), scheduled, params, out)
        if reference is not None:
            pieces.append(reference)
    pieces.append(value[last:])
    if not out.unmapped:
        out.value = "".join(pieces)
    return out


def _reference(expression: str, scheduled: bool, params: Mapping[str, object], out: Rendered) -> str | None:
    try:
        node = ast.parse(expression, mode="eval").body
    except SyntaxError:
        node = None
    if isinstance(node, ast.Name) and node.id in _DATES:
        return _date(node.id, scheduled, out)
    if isinstance(node, ast.Name) and node.id == "run_id":
        out.notes.append("run_id is {{job.run_id}}: unique per run as Airflow's, a number instead of "
                         "scheduled__<date>")
        return "{{job.run_id}}"
    if isinstance(node, ast.Name) and node.id in _OTHER_SHAPE:
        out.unmapped.append(f"{node.id} has no Databricks dynamic value of its shape")
        return None
    name = _param(node)
    if name is not None:
        default = params.get(name)
        out.parameters[name] = None if default is None else str(default)
        return _parameter(name)
    name, default = _conf(node)
    if name is not None:
        out.parameters[name] = default
        return _parameter(name)
    variable = _variable(node)
    if variable is not None:
        out.unmapped.append(f"Airflow Variable {variable} has no Databricks dynamic value (a job parameter or a "
                            "secret holds it there)")
        return None
    out.unmapped.append(f"{expression} has no Databricks dynamic value")
    return None


def _date(name: str, scheduled: bool, out: Rendered) -> str | None:
    edge, kind = _DATES[name]
    reference = TRIGGER_DATE if kind == "date" else TRIGGER_TIME
    if edge == "start" and scheduled:
        out.unmapped.append(f"{name} is the start of the run's data interval, one schedule interval before the run; "
                            f"the nearest Databricks value, {reference}, is its end")
        return None
    if scheduled:
        out.notes.append(f"{name} is the end of the run's data interval: {reference} in a scheduled run; a run started "
                         "by hand gets its own start time, where Airflow gives the end of the last complete interval")
    if kind == "time":
        out.notes.append(f"{name} is {reference}, {_TIME_NOTE}")
    return reference


def _parameter(name: str) -> str:
    return "{{job.parameters.%s}}" % (name if _PARAMETER.fullmatch(name) else f"`{name}`")


def _key(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is(node: ast.AST, *dotted: str) -> bool:
    """``node`` is the attribute chain ``dotted`` (``dag_run``, ``conf``)."""
    for name in reversed(dotted[1:]):
        if not (isinstance(node, ast.Attribute) and node.attr == name):
            return False
        node = node.value
    return isinstance(node, ast.Name) and node.id == dotted[0]


def _param(node: ast.AST | None) -> str | None:
    """``params.x`` or ``params["x"]``."""
    if isinstance(node, ast.Attribute) and _is(node.value, "params"):
        return node.attr
    if isinstance(node, ast.Subscript) and _is(node.value, "params"):
        return _key(node.slice)
    return None


def _conf(node: ast.AST | None) -> tuple[str | None, str | None]:
    """``dag_run.conf["x"]``, or ``dag_run.conf.get("x"[, default])`` with its literal default."""
    if isinstance(node, ast.Subscript) and _is(node.value, "dag_run", "conf"):
        return _key(node.slice), None
    if isinstance(node, ast.Call) and _is(node.func, "dag_run", "conf", "get") and node.args and not node.keywords:
        name = _key(node.args[0])
        if len(node.args) == 1:
            return name, None
        if len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value is not None:
            return name, str(node.args[1].value)
    return None, None


def _variable(node: ast.AST | None) -> str | None:
    """``var.value.x``, ``var.json.x`` or ``var.value.get("x")``: an Airflow Variable's name."""
    if isinstance(node, ast.Attribute) and (_is(node.value, "var", "value") or _is(node.value, "var", "json")):
        return node.attr
    if isinstance(node, ast.Call) and node.args and (_is(node.func, "var", "value", "get") or
                                                      _is(node.func, "var", "json", "get")):
        return _key(node.args[0])
    return None
