"""Stage ``databricks_jobs``: the Glue job definitions (and the migrated notebooks, each a job set up by its
session magics) become a Databricks Asset Bundle on the sync branch.

The bundle is published like the converted code (kind ``jobs`` in the manifest), so a Databricks-native
job in ``resources/`` is never overwritten, a generated job edited on the base branch gets Glue changes by a
three-way merge (a conflict only where they overlap), and a Glue change to a definition (new argument, new
schedule) reaches the bundle on the next sync. A project configured for Databricks (a ``databricks``
section) also gets the dashboard as a Databricks App in the bundle (``g2l_core.dashboard.deploy``), under
the same rules: a native path or a file g2l did not write at its place is a conflict, never overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

import g2l_core.jobs as jobs_pkg
from g2l_core.convert import magics
from g2l_core import gitrepo
from g2l_core.config import CODE, Project, has_role
from g2l_core.home import Home
from g2l_core.jobs import JobDefinitions, Problem, project_definitions
from g2l_core.notebook import is_notebook
from g2l_core.publish import Published, publish, source_fingerprint
from g2l_core.stages import repository
from g2l_core.stages.status import FAILED
from g2l_core.sync import APP_SOURCE, GeneratedFile, SyncOutcome

if TYPE_CHECKING:
    from g2l_core.jobs.bundle import Bundle

KIND = "jobs"
SCHEMA = {
    "project": pl.String, "job": pl.String, "tasks": pl.String, "schedule": pl.String, "compute": pl.String,
    "source": pl.String, "path": pl.String, "status": pl.String, "sync_action": pl.String, "conflict": pl.String,
    "notes": pl.String, "glue_commit": pl.String, "sync_commit": pl.String,
}


@dataclass
class JobsStage:
    rows: pl.DataFrame  # SCHEMA, one row per generated Databricks job
    bundle: Bundle
    published: Published
    glue_commit: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def conflicts(self) -> list[SyncOutcome]:
        return self.published.plan.conflicts

    @property
    def app(self) -> list[SyncOutcome]:
        """What this sync did with each file of the dashboard App (none: not configured for Databricks)."""
        return [o for o in self.published.plan.outcomes if o.source == APP_SOURCE]


def dashboard_app(project: Project) -> dict[str, str]:
    """The dashboard App's bundle files for a project configured for Databricks (else none)."""
    from g2l_core.dashboard.deploy import app_files

    if project.databricks is None:
        return {}
    catalog, schema = project.databricks.stage_location
    return app_files(catalog, project.databricks.warehouse_id, schema)


def migrate_jobs(project: Project, glue_dir: Path, glue_tree: Mapping[str, str], target_dir: Path, glue_commit: str,
                 converted: Mapping[str, str] | None = None, push: bool = True, dry_run: bool = False,
                 planned: Collection[str] = ()) -> JobsStage:
    """``glue_tree`` maps every Glue path to its blob at ``glue_commit``; ``converted`` maps converted Glue
    scripts to their paths in the target repository (a task is written only for a script that exists there,
    or in ``planned``: what a dry run of the code would write). ``dry_run`` plans and writes nothing."""
    from g2l_core.jobs.bundle import build_bundle  # the Databricks bundle SDK: loaded by the step, not its importers

    definitions = project_definitions(project, glue_dir, glue_tree)
    scripts = None
    if converted is not None:
        present = target_files(project, target_dir) | set(planned)
        scripts = {src: dst for src, dst in converted.items() if dst in present}
    app = dashboard_app(project)
    bundle = build_bundle(definitions, project.bundle, scripts, extra=app,
                          notebooks=migrated_notebooks(project, glue_dir, glue_tree, scripts))
    sources = sorted({s for j in bundle.jobs for s in j.sources})
    source_blob = hashlib.sha256(json.dumps([glue_tree.get(s, "") for s in sources]).encode()).hexdigest()[:16]
    fingerprint = source_fingerprint(json.dumps(asdict(project.bundle), sort_keys=True, default=str),
                                     code_dirs=[Path(jobs_pkg.__file__).parent, Path(magics.__file__)])
    generated = [GeneratedFile(path, APP_SOURCE, fingerprint, text, KIND, fingerprint) if path in app else
                 GeneratedFile(path, ", ".join(sources), source_blob, text, KIND, fingerprint)
                 for path, text in sorted(bundle.files.items())]
    published = publish(project, target_dir, generated, KIND,
                        f"g2l: Databricks jobs from the Glue job definitions at {glue_commit[:12]}\n\n"
                        f"Glue commit: {glue_commit}", push=push, dry_run=dry_run, glue_commit=glue_commit)
    outcome = {o.path: o for o in published.plan.outcomes}
    rows = []
    for job in bundle.jobs:
        o = outcome.get(job.path) if job.path else None
        rows.append({
            "project": project.name, "job": job.name, "tasks": ", ".join(job.tasks), "schedule": job.schedule,
            "compute": job.compute, "source": ", ".join(job.sources), "path": job.path, "status": job.status,
            "sync_action": o.action if o else "skipped", "conflict": o.conflict if o else None,
            "notes": "; ".join(job.notes + ([o.detail] if o and o.detail else [])), "glue_commit": glue_commit,
            "sync_commit": published.head,
        })
    return JobsStage(pl.DataFrame(rows, schema=SCHEMA), bundle, published, glue_commit, bundle.problems)


def migrated_notebooks(project: Project, glue_dir: Path, glue_tree: Mapping[str, str],
                       scripts: Mapping[str, str] | None) -> dict[str, bytes]:
    """The Glue notebooks the project migrates (those converted, when ``scripts`` says which), by Glue path:
    each is a Databricks job, set up by its session magics."""
    paths = [p for p in (glue_tree if scripts is None else scripts) if is_notebook(p) and p in glue_tree
             and has_role(project.glue.role(p), CODE)]
    blobs = gitrepo.read_blobs(glue_dir, [glue_tree[p] for p in paths])
    return {p: blobs[glue_tree[p]] for p in paths}


def target_files(project: Project, target_dir: Path) -> set[str]:
    """Paths on the sync branch (the base branch before the first sync): g2l's clone of the target is never
    checked out, so a converted script exists only as a file in that branch's tree."""
    with gitrepo.repo_lock(target_dir):
        gitrepo.fetch_clone(project.target.url, target_dir)
        heads = gitrepo.remote_heads(target_dir)
    return set(gitrepo.tree_blobs(target_dir, heads.get(project.target.sync_branch) or heads.get(project.target.branch)))


def job_definitions(project: Project, home: Home, files: pl.DataFrame) -> JobDefinitions:
    """The project's job definitions at the Glue commit of the ``glue_repo`` rows ``files``."""
    return project_definitions(project, home.glue_clone(project.name), repository.glue_tree(files))


def databricks_jobs(project: Project, home: Home, files: pl.DataFrame, converted_code: pl.DataFrame) -> JobsStage:
    """The stage's entry point: ``files`` are the ``glue_repo`` rows, ``converted_code`` the conversion's per-file
    rows (a failed file has no script in the target repository to point a task at)."""
    converted = converted_code.filter(pl.col("status") != FAILED)
    return migrate_jobs(project, home.glue_clone(project.name), repository.glue_tree(files),
                        home.target_clone(project.name), repository.glue_commit(files),
                        dict(zip(converted["source_path"], converted["target_path"])))
