"""Glue notebooks as Databricks jobs: a notebook's session settings (its magics) are its job's settings.

A Glue notebook sizes and sets up its session with magics (``%worker_type``, ``%%configure``...) as a Glue
job does with its definition. ``session_job`` reads them as the ``GlueJob`` they describe, so the bundle sizes
the cluster (``jobs.compute``), sets its Spark conf, installs the libraries and passes the parameters as for any
Glue job (``jobs.arguments``). What has no Databricks setting (an idle timeout, the session's IAM role) is a
note of the job. ``with_notebooks`` gives each migrated notebook that no definition runs a job of its own, and
completes a definition that runs a notebook with what the session says and the definition does not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import PurePosixPath

from g2l_core.jobs.model import GlueJob, JobDefinitions, Problem

SESSION_WORKER_TYPE, SESSION_WORKERS = "G.1X", 5  # a Glue interactive session's size when no magic sets it
WIDGETS_NOTE = ("the notebook reads its parameters with getResolvedOptions: a notebook task passes them as widgets "
                "(base_parameters), which the converted code reads when the project converts with params: widgets")
_LIBRARIES = {"additional_python_modules": "--additional-python-modules", "extra_py_files": "--extra-py-files",
              "extra_jars": "--extra-jars"}
_COMMANDS = {"streaming": "gluestreaming", "glue_ray": "glueray", "etl": "glueetl"}
_UNMAPPED = {
    "idle_timeout": "idle timeout {} minutes: a job cluster ends with its run, there is nothing to set",
    "iam_role": "the session ran as IAM role {}: give the job cluster an instance profile (or Unity Catalog "
                "credentials) with the same access",
    "assume_role": "the session assumed role {}: give the job cluster an instance profile (or Unity Catalog "
                   "credentials) with the same access",
    "security_config": "Glue security configuration {}: encryption at rest and in transit is the workspace's "
                       "and the storage's settings",
    "auto_scaling": "Glue auto scaling ({}): the job cluster has the session's fixed size (bundle.autoscale "
                    "turns autoscaling on)",
}


def session_job(path: str, settings: Mapping[str, object], name: str | None = None) -> GlueJob:
    """The Glue job a notebook's session settings (``magics.session_settings``) describe; ``name`` defaults to
    the notebook's stem. A size no magic sets is the session's default (5 G.1X workers), with a note."""
    notes: list[str] = []
    configure = settings.get("configure")
    configure = configure if isinstance(configure, dict) else {}
    arguments = {key: _text(value) for key, value in configure.items() if key.startswith("--")}
    conf = [c for c in (arguments.get("--conf"), _text(settings.get("spark_conf"))) if c]
    if conf:
        arguments["--conf"] = " --conf ".join(conf)
    for setting, argument in _LIBRARIES.items():
        items = [x.strip() for v in (arguments.get(argument), _text(settings.get(setting))) if v for x in v.split(",")]
        if any(items):
            arguments[argument] = ",".join(dict.fromkeys(x for x in items if x))
    worker_type = _text(settings.get("worker_type")) or None
    workers = _int(settings.get("number_of_workers"))
    missing = [magic for magic, value in (("%worker_type", worker_type), ("%number_of_workers", workers))
               if value is None]
    worker_type, workers = worker_type or SESSION_WORKER_TYPE, SESSION_WORKERS if workers is None else workers
    if missing:
        notes.append(f"no {' or '.join(missing)} magic: sized as a Glue session is by default "
                     f"({workers} {worker_type} workers)")
    command = next((c for s, c in _COMMANDS.items() if s in settings), "glueetl")
    kind = _text(settings.get("session_type") or settings.get("job_type")).lower()
    if "stream" in kind:
        command = "gluestreaming"
    elif "ray" in kind:
        command = "glueray"
    notes += [note.format(_text(settings[key])) for key, note in _UNMAPPED.items() if key in settings]
    return GlueJob(
        name=name or PurePosixPath(path).stem, script=path, source=path, arguments=arguments, command=command,
        glue_version=_text(settings.get("glue_version")) or None, worker_type=worker_type,
        number_of_workers=workers, timeout_minutes=_int(settings.get("timeout")),
        connections=tuple(x.strip() for x in _text(settings.get("connections")).split(",") if x.strip()),
        tags=_tags(settings.get("tags"), notes), repo_script=path, notes=tuple(notes))


def with_notebooks(definitions: JobDefinitions, notebooks: Mapping[str, str | bytes]) -> JobDefinitions:
    """``definitions`` with the session settings of ``notebooks`` (Glue path -> notebook text: the migrated
    notebooks): a job whose script is one of them gets what its definition does not say; any other notebook
    becomes a job of its own, named after it (after its path when a Glue job has that name)."""
    from g2l_core.convert.magics import session_settings
    from g2l_core.notebook import NotebookError, notebook_script, read_notebook

    jobs, problems = dict(definitions.jobs), list(definitions.problems)
    for path, text in sorted(notebooks.items()):
        try:
            doc = read_notebook(text, path)
        except NotebookError as exc:
            problems.append(Problem(path, "notebook", f"{exc}: no Databricks job"))
            continue
        settings = session_settings(doc)
        runs = [job for job in jobs.values() if job.repo_script == path]
        for job in runs:
            jobs[job.name] = with_session(job, session_job(path, settings), settings)
        if not runs:
            name = PurePosixPath(path).stem
            if name in jobs:
                name = str(PurePosixPath(path).with_suffix("")).replace("/", "_")
            jobs[name] = session_job(path, settings, name)
        if "getResolvedOptions" in notebook_script(doc):
            for name in [job.name for job in runs] or [name]:
                jobs[name] = replace(jobs[name], notes=(*jobs[name].notes, WIDGETS_NOTE))
    out = definitions.with_jobs(jobs)
    out.problems = problems
    return out


def with_session(job: GlueJob, session: GlueJob, settings: Mapping[str, object]) -> GlueJob:
    """A job definition running a notebook, completed by the notebook's session: the definition is what Glue
    runs, so it wins; a setting both give differently is named in a note."""
    notes = [*job.notes, *(n for n in session.notes if not n.startswith("no %"))]
    changes: dict = {}
    sized = job.worker_type or job.max_capacity is not None
    if not sized and ("worker_type" in settings or "number_of_workers" in settings):
        changes.update(worker_type=session.worker_type, number_of_workers=session.number_of_workers)
    elif sized and "worker_type" in settings and (session.worker_type, session.number_of_workers) != (
            job.worker_type, job.number_of_workers):
        notes.append(f"the notebook's session is {session.number_of_workers} {session.worker_type} workers; the job "
                     "definition's size is used")
    for field in ("glue_version", "timeout_minutes"):
        if getattr(job, field) is None and getattr(session, field) is not None:
            changes[field] = getattr(session, field)
    arguments = dict(job.arguments)
    for key, value in session.arguments.items():
        if key not in arguments:
            arguments[key] = value
        elif arguments[key] != value:
            notes.append(f"{key}: the notebook's session says {value!r}, the job definition {arguments[key]!r}, "
                         "which is used")
    if job.command == "glueetl" and session.command != "glueetl":
        changes["command"] = session.command
    return replace(job, **changes, arguments=arguments, connections=job.connections or session.connections,
                   tags={**session.tags, **job.tags}, notes=tuple(dict.fromkeys(notes)))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()  # JSON true in %%configure is Glue's "true"
    if isinstance(value, list):
        return ",".join(map(_text, value))
    return str(value).strip()


def _int(value: object) -> int | None:
    try:
        return int(_text(value))
    except ValueError:
        return None


def _tags(value: object, notes: list[str]) -> dict[str, str]:
    """``%%tags`` as a JSON object, or ``%tags k=v,k2=v2``."""
    if value is None:
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            pairs = [item.partition("=") for item in value.split(",") if item.strip()]
            if pairs and all(eq for _, eq, _ in pairs):
                return {k.strip(): v.strip() for k, _, v in pairs}
    if isinstance(value, dict):
        return {str(k): _text(v) for k, v in value.items()}
    notes.append(f"session tags {value!r} not read: set the job's tags by hand")
    return {}
