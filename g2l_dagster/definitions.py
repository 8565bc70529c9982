"""The one Definitions object g2l serves (loaded by workspace.yaml)."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from g2l_core.home import default_home
from g2l_dagster.assets.conversion import conversion
from g2l_dagster.assets.ddl import uc_ddl
from g2l_dagster.assets.drift import schema_drift
from g2l_dagster.assets.inventory import source_entities
from g2l_dagster.assets.jobs import databricks_jobs
from g2l_dagster.assets.progress import migration_progress
from g2l_dagster.assets.repository import glue_repo
from g2l_dagster.assets.validation import validation_results
from g2l_dagster.checks import CHECKS
from g2l_dagster.io_manager import stage_io_manager
from g2l_dagster.jobs import g2l_catch_up, g2l_drift_check, g2l_pipeline, g2l_progress
from g2l_dagster.resources import G2lPaths, GitResource, SparkEngine
from g2l_dagster.schedules import daily_drift_check, weekly_catch_up
from g2l_dagster.sensors import glue_commit_sensor, progress_after_asset_run, progress_after_failed_run, projects_sensor

ASSETS = [glue_repo, source_entities, conversion, databricks_jobs, uc_ddl, validation_results, schema_drift,
          migration_progress]


def build_definitions(home: Path | None = None, projects_file: str = "", engine: str | None = None) -> dg.Definitions:
    """Definitions for a g2l home; tests build their own with a temporary home and registry.

    ``G2L_ENGINE`` picks the Spark engine when none is given: ``sail`` (default), ``local`` or ``sc://...``.
    """
    home = Path(home or default_home())
    engine = engine or os.environ.get("G2L_ENGINE", "sail")
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=CHECKS,
        jobs=[g2l_pipeline, g2l_catch_up, g2l_drift_check, g2l_progress],
        sensors=[projects_sensor, glue_commit_sensor, progress_after_failed_run, progress_after_asset_run],
        schedules=[weekly_catch_up, daily_drift_check],
        resources={
            "paths": G2lPaths(home=str(home), projects_file=projects_file),
            "git": GitResource(),
            "spark_engine": SparkEngine(engine=engine, warehouse=str(home / "warehouse")),
            "io_manager": stage_io_manager(home),
        },
    )


defs = build_definitions()
