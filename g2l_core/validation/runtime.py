"""Runtime validation: each converted job runs on the reference inputs kept in the Glue repository and
what it writes is compared with the reference outputs captured from the Glue side, per job and table.
"""

from __future__ import annotations

import os
import pickle
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from g2l_core.compare import compare_tables
from g2l_core.config import CODE, DDL, Project, ValidationSettings, has_role
from g2l_core.convert import Decision, convert_files, helper_dir, helper_module_source, package_folders
from g2l_core.ddl import TableResult, convert_ddl_file
from g2l_core.ddl.streams import read_stream_tables
from g2l_core.engine import spark_session, table_location
from g2l_core.gitrepo import list_tree, read_blobs
from g2l_core.job_runner import run_job, scratch_dir
from g2l_core.jobs import JobDefinitionError, JobDefinitions, project_definitions
from g2l_core.reference_data import (ReferenceTable, extract_reference_data, has_data, lake_relative, read_files,
                                     reference_tables, table_by_location)
from g2l_core.validation.check import Check


@dataclass
class JobOutcome:
    """One job of a runtime validation: how its run went and what each output compared to."""

    job: str
    status: str  # passed | mismatch | failed | not_converted
    seconds: float
    checks: list[Check]


@dataclass
class RuntimeValidation:
    jobs: list[JobOutcome]
    problems: list[tuple[str, Check]]  # (path, check): set-up problems not tied to one job
    seconds: float

    def rows(self) -> list[tuple[str, Check]]:
        """(source_path, check) rows for the ``validation_results`` table."""
        return [(j.job, c) for j in self.jobs for c in j.checks] + list(self.problems)


MAX_COMPARED_ROWS = 200_000
PATH_MAP_NOTE = ("converted again in a scratch folder; the only difference from the published code is that "
                 "path_map points the lake prefixes into a scratch lake")


def validate_runtime(project: Project, glue_dir: Path, glue_commit: str) -> RuntimeValidation:
    """Run every converted job on the reference inputs on the embedded Sail engine and compare each table or
    path it writes with the reference snapshot captured from the Glue side.

    The Glue code, DDL and reference data are read from git objects at ``glue_commit``. The code is
    converted again in memory with the project's settings except ``path_map``, whose lake prefixes point
    into a scratch lake, so that reads and writes of ``s3://`` paths land in scratch folders. Each job runs
    in its own child process against an empty scratch warehouse (the project's UC DDL applied in the job's
    session) and an empty scratch lake; inputs are loaded from the reference data when the job first reads them
    (see ``g2l_core.job_runner``). One Sail server serves all jobs; a failing job does not stop the others.
    """
    if project.validation is None:
        return RuntimeValidation([], [], 0.0)
    start = time.monotonic()
    scratch = scratch_dir()
    try:
        env = _prepare(project, Path(glue_dir), glue_commit, scratch)
        if any(c.check == "reference_data" for _, c in env.problems):
            return RuntimeValidation([], env.problems, time.monotonic() - start)

        (scratch / "ddl.pickle").write_bytes(pickle.dumps(env.ddl_results))
        with spark_session("sail") as spark:
            remote = os.environ["SPARK_REMOTE"]
            outcomes = [_validate_job(spark, remote, env, job) for job in env.jobs]
        return RuntimeValidation(outcomes, env.problems, time.monotonic() - start)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class _Env:
    scratch: Path
    settings: ValidationSettings
    reference: Path
    code_dir: Path
    lake: list[tuple[str, Path, str]]  # (lake prefix, scratch folder, reference sub-folder)
    tables: dict[str, ReferenceTable]
    ddl_results: list[TableResult]
    jobs: list[str]
    job_args: dict[str, list[str]]
    not_converted: dict[str, str]
    problems: list[tuple[str, Check]]
    flagged: list[Decision] = field(default_factory=list)  # review decisions of the scratch conversion
    apply_failures: set[str] = field(default_factory=set)


def _prepare(project: Project, glue_dir: Path, commit: str, scratch: Path) -> _Env:
    """Reference data, converted code and table specs in ``scratch``; pure set-up, no Spark."""
    settings = project.validation
    problems: list[tuple[str, Check]] = []
    reference = scratch / "reference"
    skipped: list[str] = []
    extracted = extract_reference_data(glue_dir, commit, settings.reference_data, reference, skipped)
    problems.extend((path, Check("reference_entry", False, "warning", f"{path}: tree entry leaves the reference data "
                                 "folder (.. or absolute path); not extracted")) for path in skipped)
    if extracted == 0:
        problems.append((settings.reference_data, Check("reference_data", False, "critical",
                              f"reference data folder {settings.reference_data!r} is empty or missing at Glue commit "
                              f"{commit[:12]} (validation.reference_data)")))
    tree = {f.path: f.blob for f in list_tree(glue_dir, commit)}
    try:
        definitions = project_definitions(project, glue_dir, tree)
    except JobDefinitionError as exc:
        definitions = JobDefinitions()
        problems.append((str(exc).split(":", 1)[0], Check("job_definitions", False, "warning",
                         f"{exc}; jobs run without its default arguments")))
    code = {p: b for p, b in tree.items() if has_role(project.glue.role(p), CODE)}
    ddl = {p: b for p, b in tree.items() if has_role(project.glue.role(p), DDL)}
    blobs = read_blobs(glue_dir, [*code.values(), *ddl.values()])

    lake = []
    path_map = dict(project.path_map)
    for i, (prefix, sub) in enumerate(sorted(settings.lake_roots.items())):
        folder = scratch / "lake" / f"root{i}"
        lake.append((prefix, folder, sub))
        path_map[prefix] = folder.as_posix() + "/"
    ddl_options = project.ddl_options()
    streams = read_stream_tables({p: blobs[b].decode("utf-8", errors="replace") for p, b in ddl.items()},
                                 ddl_options.read_dialect, ddl_options.ddl_vars)
    options = replace(project.convert_options(definitions.bookmarks(), streams), path_map=path_map)
    code_dir = scratch / "code"
    not_converted = {}
    helper_dirs = set()
    flagged = []
    sources = {p: blobs[b] for p, b in code.items()}
    packages = package_folders(sources)
    for r in convert_files(sources, options, workers=1):
        flagged += [d for d in r.decisions if d.action == "flagged"]
        if r.code is None:
            not_converted[r.path] = r.error or "conversion failed"
            continue
        target = code_dir / r.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(r.code)
        if r.helpers_used:
            helper_dirs.add(code_dir / helper_dir(r.path, code, packages))
    for d in helper_dirs:
        (d / f"{options.helper_module}.py").write_text(helper_module_source(options))

    dopts = project.ddl_options()
    ddl_texts = {}
    for p, b in ddl.items():
        try:
            ddl_texts[p] = blobs[b].decode("utf-8")
        except UnicodeDecodeError:
            problems.append((p, Check("ddl", False, "warning", f"{p}: not UTF-8 text; its tables are not set up")))
    ddl_results = [r for p, t in sorted(ddl_texts.items()) for r in convert_ddl_file(p, t, dopts)]
    tables = reference_tables(ddl_texts, dopts)

    jobs = list(settings.jobs)
    scripts = {name: job.repo_script for name, job in definitions.jobs.items()}
    if not jobs:
        jobs = [s for s in scripts.values() if s] or sorted(p for p in code if p.startswith("jobs/") and not p.endswith("__init__.py"))
    job_args = {}
    for job in jobs:
        name = next((n for n, s in scripts.items() if s == job), Path(job).stem)
        defaults = definitions.jobs[name].arguments if name in definitions.jobs else {}
        args = {k.lstrip("-"): str(v) for k, v in defaults.items()}
        args.update(settings.params)
        args.setdefault("JOB_NAME", name)
        job_args[job] = [x for k, v in args.items() for x in (f"--{k}", v)]
    return _Env(scratch, settings, reference, code_dir, lake, tables, ddl_results, jobs, job_args, not_converted, problems,
                flagged)


def _validate_job(spark: Any, remote: str, env: _Env, job: str) -> JobOutcome:
    if job in env.not_converted or not (env.code_dir / job).is_file():
        why = env.not_converted.get(job, f"{job} is not among the converted files (validation.jobs)")
        return JobOutcome(job, "not_converted", 0.0, [Check("runs", False, "critical", f"not run: {why}")])
    warehouse = env.scratch / "warehouse"
    shutil.rmtree(warehouse, ignore_errors=True)
    warehouse.mkdir(parents=True)
    for _, folder, _ in env.lake:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    tables = {}
    for name, t in env.tables.items():
        rel = lake_relative(t.location or "", env.settings.lake_roots)
        tables[name] = {**t.as_dict(), "warehouse_location": str(table_location(warehouse, name)),
                        "reference": str(env.reference / rel) if rel is not None else None}
    run_dir = env.scratch / "runs"
    run_dir.mkdir(exist_ok=True)
    stem = job.replace("/", "__")
    plan = {
        "job": job, "script": str(env.code_dir / job), "argv": env.job_args[job], "cwd": str(env.code_dir),
        "sys_path": [str(env.code_dir / p) for p in env.settings.code_paths],
        "tables": tables, "lake": [(f.as_posix() + "/", str(env.reference / sub)) for _, f, sub in env.lake],
        "record": str(run_dir / f"{stem}.record.json"),
        "ddl": str(env.scratch / "ddl.pickle"), "warehouse": str(warehouse),
    }
    run = run_job(plan, run_dir / f"{stem}.plan.json", remote, env.settings.timeout_seconds)
    rec = run.record
    for failure in rec.get("apply_failures", []):
        if failure not in env.apply_failures:
            env.apply_failures.add(failure)
            env.problems.append((failure.split(":", 1)[0], Check("apply_ddl", False, "warning",
                                 f"creating {failure} in the scratch warehouse failed; jobs using it will fail")))
    missing = [f"{_lake_url(env, m['name'])} (no reference data at {_ref_label(env, m['reference'])})"
               for m in rec.get("missing_inputs", [])]
    if not run.ok:
        what = (f"did not finish within {env.settings.timeout_seconds}s (validation.timeout_seconds)"
                if run.returncode is None else f"failed with exit code {run.returncode} after {run.seconds:.1f}s")
        msg = f"{what}; {PATH_MAP_NOTE}" + (f"; inputs missing: {', '.join(missing)}" if missing else "")
        review = [f"{d.file}:{d.line} ({d.message})" for d in env.flagged
                  if str(env.code_dir / d.file) in run.stderr_tail]
        if review:
            msg += "; the traceback passes through code flagged for review: " + "; ".join(review)
        return JobOutcome(job, "failed", run.seconds, [Check("runs", False, "critical", f"{msg}\nstderr tail:\n{run.stderr_tail}")])
    writes = list({(w["kind"], w["name"]): w for w in rec.get("writes", [])}.values())
    loaded = ", ".join(_lake_url(env, x["name"]) for x in rec.get("loaded", [])) or "nothing"
    msg = (f"completed in {run.seconds:.1f}s; inputs loaded from the reference data: {loaded}; wrote "
           f"{', '.join(_lake_url(env, w['name']) for w in writes) or 'nothing'}; {PATH_MAP_NOTE}")
    if missing:
        msg += f"; inputs missing: {', '.join(missing)}"
    checks = [Check("runs", True, "warning" if missing else "info", msg)]
    for w in writes:
        checks.append(_compare_output(spark, env, w, tables))
    status = "passed" if all(c.passed or c.severity != "critical" for c in checks) else "mismatch"
    return JobOutcome(job, status, run.seconds, checks)


def _ref_label(env: _Env, rel: str | None) -> str:
    """A reference path as the user knows it: relative to the Glue repository."""
    if rel is None:
        return "(no validation.lake_roots entry)"
    if rel.startswith(str(env.reference)):
        rel = rel[len(str(env.reference)):].strip("/")
    return (Path(env.settings.reference_data.strip("/")) / rel).as_posix() + "/"


def _lake_url(env: _Env, name: str) -> str:
    """A scratch lake path shown as the lake URL the Glue code uses."""
    for prefix, folder, _ in env.lake:
        root = folder.as_posix()
        if name == root or name.startswith(root + "/"):
            return prefix + name[len(root):].lstrip("/")
    return name


def _compare_output(spark: Any, env: _Env, write: dict[str, Any], tables: dict[str, dict[str, Any]]) -> Check:
    if write["kind"] == "table":
        name = write["name"]
        t = env.tables.get(name)
        if t is None:
            return Check(f"output:{name}", False, "warning", f"{name} is not defined by the Glue DDL; not compared")
        actual_path, actual_fmt = Path(tables[name]["warehouse_location"]), "delta"
        rel = lake_relative(t.location or "", env.settings.lake_roots)
        if rel is None:
            return Check(f"output:{name}", True, "info",
                         f"no reference data for {name} (its location {t.location} is under no validation.lake_roots); not compared")
        fmt, opts = t.format, t.options
    else:
        local = write["name"]
        prefix, folder, sub = next(((p, f, s) for p, f, s in env.lake if local.startswith(f.as_posix() + "/") or local == f.as_posix()),
                                   (None, None, None))
        if prefix is None:
            return Check(f"output:{local}", False, "warning", f"wrote {local}, outside the scratch lake; not compared")
        url = prefix + local[len(folder.as_posix()):].lstrip("/")
        t = table_by_location(env.tables, url)
        name = t.full_name if t else url
        rel = lake_relative(url, env.settings.lake_roots)
        actual_path, actual_fmt = Path(local), write.get("format") or "parquet"
        fmt, opts = (t.format, t.options) if t else (actual_fmt, {})
    ref_path = env.reference / rel
    label = _ref_label(env, rel)
    if not has_data(ref_path):
        return Check(f"output:{name}", True, "info", f"no reference data for {name} at {label}; not compared")
    try:
        expected = _filtered(read_files(spark, ref_path, fmt, opts), env.settings.params)
        actual = _filtered(spark.read.format(actual_fmt).load(actual_path.as_posix()), env.settings.params)
        e_rows, a_rows = expected.limit(MAX_COMPARED_ROWS + 1).collect(), actual.limit(MAX_COMPARED_ROWS + 1).collect()
    except Exception as exc:  # noqa: BLE001 - report and go on with the next output
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Check(f"output:{name}", False, "critical", f"could not read the output or reference {label}: {first}")
    if max(len(e_rows), len(a_rows)) > MAX_COMPARED_ROWS:
        return Check(f"output:{name}", True, "warning", f"more than {MAX_COMPARED_ROWS} rows; not compared row by row")
    result = compare_tables(_schema(expected), [tuple(r) for r in e_rows], _schema(actual), [tuple(r) for r in a_rows])
    where = " and ".join(f"{k}={v}" for k, v in env.settings.params.items() if k in {c.lower() for c in expected.columns})
    scope = f" for {where}" if where else ""
    if result.passed:
        return Check(f"output:{name}", True, "info", f"{result.message}{scope} against {label}")
    return Check(f"output:{name}", False, "critical", f"differs from {label}{scope}: {result.message}")


def _filtered(df: Any, params: Mapping[str, str]) -> Any:
    """Rows of the validated partition: a column named like a parameter keeps only that value."""
    cols = {c.lower(): c for c in df.columns}
    for k, v in params.items():
        if k.lower() in cols:
            df = df.filter(f"CAST(`{cols[k.lower()]}` AS STRING) = '{v}'")
    return df


def _schema(df: Any) -> list[tuple[str, str]]:
    return [(f.name, f.dataType.simpleString()) for f in df.schema.fields]
