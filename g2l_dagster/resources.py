"""Resources: where state lives, how git is reached, which Spark runs. Nothing connects at import."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
from pydantic import Field

from g2l_core import gitrepo
from g2l_core.config import Project, find_project, load_registry
from g2l_core.engine import check_engine_setting, spark_session
from g2l_core.home import Home
from g2l_core.publish import prepare_target


class G2lPaths(dg.ConfigurableResource):
    """The g2l home (clones, local warehouse, stage tables) and the project registry file."""

    home: str = Field(description="Folder for clones, the local warehouse and stage tables.")
    projects_file: str = Field(default="", description="Registry path; empty means G2L_PROJECTS or ./projects.yaml.")

    @property
    def layout(self) -> Home:
        return Home(Path(self.home))

    def registry(self) -> list[Project]:
        return load_registry(self.projects_file or None)

    def project(self, name: str) -> Project:
        return find_project(self.registry(), name)


@dataclass(frozen=True)
class RepoState:
    glue_dir: Path
    glue_commit: str
    target_dir: Path
    target_commit: str
    note: str = ""  # set when the empty target repository was bootstrapped


class GitResource(dg.ConfigurableResource):
    """Git access: seeding sample remotes, working clones, cheap remote head look-ups."""

    ls_remote_timeout_s: float = Field(default=30.0, description="Timeout for one `git ls-remote`.")

    def sync_project(self, project: Project, home: Home) -> RepoState:
        gitrepo.ensure_seeded_remote(project.glue.url, project.glue.seed, project.glue.branch)
        gitrepo.ensure_seeded_remote(project.target.url, project.target.seed, project.target.branch)
        glue_dir, target_dir = home.glue_clone(project.name), home.target_clone(project.name)
        glue_commit = gitrepo.ensure_clone(project.glue.url, project.glue.branch, glue_dir)
        with gitrepo.repo_lock(target_dir):
            target = prepare_target(project, target_dir)
        return RepoState(glue_dir, glue_commit, target_dir, target.commit, target.note)

    def remote_head(self, url: str, branch: str) -> str:
        return gitrepo.remote_head(url, branch, timeout=self.ls_remote_timeout_s)


class SparkEngine(dg.ConfigurableResource):
    """Which Spark runs the work: `sail` (embedded, default), `local` (JVM Spark), or an `sc://` URL."""

    engine: str = Field(default="sail", description="sail | local | sc://host:port")
    warehouse: str = Field(description="Local warehouse folder registered on the embedded engine.")

    @contextlib.contextmanager
    def session(self) -> Iterator:
        check_engine_setting(self.engine)
        with spark_session(self.engine, Path(self.warehouse)) as spark:
            yield spark
