"""``g2l sync PROJECT``: convert what changed on the Glue side and publish it to the sync branch (or,
with ``dry_run``, only say what would happen), outside Dagster."""

from __future__ import annotations

from dataclasses import dataclass

from g2l_core import gitrepo, sync_history
from g2l_core.config import Project
from g2l_core.home import Home
from g2l_core.migrate_code import migrate_code
from g2l_core.migrate_ddl import migrate_ddl
from g2l_core.publish import Published, prepare_target
from g2l_core.sync import SyncOutcome


@dataclass
class SyncReport:
    project: str
    outcomes: list[SyncOutcome]
    published: Published  # the last publish of the sync (it holds every kind)
    note: str
    row: dict  # the sync_history row


def sync_project(project: Project, home: Home, dry_run: bool = False) -> SyncReport:
    started = sync_history.now()
    gitrepo.ensure_seeded_remote(project.glue.url, project.glue.seed, project.glue.branch)
    gitrepo.ensure_seeded_remote(project.target.url, project.target.seed, project.target.branch)
    glue_dir, target_dir = home.glue_clone(project.name), home.target_clone(project.name)
    glue_commit = gitrepo.ensure_clone(project.glue.url, project.glue.branch, glue_dir)
    note = ""
    if not dry_run:
        with gitrepo.repo_lock(target_dir):
            note = prepare_target(project, target_dir).note
    code, ddl, job_config = {}, {}, None
    for f in gitrepo.list_tree(glue_dir, glue_commit):
        if f.path == project.glue.job_config:
            job_config = gitrepo.read_blobs(glue_dir, [f.blob])[f.blob].decode()
        elif f.path.startswith(project.glue.ddl_paths):
            ddl[f.path] = f.blob
        elif f.path.endswith(".py") and f.path.startswith(project.glue.paths):
            code[f.path] = f.blob
    code_run = migrate_code(project, glue_dir, code, target_dir, glue_commit, job_config, dry_run=dry_run)
    ddl_run = migrate_ddl(project, glue_dir, ddl, target_dir, glue_commit, dry_run=dry_run)
    outcomes = ([o for o in code_run.published.plan.outcomes if o.kind == "code"]
                + [o for o in ddl_run.published.plan.outcomes if o.kind != "code"])
    published = ddl_run.published
    published.plan.outcomes = outcomes
    row = sync_history.history_row(project.name, published, started, sync_history.now())
    sync_history.append(home.stages, row)
    return SyncReport(project.name, outcomes, published, note, row)


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
    counts = p.plan.counts()
    summary = ", ".join(f"{n} {name}" for name, n in counts.items() if n) or "nothing to sync"
    if p.dry_run:
        lines.append(f"{summary}; dry run: nothing written")
    elif p.commit:
        lines.append(f"{summary}; sync branch {p.head[:12]} pushed")
    else:
        lines.append(f"{summary}; sync branch already up to date ({p.head[:12]})")
    return lines
