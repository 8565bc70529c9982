"""Stage ``glue_repo``: both repositories at the commit a run works on, every file with its role.

A Glue file's role (code, DDL, job definition) is the registry's to say (``GlueSource.role``); a target
file is native when it matches ``target.native``, ``support`` when the base branch's manifest says g2l wrote
it for itself (the helper module, the dashboard App: neither migrated nor Databricks work). Later stages
select files by role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from g2l_core import gitrepo
from g2l_core.config import CODE, DDL, JOB_DEFINITIONS, OTHER, SCALA, UNSAFE, Project
from g2l_core.home import Home
from g2l_core.publish import prepare_target
from g2l_core.sync import MANIFEST_PATH, SUPPORT_SOURCES

GLUE, DATABRICKS = "glue", "databricks"
NATIVE, TARGET, SUPPORT = "native", "target", "support"
__all__ = ["CODE", "DDL", "JOB_DEFINITIONS", "OTHER", "SCALA", "UNSAFE", "GLUE", "DATABRICKS", "NATIVE", "TARGET", "SUPPORT", "RepoState",
           "checkout", "repository_files", "files_by_role", "glue_commit", "glue_files", "glue_tree", "plays",
           "unsafe_entries"]

FILE_SCHEMA = {
    "project": pl.String, "repo": pl.String, "commit": pl.String, "path": pl.String,
    "blob": pl.String, "size": pl.Int64, "role": pl.String,
}


@dataclass(frozen=True)
class RepoState:
    glue_dir: Path
    glue_commit: str
    target_dir: Path
    target_commit: str
    note: str = ""  # one line for the user when the empty target repository was bootstrapped


def checkout(project: Project, home: Home) -> RepoState:
    """Clone both repositories on first use (seeding the bundled sample's local remotes), fetch afterwards."""
    gitrepo.ensure_seeded_remote(project.glue.url, project.glue.seed, project.glue.branch)
    gitrepo.ensure_seeded_remote(project.target.url, project.target.seed, project.target.branch)
    glue_dir, target_dir = home.glue_clone(project.name), home.target_clone(project.name)
    glue_commit = gitrepo.ensure_clone(project.glue.url, project.glue.branch, glue_dir)
    with gitrepo.repo_lock(target_dir):
        target = prepare_target(project, target_dir)
    return RepoState(glue_dir, glue_commit, target_dir, target.commit, target.note)


def repository_files(project: Project, home: Home) -> tuple[RepoState, pl.DataFrame]:
    """Every file of the Glue repository at the head of its branch and of the target repository, by role."""
    state = checkout(project, home)
    glue_unsafe: list[gitrepo.TreeFile] = []
    target_unsafe: list[gitrepo.TreeFile] = []
    rows = [(project.name, GLUE, state.glue_commit, f.path, f.blob, f.size, project.glue.role(f.path))
            for f in gitrepo.list_tree(state.glue_dir, state.glue_commit, unsafe=glue_unsafe)]
    rows += [(project.name, GLUE, state.glue_commit, f.path, f.blob, f.size, UNSAFE) for f in glue_unsafe]
    support = support_files(state.target_dir, state.target_commit)
    rows += [(project.name, DATABRICKS, state.target_commit, f.path, f.blob, f.size,
              NATIVE if gitrepo.matches_any(f.path, project.target.native) else SUPPORT if f.path in support else TARGET)
             for f in gitrepo.list_tree(state.target_dir, state.target_commit, unsafe=target_unsafe)]
    rows += [(project.name, DATABRICKS, state.target_commit, f.path, f.blob, f.size, UNSAFE) for f in target_unsafe]
    return state, pl.DataFrame(rows, schema=FILE_SCHEMA, orient="row")


def support_files(target_dir: Path, commit: str) -> set[str]:
    """Paths the manifest at ``commit`` records as g2l's own support files (a missing or unreadable manifest:
    none; the sync reports a broken one)."""
    raw = gitrepo.read_objects(target_dir, [f"{commit}:{MANIFEST_PATH}"]).get(f"{commit}:{MANIFEST_PATH}") if commit else None
    try:
        files = json.loads(raw)["files"] if raw else {}
        return {path for path, entry in files.items() if entry.get("source") in SUPPORT_SOURCES}
    except (ValueError, TypeError, KeyError, AttributeError):
        return set()


def unsafe_entries(files: pl.DataFrame) -> list[str]:
    """One warning per tree entry whose path climbs out of its folder: recorded, skipped by every stage."""
    rows = files.filter(pl.col("role") == UNSAFE).sort("repo", "path")
    return [f"{repo} repository, commit {commit[:12]}: tree entry {path!r} has a '..', '.', '.git' or empty path "
            "segment and would leave its folder; skipped by every stage (remove it from the repository)"
            for repo, commit, path in rows.select("repo", "commit", "path").iter_rows()]


def files_by_role(files: pl.DataFrame) -> list[dict]:
    """Counts per repository and role, for a summary."""
    return files.group_by("repo", "role").len().sort("repo", "role").to_dicts()


def glue_commit(files: pl.DataFrame) -> str:
    """The Glue commit the ``glue_repo`` rows were listed at ('' when there are none)."""
    glue = files.filter(pl.col("repo") == GLUE)
    return glue["commit"][0] if glue.height else ""


def glue_tree(files: pl.DataFrame) -> dict[str, str]:
    """Glue path -> blob sha of every Glue file (job definitions name scripts anywhere in the repository)."""
    rows = files.filter((pl.col("repo") == GLUE) & (pl.col("role") != UNSAFE))
    return dict(zip(rows["path"], rows["blob"]))


def plays(*roles: str) -> pl.Expr:
    """Rows whose file plays any of ``roles`` (a role may be two joined by ``+``: ``config.has_role``)."""
    return pl.col("role").str.split("+").list.set_intersection(list(roles)).list.len() > 0


def glue_files(files: pl.DataFrame, role: str) -> dict[str, str]:
    """Glue path -> blob sha of the files playing ``role`` (a file can play two: ``GlueSource.role``)."""
    rows = files.filter((pl.col("repo") == GLUE) & plays(role))
    return dict(zip(rows["path"], rows["blob"]))
