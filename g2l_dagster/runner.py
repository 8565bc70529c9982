"""Headless runs of ``g2l_pipeline`` against the persistent Dagster home, with a short human summary.

Runs are recorded in the same instance ``dagster dev`` uses, so they show up in the UI afterwards; run_guard
keeps them to one per project, reaps runs of dead processes and never lets a pool wait go silent. Each
project runs in its own child process: a native crash on one hostile file (a segmentation fault in a
parser) ends that project's run, which is then marked failed, and the other projects go on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import dagster as dg
import polars as pl

from g2l_core.processes import exit_with_parent
from g2l_core.stages.conversion import automation_pct, meaningful
from g2l_core.stages.tables import read_stage
from g2l_dagster.definitions import build_definitions
from g2l_dagster.partitions import glue_project
from g2l_dagster.run_guard import (CLI_TAG, UNPARTITIONED, PoolWatchdog, ProjectLock, job_pools, open_instance,
                                   recover_dead_runs, runs_in_progress, wait_for_pools, wait_limit)

# Failures and warnings reach the user through the summary (causes first, traces in a log file).
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


CHILD = "G2L_RUN_ONE_PROJECT"
PARENT = "G2L_RUN_PARENT_PID"


def run_pipeline(home: Path, projects: list[str], projects_file: str = "", engine: str | None = None) -> int:
    home.mkdir(parents=True, exist_ok=True)
    if os.environ.get(CHILD) == "1":
        if os.environ.get(PARENT, "").isdigit():
            exit_with_parent(int(os.environ[PARENT]))
        return _run_here(home, projects, projects_file, engine)
    failed = [name for name in projects if _run_child(home, name, projects_file, engine) != 0]
    defs = build_definitions(home, projects_file=projects_file, engine=engine)
    with open_instance(say) as instance:
        for line in recover_dead_runs(instance, home):
            say(line)
        with ProjectLock(home, UNPARTITIONED) as locked:
            progress = refresh_progress(defs, instance) if locked else None
        if progress is None:
            failed.append("migration_progress")
            why = "failed; see the run in the Dagster UI" if locked else "is being recomputed by another g2l run"
            print(f"g2l: migration_progress {why}", file=sys.stderr)
        else:
            print(progress_line(progress))
    return 1 if failed else 0


def say(line: str) -> None:
    print(f"g2l: {line}", file=sys.stderr)


def _run_child(home: Path, name: str, projects_file: str, engine: str | None) -> int:
    """``g2l run NAME`` in a child process sharing this one's output; a crash is reported, not inherited."""
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, CHILD: "1", PARENT: str(os.getpid()), "PYTHONPATH": os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])}
    cmd = [sys.executable, "-m", "g2l_dagster.cli", "run", "--home", str(home), name]
    cmd += ["--projects-file", projects_file] if projects_file else []
    cmd += ["--engine", engine] if engine else []
    sys.stdout.flush()
    sys.stderr.flush()
    # its own session: when this process is killed, the child's parent watch ends it and only it
    code = subprocess.call(cmd, env=env, start_new_session=True)
    if code < 0:
        why = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else f"signal {-code}"
        print(f"g2l: {name}: the run process died with {why} (a native crash, e.g. on a file nested too deep "
              "for the parser); its run is marked failed and the other projects go on", file=sys.stderr)
    return code


def _run_here(home: Path, projects: list[str], projects_file: str, engine: str | None) -> int:
    """Each project's lock is taken before the run database is opened: a second run of a project says so
    at once, whatever the first one is doing to the database at that moment."""
    with contextlib.ExitStack() as held:
        runnable, failed = [], []
        for name in projects:
            lock = ProjectLock(home, name)
            if lock.acquire():
                held.callback(lock.release)
                runnable.append(name)
            else:
                print(f"g2l: {name}: another g2l run of this project is in progress; not started "
                      "(one run per project at a time)", file=sys.stderr)
                failed.append(name)
        if runnable:
            failed += _run_locked(home, runnable, projects_file, engine)
    return 1 if failed else 0


def _run_locked(home: Path, projects: list[str], projects_file: str, engine: str | None) -> list[str]:
    """Run the projects (their locks held); returns those that failed."""
    limit = wait_limit()
    defs = build_definitions(home, projects_file=projects_file, engine=engine)
    job = defs.resolve_job_def("g2l_pipeline")
    failed = []
    with open_instance(say) as instance:
        for line in recover_dead_runs(instance, home, held=projects):
            say(line)
        existing = set(instance.get_dynamic_partitions(glue_project.name))
        missing = [p for p in projects if p not in existing]
        if missing:
            instance.add_dynamic_partitions(glue_project.name, missing)
        for name in projects:
            others = runs_in_progress(instance, name)
            if others:
                print(f"g2l: {name}: run {others[0].run_id[:8]} ({others[0].job_name}) of this project is in "
                      "progress; not started (one run per project at a time)", file=sys.stderr)
                failed.append(name)
                continue
            print(f"g2l: running g2l_pipeline for {name} ...", flush=True)
            result, gave_up = _execute(job, instance, limit, partition_key=name)
            if result is None:
                print(f"g2l: {name}: {gave_up}", file=sys.stderr)
                failed.append(name)
                continue
            project = defs.resources["paths"].project(name)
            tables_in = (f"Unity Catalog on {project.databricks.host}" if project.databricks is not None
                         else f"warehouse {home / 'warehouse'}")
            print(summary(home, name, result.run_id, result.success, project.target.sync_branch, tables_in))
            for note in run_notes(result):
                print(f"  warning: {note}")
            if not result.success:
                failed.append(name)
                print(failure_report(home, result), file=sys.stderr)
    return failed


def _execute(job: dg.JobDefinition, instance: dg.DagsterInstance, limit: float, **kwargs):
    """``execute_in_process`` once its pools have a free slot, under the pool watchdog: (result, None), or
    (None, why) when it gave up waiting."""
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    pools = job_pools(job)
    gave_up = wait_for_pools(instance, pools, limit, say)
    if gave_up is not None:
        return None, gave_up
    run_id = str(uuid.uuid4())
    with PoolWatchdog(instance, run_id, pools, limit, say):
        return job.execute_in_process(instance=instance, raise_on_error=False, run_config=QUIET, run_id=run_id,
                                      tags={CLI_TAG[0]: CLI_TAG[1]}, **kwargs), None


def refresh_progress(defs: dg.Definitions, instance: dg.DagsterInstance) -> pl.DataFrame | None:
    """Recompute ``migration_progress`` (what the daemon's eager automation does under ``dagster dev``)."""
    result = defs.resolve_job_def("g2l_progress").execute_in_process(
        instance=instance, raise_on_error=False, run_config=QUIET, tags={CLI_TAG[0]: CLI_TAG[1]})
    return result.output_for_node("migration_progress") if result.success else None


CAUSE_LINES = 4
NOTE_KEYS = ("warnings", "notes")  # markdown lists ("- ...") a stage writes into its materialization metadata


def run_notes(result: dg.ExecuteInProcessResult) -> list[str]:
    """What the stages of this run asked a reader to know (settings that select nothing, no DDL, ...)."""
    notes = []
    for event in result.all_events:
        if event.is_step_materialization:
            metadata = event.event_specific_data.materialization.metadata
            for key in NOTE_KEYS:
                if key in metadata:
                    notes += [line[2:] for line in str(metadata[key].value).splitlines() if line.startswith("- ")]
    return notes


def _innermost(error):
    """The user code's exception under Dagster's wrappers (``Error occurred while executing op ...``);
    ``error`` is Dagster's serialized exception (``cls_name``, ``message``, ``cause``)."""
    while error.cause is not None and error.cls_name in ("DagsterExecutionStepExecutionError", "DagsterUserCodeExecutionError"):
        error = error.cause
    return error


def failure_report(home: Path, result: dg.ExecuteInProcessResult) -> str:
    """For each failed step: the exception type and the first lines of its message (which name the file,
    statement or table); failed checks with their description. Full stack traces go to a log file named here."""
    log = home / "logs" / f"{result.run_id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    lines, traces = [], []
    for event in result.all_events:
        if event.is_step_failure:
            error = _innermost(event.event_specific_data.error)
            message = error.message.strip().splitlines() or [""]
            message[0] = message[0].split(f"{error.cls_name}: ", 1)[-1]  # "pkg.mod.Cls: text" -> "text"
            lines.append(f"  step {event.step_key} failed: {error.cls_name}: {message[0]}")
            lines += [f"    {m}" for m in message[1:CAUSE_LINES]]
            traces.append(f"step {event.step_key}\n{event.event_specific_data.error.to_string()}")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            lines.append(f"  check {evaluation.check_name} on {evaluation.asset_key.to_user_string()} failed: "
                         f"{evaluation.description or 'see its metadata'}")
    log.write_text("\n\n".join(traces) or "no step raised an exception (a blocking check failed)\n")
    return "\n".join([*lines, f"  stack traces: {log}"])


def progress_line(progress: pl.DataFrame) -> str:
    total = int(progress["glue_entities"].sum()) if progress.height else 0
    validated = int(progress["validated"].sum()) if progress.height else 0
    pct = 100.0 * validated / total if total else 0.0
    return (f"g2l: migration_progress: {validated}/{total} Glue entities validated ({pct:.0f}%) across "
            f"{progress.height} registered project{'' if progress.height == 1 else 's'}")


def summary(home: Path, project: str, run_id: str, success: bool, branch: str = "the sync branch",
            tables_in: str | None = None) -> str:
    stages = home / "stages"

    def rows(asset: str) -> pl.DataFrame:
        found = read_stage(stages, asset, project)
        return pl.DataFrame() if found is None else found

    entities, code, ddl = rows("source_entities"), rows("converted_code"), rows("uc_ddl")
    validation, drift, decisions = rows("validation_results"), rows("schema_drift"), rows("conversion_decisions")
    lines = [f"{project}: run {run_id[:8]} {'succeeded' if success else 'FAILED'}"]
    if entities.height:
        by_type = entities.filter(pl.col("source_type") == "glue").group_by("entity_type").len().sort("entity_type")
        lines.append("  inventory:   " + ", ".join(f"{n} {_plural(t, n)}" for t, n in by_type.iter_rows())
                     + f" (Glue); {entities.filter(pl.col('source_type') == 'databricks').height} Databricks entities")
    if code.height:
        counts = dict(code.group_by("status").len().iter_rows())
        conflicts = int(code["conflict"].is_not_null().sum())
        flagged = decisions.filter(pl.col("action") == "flagged").height if decisions.height else 0
        constructs = meaningful(decisions.to_dicts()) if decisions.height else []
        pct = automation_pct(constructs)
        lines.append(f"  conversion:  {code.height} files ({', '.join(f'{n} {s}' for s, n in sorted(counts.items()))}); "
                     f"{len(constructs)} Glue constructs, {pct:.0f}% automated ({decisions.height - len(constructs)} boilerplate "
                     f"sites apart), {flagged} flagged for review; "
                     f"{conflicts} sync conflicts")
    jobs = rows("databricks_jobs")
    if jobs.height:
        incomplete = jobs.filter(pl.col("status") == "incomplete").height
        lines.append(f"  jobs:        {jobs.height} Databricks {_plural('job', jobs.height)} in the bundle (databricks.yml, "
                     f"resources/), {int(jobs['schedule'].is_not_null().sum())} scheduled"
                     + (f", {incomplete} incomplete (Glue jobs without a task; schedule paused)" if incomplete else "")
                     + f"; {int(jobs['conflict'].is_not_null().sum())} sync conflicts")
    if ddl.height:
        tables = ddl.filter(pl.col("table_kind").is_in(["managed", "external", "view"]))
        schemas = ddl.filter(pl.col("table_kind") == "schema")
        apply_failed = ddl.filter(pl.col("apply_action") == "failed")
        lines.append(f"  uc_ddl:      {tables.height} tables/views and {schemas.height} schemas; "
                     f"{int(ddl['applied'].sum())} statements applied, {apply_failed.height} failed to apply, "
                     f"{int((ddl['status'] == 'error').sum())} conversion errors")
        lines += [f"    apply failed: {r['target_full_name']}: {r['apply_error']}" for r in apply_failed.iter_rows(named=True)]
    if validation.height:
        runs = validation.filter(pl.col("check") == "runs")
        matched = validation.filter(pl.col("check").str.starts_with("output:") & pl.col("passed")
                                    & pl.col("message").str.starts_with("matches"))
        ran = f"; {int(runs['passed'].sum())}/{runs.height} jobs ran on reference data, {matched.height} outputs " \
              "match Glue's" if runs.height else ""
        lines.append(f"  validation:  {int(validation['passed'].sum())}/{validation.height} checks passed{ran}")
    if drift.height or ddl.height:
        open_drift = drift.filter(~pl.col("resolved")) if drift.height else drift
        critical = open_drift.filter(pl.col("severity") == "critical").height if open_drift.height else 0
        lines.append(f"  drift:       {open_drift.height} open ({critical} critical)")
    outputs = []
    target = home / "workspace" / project / "target"
    published = [what for what, there in (("converted code", code.height), ("DDL", ddl.height),
                                           ("the jobs bundle", jobs.height)) if there]
    if published:
        named = published[0] if len(published) == 1 else ", ".join(published[:-1]) + " and " + published[-1]
        outputs.append(f"{named} on {branch} of {target}")
    if ddl.filter(pl.col("applied")).height if ddl.height else False:
        outputs.append(tables_in or f"warehouse {home / 'warehouse'}")
    if stages.is_dir():
        outputs.append(f"stage tables {stages}")
    if outputs:
        lines.append("  outputs:     " + ",\n               ".join(outputs))
    return "\n".join(lines)


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
