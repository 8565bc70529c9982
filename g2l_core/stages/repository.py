"""Stage ``glue_repo``: both repositories at the commit a run works on, every file with its role.

A Glue file's role (code, DDL, job definition) is the registry's to say (``GlueSource.role``); a target
file is native when it matches ``target.native``. Later stages select files by role.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from g2l_core import gitrepo
from g2l_core.config import CODE, DDL, JOB_DEFINITIONS, OTHER, Project
from g2l_core.home import Home

GLUE, DATABRICKS = "glue", "databricks"
NATIVE, TARGET = "native", "target"
__all__ = ["CODE", "DDL", "JOB_DEFINITIONS", "OTHER", "GLUE", "DATABRICKS", "NATIVE", "TARGET", "RepoState",
           "checkout", "repository_files", "files_by_role", "glue_commit", "glue_files", "glue_tree"]

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


def checkout(project: Project, home: Home) -> RepoState:
    """Clone both repositories on first use (seeding the bundled sample's local remotes), fetch afterwards."""
    gitrepo.ensure_seeded_remote(project.glue.url, project.glue.seed, project.glue.branch)
    gitrepo.ensure_seeded_remote(project.target.url, project.target.seed, project.target.branch)
    glue_dir, target_dir = home.glue_clone(project.name), home.target_clone(project.name)
    glue_commit = gitrepo.ensure_clone(project.glue.url, project.glue.branch, glue_dir)
    target_commit = gitrepo.ensure_clone(project.target.url, project.target.branch, target_dir)
    return RepoState(glue_dir, glue_commit, target_dir, target_commit)


def repository_files(project: Project, home: Home) -> tuple[RepoState, pl.DataFrame]:
    """Every file of the Glue repository at the head of its branch and of the target repository, by role."""
    state = checkout(project, home)
    rows = [(project.name, GLUE, state.glue_commit, f.path, f.blob, f.size, project.glue.role(f.path))
            for f in gitrepo.list_tree(state.glue_dir, state.glue_commit)]
    rows += [(project.name, DATABRICKS, state.target_commit, f.path, f.blob, f.size,
              NATIVE if gitrepo.matches_any(f.path, project.target.native) else TARGET)
             for f in gitrepo.list_tree(state.target_dir, state.target_commit)]
    return state, pl.DataFrame(rows, schema=FILE_SCHEMA, orient="row")


def files_by_role(files: pl.DataFrame) -> list[dict]:
    """Counts per repository and role, for a summary."""
    return files.group_by("repo", "role").len().sort("repo", "role").to_dicts()


def glue_commit(files: pl.DataFrame) -> str:
    """The Glue commit the ``glue_repo`` rows were listed at ('' when there are none)."""
    glue = files.filter(pl.col("repo") == GLUE)
    return glue["commit"][0] if glue.height else ""


def glue_tree(files: pl.DataFrame) -> dict[str, str]:
    """Glue path -> blob sha of every Glue file (job definitions name scripts anywhere in the repository)."""
    rows = files.filter(pl.col("repo") == GLUE)
    return dict(zip(rows["path"], rows["blob"]))


def glue_files(files: pl.DataFrame, role: str) -> dict[str, str]:
    """Glue path -> blob sha of the files with ``role``."""
    rows = files.filter((pl.col("repo") == GLUE) & (pl.col("role") == role))
    return dict(zip(rows["path"], rows["blob"]))
