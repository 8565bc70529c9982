"""End of every run: the stage tables the dashboard reads, published to Unity Catalog for each project
configured for Databricks, so that the dashboard deployed as a Databricks App shows what ``g2l dashboard``
shows locally.

Called by ``migration_progress`` (the last step of every job) with the progress frame it computed, which
is not in the Delta table yet when the asset runs. A project's publish failing is reported, never fails
the run: the local stage tables are complete either way and the next run publishes again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from g2l_core.config import Project
from g2l_core.dashboard.readers import STAGE_TABLES
from g2l_core.stages.tables import MIGRATION_PROGRESS, read_stage
from g2l_core.uc_stages.publish import PublishReport, publish_project


def _connect(project: Project):
    from g2l_core.migrate_ddl import workspace_client

    client = workspace_client(project)

    def run(statement: str) -> tuple[list[str], list[list]]:
        result = client.execute(statement)
        return result.columns, result.rows

    return run


def publish_stage_tables(projects: Sequence[Project], stages: Path, progress: pl.DataFrame,
                         only: str | None = None,
                         connect: Callable[[Project], Callable] = _connect) -> list[PublishReport]:
    """Publish each Databricks project's rows (``only``: that project's, when the run was for one) of the
    dashboard's stage tables to its ``databricks.stage_tables`` schema; one report per project."""
    targets = [p for p in projects if p.databricks is not None and only in (None, p.name)]
    if not targets:
        return []
    frames = {name: progress if name == MIGRATION_PROGRESS else read_stage(stages, name) for name in STAGE_TABLES}
    reports = []
    for project in targets:
        catalog, schema = project.databricks.stage_location
        try:
            reports.append(publish_project(connect(project), catalog, schema, project.name, frames))
        except (RuntimeError, ValueError) as exc:  # unreachable workspace, no credentials, no such catalog
            reports.append(PublishReport(project.name, f"{catalog}.{schema}", errors=[str(exc)]))
    return reports


def publish_metadata(reports: Sequence[PublishReport]) -> dict[str, str]:
    """Materialization metadata: where each project's tables went, and failures as ``warnings`` (a markdown
    list, which ``g2l run`` prints)."""
    if not reports:
        return {}
    done = [f"{r.project} -> {r.location}: {len(r.rows)} tables, {sum(r.rows.values())} rows" for r in reports]
    out = {"unity_catalog_stage_tables": "; ".join(done)}
    problems = [f"- {r.project}: stage tables not fully published to {r.location}: {e}"
                for r in reports for e in r.errors]
    if problems:
        out["warnings"] = "\n".join(problems)
    return out
