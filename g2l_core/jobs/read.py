"""Read every job-definition file of a project into one ``JobDefinitions``; the only entry point.

Formats are tried in order, each saying whether it accepts a file. Terraform files of one folder are one
module and are read together, as are the Python files of a CDK app (with the modules and data files they
import or open, read through ``fetch``). A file that is not valid JSON/YAML/HCL raises ``JobDefinitionError`` naming
the file and line; a file in no known format is reported in ``problems``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from g2l_core.config import Project
from g2l_core.gitrepo import matches_any, read_blobs
from g2l_core.jobs.formats import airflow, cdk, cloudformation, glue_api, job_config, serverless, terraform
from g2l_core.jobs.model import JobDefinitions, Problem, through_crawlers
from g2l_core.jobs.scripts import match_scripts

FORMATS = (job_config, glue_api, serverless, cloudformation, airflow)
DAG_FOLDERS = {"dags", "airflow"}


class JobDefinitionError(ValueError):
    """A definition file that cannot be parsed; the message names file and line."""


def read_definitions(files: Mapping[str, str | bytes], repo_files: Iterable[str] = (),
                     parameters: Mapping[str, str] | None = None,
                     fetch: Callable[[list[str]], Mapping[str, str]] | None = None) -> JobDefinitions:
    """``files`` maps definition paths to their text; ``repo_files`` are the paths scripts are matched to (or
    map them to their blobs, which also finds the sources of CDK assets);
    ``fetch`` reads more repository files (the modules a CDK app imports)."""
    parameters = dict(parameters or {})
    repo_files = dict(repo_files) if isinstance(repo_files, Mapping) else list(repo_files)
    out = JobDefinitions()
    modules: dict[str, dict[str, str]] = {}
    try:
        texts = {path: _text(path, raw) for path, raw in sorted(files.items())}
        nested = cloudformation.nested_parameters(texts, parameters, out.problems)
        app = {p: t for p, t in texts.items() if cdk.accepts(p, t) and not airflow.accepts(p, t)}
        if app:
            found, _ = cdk.read_app(app, parameters, repo_files, fetch)
            out = out.merge(found)
        for path, text in texts.items():
            if path in app:
                continue
            if app and out.jobs and "cdk.out" in PurePosixPath(path).parts:
                out.problems.append(Problem(path, "file", "synthesized from the CDK app read from "
                                                          f"{', '.join(sorted(app))}: not read again"))
                continue
            if cdk.foreign(path, text):
                out.problems.append(cdk.foreign_problem(path))
                continue
            if path.endswith(".json"):
                _check_json(path, text)
            if terraform.accepts(path, text):
                modules.setdefault(str(PurePosixPath(path).parent), {})[path] = text
                continue
            fmt = next((f for f in FORMATS if f.accepts(path, text)), None)
            if fmt is None:
                if not any(t in text for t in cloudformation.NESTED_STACKS):
                    out.problems.append(Problem(path, "file", "not a job definition g2l reads (aws glue get-jobs "
                                                              "or create-job JSON, CloudFormation, Terraform, "
                                                              "a Python CDK app, job_config JSON or an Airflow "
                                                              "DAG with GlueJobOperator)"))
                continue
            for given in nested.get(path, [{}]) if fmt is cloudformation else [{}]:
                out = out.merge(fmt.read(path, text, {**parameters, **given}))
        if modules:
            out = out.merge(terraform.read_modules(modules, parameters, repo_files))
    except ValueError as exc:
        raise JobDefinitionError(str(exc)) from None
    return match_scripts(through_crawlers(out), repo_files)


def definitions_at(patterns: Iterable[str], repo: Path, tree: Mapping[str, str],
                   parameters: Mapping[str, str] | None = None) -> JobDefinitions:
    """Definitions in a git repository: ``tree`` maps paths to blobs at one commit; ``patterns`` are globs."""
    patterns = tuple(patterns)
    chosen = {p: b for p, b in tree.items() if patterns and matches_any(p, patterns)}
    # Airflow DAG folders not among the patterns: a DAG running Glue jobs may be the only place their order is.
    dags = {p: b for p, b in tree.items() if p not in chosen and p.endswith(".py")
            and set(PurePosixPath(p).parts[:-1]) & DAG_FOLDERS}
    blobs = read_blobs(repo, [*chosen.values(), *dags.values()])

    def fetch(paths: list[str]) -> dict[str, str | bytes]:
        wanted = {p: tree[p] for p in paths if p in tree}
        more = read_blobs(repo, wanted.values())
        return {p: _text(p, more[b]) for p, b in wanted.items()}
    out = read_definitions({p: blobs[b] for p, b in chosen.items()}, tree, parameters, fetch)
    for path, blob in sorted(dags.items()):
        text = blobs[blob].decode("utf-8", errors="replace") if isinstance(blobs[blob], bytes) else blobs[blob]
        if airflow.accepts(path, text):
            out.problems.append(Problem(path, "file", "an Airflow DAG running Glue jobs (GlueJobOperator), not among "
                                                      "glue.job_definitions: add it, or the jobs' order and schedule "
                                                      "are not read"))
    return out


def _check_json(path: str, text: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise JobDefinitionError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None


def _text(path: str, raw: str | bytes) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JobDefinitionError(f"{path}: byte {exc.start}: not UTF-8 text") from None


def project_definitions(project: Project, repo: Path, tree: Mapping[str, str]) -> JobDefinitions:
    """The project's job definitions (``glue.job_definitions`` globs) at one commit of its Glue repository."""
    return definitions_at(project.glue.job_definitions, repo, tree, project.glue.job_parameters)
