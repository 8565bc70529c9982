"""AWS CDK apps in Python: Glue jobs, triggers, workflows and crawler schedules their stacks create.

Read statically (``cdk_eval``, with the library modelled in ``cdk_library``), never run. The L1 constructs
(``glue.CfnJob``, ``CfnTrigger``, ``CfnWorkflow``, ``CfnCrawler``) take CloudFormation's properties in snake
case, so they are brought to the Glue API's spelling and read as CloudFormation resources are; the L2
constructs of ``aws_glue_alpha`` (``Job`` with a ``JobExecutable``, ``PySparkEtlJob`` and its siblings;
``Workflow.add_*_trigger``) are first written as the ``CfnJob``/``CfnTrigger`` they synthesize, and Step
Functions machines of Glue tasks as their States Language (``cdk_stepfunctions``). ``Code.from_asset`` paths
are relative to the app's folder (``cdk.json``'s, else the entry file's), as ``cdk synth`` resolves them. A
value the app does not determine is kept as ``${code}`` and named (file, line, argument) in a problem; the
project's ``job_parameters`` give such values by name (a stack parameter ``env_name``, a context key).

A TypeScript or JavaScript app is reported as a job definition g2l cannot read: its synthesized templates
(``cdk.out/*.template.json``) are read as CloudFormation instead.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from g2l_core.jobs.formats.glue_api import USED, add_resource, camel_case, from_snake
from g2l_core.jobs.model import JobDefinitions, Problem

if TYPE_CHECKING:
    from g2l_core.jobs.formats.cdk_values import Construct

CONFIG = "cdk.json"
_FOREIGN_APP = (".ts", ".js", ".mjs", ".java", ".go", ".cs")


def accepts(path: str, text: str) -> bool:
    """A Python file of a CDK app, or a ``cdk.json`` naming one."""
    return path.endswith(".py") or posixpath.basename(path) == CONFIG


def foreign(path: str, text: str) -> bool:
    """A CDK app in a language g2l does not parse (TypeScript, JavaScript, Java, Go, C#) that defines Glue."""
    return path.endswith(_FOREIGN_APP) and not path.endswith(".d.ts") and bool(
        re.search(r"aws-glue|aws_glue|awsglue|aws\.glue", text)) and bool(re.search(r"Cfn(Job|Trigger)|Job\b", text))


def foreign_problem(path: str) -> Problem:
    return Problem(path, "file", "a CDK app in a language g2l does not read yet (Python apps are read); run "
                                 "`cdk synth` and add cdk.out/*.template.json to job_definitions instead")


def app_files(texts: Mapping[str, str], fetch: Callable[[list[str]], Mapping[str, str]] | None
              ) -> tuple[dict[str, str], list[str], str]:
    """The app's Python files (those given and the ``cdk.json`` entries, read with ``fetch``), its entry files,
    and the folder asset paths are relative to (``cdk synth`` runs beside ``cdk.json``)."""
    files = {p: t for p, t in texts.items() if p.endswith(".py")}
    entries: list[str] = []
    base: str | None = None
    for path, text in sorted(texts.items()):
        if posixpath.basename(path) != CONFIG:
            continue
        base = posixpath.dirname(path)
        try:
            command = str(json.loads(text).get("app") or "")
        except (ValueError, AttributeError):
            command = ""
        entry = next((w for w in command.split() if w.endswith(".py")), None)
        if entry:
            entries.append(posixpath.normpath(posixpath.join(base, entry)))
    missing = [e for e in entries if e not in files]
    if missing and fetch is not None:
        files.update({p: t for p, t in fetch(missing).items() if p.endswith(".py")})
    entries = [e for e in entries if e in files] or sorted(p for p, t in files.items() if "App()" in t)
    if base is None:
        base = posixpath.dirname(entries[0]) if entries else ""
    return files, entries, base


def locator(repo_files: Iterable[str], base: str, fetch: Callable[[list[str]], Mapping[str, str]] | None
            ) -> Callable[[str, str], Mapping[str, str]] | None:
    """How the app's local imports are found: ``a.b`` is ``a/b.py`` or ``a/b/__init__.py`` under the app's
    folder, the importing file's (the entry script's folder is on ``sys.path``) or the repository root."""
    if fetch is None:
        return None
    repo = set(repo_files)

    def locate(dotted: str, importer: str) -> Mapping[str, str]:
        for folder in dict.fromkeys((base, posixpath.dirname(importer), "")):
            for end in (".py", "/__init__.py"):
                candidate = posixpath.join(folder, *dotted.split(".")) + end
                if candidate in repo:
                    return fetch([candidate])
        return {}
    return locate


def reader_of(repo_files: Iterable[str], base: str, fetch: Callable[[list[str]], Mapping[str, str]] | None
              ) -> Callable[[str], str | None] | None:
    """How the app's data files are read: a relative path from the app's folder (where ``cdk synth`` runs),
    an absolute one (from ``__file__``) from the repository root."""
    if fetch is None:
        return None
    repo = set(repo_files)

    def read_text(path: str) -> str | None:
        full = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
        return fetch([full]).get(full) if full in repo else None
    return read_text


def _context(texts: Mapping[str, str]) -> dict:
    """The ``context`` of the ``cdk.json`` files read (``try_get_context`` values)."""
    out: dict = {}
    for path, text in sorted(texts.items()):
        if posixpath.basename(path) == CONFIG:
            try:
                context = json.loads(text).get("context")
            except (ValueError, AttributeError):
                context = None
            out.update(context if isinstance(context, dict) else {})
    return out


def read_app(texts: Mapping[str, str], parameters: Mapping[str, str], repo_files: Iterable[str] = (),
             fetch: Callable[[list[str]], Mapping[str, str]] | None = None) -> tuple[JobDefinitions, list[Construct]]:
    """The Glue jobs, triggers and workflows of a Python CDK app; also every Glue construct it creates
    (tables and databases for the DDL side)."""
    from g2l_core.jobs.formats.cdk_eval import App  # libcst: loaded when an app is read, not by importers
    from g2l_core.jobs.formats.cdk_library import Reader

    out = JobDefinitions()
    files, entries, base = app_files(texts, fetch)
    for path, text in sorted(texts.items()):
        if posixpath.basename(path) == CONFIG and not any(e.startswith(posixpath.dirname(path)) for e in entries):
            out.problems.append(Problem(path, "app", "names no Python entry file among the repository's files; a "
                                                     "CDK app in another language is not read (add its "
                                                     "cdk.out/*.template.json to job_definitions)"))
    cdk = {p: t for p, t in files.items() if "aws_cdk" in t or "aws_glue_alpha" in t}
    for path in sorted(set(texts) - set(cdk)):
        if path.endswith(".py") and path not in files:
            continue
        if path.endswith(".py") and not cdk:
            out.problems.append(Problem(path, "file", "not a job definition g2l reads (a Python file that imports "
                                                      "no aws_cdk)"))
    if not cdk:
        return out, []
    reader = Reader(base, {**_context(texts), **parameters})
    app = App(files, parameters, reader, locator(repo_files, base, fetch), reader_of(repo_files, base, fetch))
    app.run(entries)
    for path, line, what, why in app.lost:
        out.problems.append(Problem(path, f"line {line}" if line else "app", f"{what}: {why}"))
    glue_files = {c.path for c in reader.constructs} | {m.path for m in reader.step_functions.machines}
    for path, line, code in dict.fromkeys(app.undecided):  # said only where the app creates Glue resources
        if path in glue_files:
            out.problems.append(Problem(path, f"line {line}", f"condition {code}: cannot be decided statically; "
                                                              "read as true (give its values in job_parameters)"))
    for found in reader.constructs:
        if found.kind in ("table", "database"):
            continue
        add_construct(out, found)
    reader.step_functions.add_to(out)
    return out, reader.constructs


def add_construct(out: JobDefinitions, found: Construct) -> None:
    """One Glue construct as the resource it synthesizes; unknown values the model reads are problems."""
    from g2l_core.jobs.formats.cdk_library import plain, unknowns

    used = {k: v for k, v in found.kwargs.items() if camel_case(k) in USED}
    props = plain(used)
    label = {"job": "job", "trigger": "trigger", "workflow": "workflow", "crawler": "crawler"}[found.kind]
    name = plain(found.name)
    for argument, value in unknowns(props, ""):
        for path, line, code, why in value.origins:
            at = f"line {line or found.line}" if path in ("", found.path) else f"{path} line {line}"
            problem = Problem(found.path, f"line {found.line}: {label} {name}: {argument.lstrip('.')}",
                              f"{code} ({at}): {why}; kept as ${{{code}}} (set it in the project's job_parameters)")
            if problem not in out.problems:
                out.problems.append(problem)
    add_resource(out, label, from_snake(props), str(name), found.path)
