"""``g2l sync PROJECT [--dry-run]`` (convert what changed on the Glue side and publish it to the sync branch,
or only say what would happen) and the ``sync_history`` stage: one row per sync, kept across runs."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from g2l_core import gitrepo, sync_history
from g2l_core.config import CODE, DDL, Project
from g2l_core.home import Home
from g2l_core.publish import Published, SyncError
from g2l_core.stages.repository import FILE_SCHEMA, GLUE, RepoState, checkout, glue_commit, glue_files, glue_tree
from g2l_core.stages.tables import SYNC_HISTORY, read_stage
from g2l_core.sync import OUTCOMES, SyncOutcome

__all__ = ["OUTCOMES", "SyncError", "SyncReport", "append_sync", "format_report", "plan_rows", "record_sync",
           "sync_project"]


@dataclass
class SyncReport:
    project: str
    outcomes: list[SyncOutcome]
    published: Published  # the last publish of the sync (it holds every kind)
    note: str
    row: dict  # the sync_history row


def sync_project(project: Project, home: Home, dry_run: bool = False) -> SyncReport:
    """Convert and publish code, the bundle (jobs, and the dashboard App of a Databricks project) and DDL, as
    the pipeline does (DDL is not applied here); the row goes to ``sync_history``."""
    from g2l_core.migrate_code import migrate_code  # libcst and sqlglot: loaded by a sync, not by importers
    from g2l_core.migrate_ddl import migrate_ddl
    from g2l_core.stages.jobs import KIND as JOBS
    from g2l_core.stages.jobs import job_definitions, migrate_jobs

    started = sync_history.now()
    state = _fetch(project, home) if dry_run else checkout(project, home)
    files = pl.DataFrame([(project.name, GLUE, state.glue_commit, f.path, f.blob, f.size, project.glue.role(f.path))
                          for f in gitrepo.list_tree(state.glue_dir, state.glue_commit)], schema=FILE_SCHEMA, orient="row")
    code = migrate_code(project, state.glue_dir, glue_files(files, CODE), state.target_dir, state.glue_commit,
                        job_definitions(project, home, files), dry_run=dry_run, ddl_files=glue_files(files, DDL))
    published_code = {p: p for p in glue_files(files, CODE)
                      if p not in code.held_back and (p not in code.results or code.results[p].code is not None)}
    jobs = migrate_jobs(project, state.glue_dir, glue_tree(files), state.target_dir, state.glue_commit, published_code,
                        dry_run=dry_run, planned=code.published.plan.writes if dry_run else ())
    ddl = migrate_ddl(project, state.glue_dir, glue_files(files, DDL), state.target_dir, state.glue_commit, dry_run=dry_run)
    outcomes = ([o for o in code.published.plan.outcomes if o.kind == "code"]
                + [o for o in jobs.published.plan.outcomes if o.kind == JOBS]
                + [o for o in ddl.published.plan.outcomes if o.kind not in ("code", JOBS)])
    published = ddl.published
    published.plan.outcomes = outcomes
    # one sync, three publishes: its commit is the last one any of them made
    published.commit = next((p.commit for p in (ddl.published, jobs.published, code.published) if p.commit), None)
    row = append_sync(home, project.name, published, started)
    return SyncReport(project.name, outcomes, published, state.note, row)


def append_sync(home: Home, project: str, published: Published, started) -> dict:
    """Add a sync made (or planned, on a dry run) in one step to ``sync_history``; returns its row."""
    row = sync_history.history_row(project, published, started, sync_history.now())
    sync_history.append(home.stages, row)
    return row


def plan_rows(published: Published) -> list[dict]:
    """The plan per file (what a dry run reports), files needing a human first; unchanged files are only
    counted (as in ``format_report``)."""
    order = {"conflict": 0, "orphaned": 1}
    return [{"path": o.path, "kind": o.kind, "action": o.action, "conflict": o.conflict, "detail": o.detail}
            for o in sorted(published.plan.outcomes, key=lambda o: (order.get(o.action, 2), o.action, o.path))
            if o.action != "unchanged"]


def _fetch(project: Project, home: Home) -> RepoState:
    """Both clones up to date, writing nothing anywhere (a dry run never bootstraps the target)."""
    gitrepo.ensure_seeded_remote(project.glue.url, project.glue.seed, project.glue.branch)
    gitrepo.ensure_seeded_remote(project.target.url, project.target.seed, project.target.branch)  # bundled sample
    glue_dir, target_dir = home.glue_clone(project.name), home.target_clone(project.name)
    commit = gitrepo.ensure_clone(project.glue.url, project.glue.branch, glue_dir)
    with gitrepo.repo_lock(target_dir):
        gitrepo.fetch_clone(project.target.url, target_dir)
    return RepoState(glue_dir, commit, target_dir, gitrepo.ref_commit(target_dir, f"refs/remotes/origin/{project.target.branch}") or "")


def format_report(report: SyncReport) -> list[str]:
    """The plan per file (unchanged files counted, not listed), then one summary line."""
    p = report.published
    lines = [report.note] if report.note else []
    glue_from, glue_to = p.glue_commits
    lines.append(f"g2l sync {report.project}{' (dry run)' if p.dry_run else ''}: Glue "
                 f"{glue_from[:12] or '(first sync)'}..{glue_to[:12]}, base branch at {p.base_commit[:12] or '(none)'}")
    for o in sorted(report.outcomes, key=lambda o: (o.action, o.path)):
        if o.action == "unchanged":
            continue
        why = f"{o.conflict}: {o.detail}" if o.conflict else o.detail
        lines.append(f"  {o.action:<10} {o.path}{'  ' + why if why else ''}")
    summary = ", ".join(f"{n} {name}" for name, n in p.plan.counts().items() if n) or "nothing to sync"
    if p.dry_run:
        lines.append(f"{summary}; dry run: nothing written")
    elif p.commit:
        lines.append(f"{summary}; sync branch {p.head[:12]} pushed")
    else:
        lines.append(f"{summary}; sync branch already up to date ({p.head[:12]})")
    return lines


@dataclass
class SyncRecord:
    history: pl.DataFrame  # every sync of the project so far, this one last
    row: dict
    conflicts: list[dict]


def record_sync(project: Project, home: Home, files: pl.DataFrame) -> SyncRecord:
    """The ``sync_history`` rows with this run's sync added: the plan the sync branch now stands for
    (latest generation against the base branch), as code and DDL published it in separate steps."""
    started = sync_history.now()
    published = sync_history.current_sync(project, home.target_clone(project.name), glue_commit(files))
    published.dry_run = False
    row = sync_history.history_row(project.name, published, started, sync_history.now())
    conflicts = [{"path": o.path, "conflict": o.conflict, "detail": o.detail} for o in published.plan.conflicts]
    return SyncRecord(sync_history.with_row(read_stage(home.stages, SYNC_HISTORY, project.name), row), row, conflicts)
