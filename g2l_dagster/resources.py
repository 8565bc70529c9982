"""Resources: where state lives, how git is reached, which Spark runs. Nothing connects at import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
from pydantic import Field

from g2l_core import gitrepo
from g2l_core.config import Project, find_project, load_registry
from g2l_core.home import Home

if TYPE_CHECKING:
    from g2l_core.stages.catalog import Catalog


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


class GitResource(dg.ConfigurableResource):
    """Cheap remote head look-ups for the sensors (the stages clone and fetch through ``g2l_core``)."""

    ls_remote_timeout_s: float = Field(default=30.0, description="Timeout for one `git ls-remote`.")

    def remote_head(self, url: str, branch: str) -> str:
        return gitrepo.remote_head(url, branch, timeout=self.ls_remote_timeout_s)


class SparkEngine(dg.ConfigurableResource):
    """Which Spark runs the work: `sail` (embedded, default), `local` (JVM Spark), or an `sc://` URL."""

    engine: str = Field(default="sail", description="sail | local | sc://host:port")
    warehouse: str = Field(description="Local warehouse folder registered on the embedded engine.")

    def catalog(self, project: Project) -> Catalog:
        """Where the project's tables are applied and read: its workspace, else this engine's warehouse."""
        from g2l_core.stages.catalog import project_catalog  # sqlglot and the Databricks SDK: not at definition load

        return project_catalog(project, self.engine, Path(self.warehouse))
