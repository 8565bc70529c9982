"""Jobs over the stage assets.

The stage jobs are partitioned by ``glue_project``: a run for one project carries the ``dagster/partition``
tag, which the run queue in ``dagster_home/dagster.yaml`` limits to one run per value, so two runs never
write the same project at once. Each of them ends with ``migration_progress`` (not partitioned: it
summarises every project), so the progress view is current after every run that changes a stage table;
``g2l_progress`` recomputes it alone, and ``sensors.progress_after_*`` run it after failed runs and ad hoc
materializations. The pipeline jobs run every step in the run's own process (``in_process_executor``):
one import of the definitions per run instead of one per step.

Names: "sync" is the target repository's sync branch and the module that merges onto it; the job that
brings a project up to date with its Glue repository is the catch-up.
"""

import dagster as dg

from g2l_dagster import keys

PIPELINE_EXECUTOR = dg.in_process_executor
STAGES = [keys.GLUE_REPO, keys.SOURCE_ENTITIES, keys.CONVERTED_CODE, keys.CONVERSION_DECISIONS, keys.DATABRICKS_JOBS,
          keys.UC_DDL, keys.VALIDATION_RESULTS, keys.SCHEMA_DRIFT]
CATCH_UP_STAGES = [k for k in STAGES if k != keys.SOURCE_ENTITIES]
DRIFT_STAGES = [keys.GLUE_REPO, keys.SCHEMA_DRIFT]

g2l_pipeline = dg.define_asset_job(
    "g2l_pipeline",
    selection=dg.AssetSelection.assets(*STAGES, keys.MIGRATION_PROGRESS),
    executor_def=PIPELINE_EXECUTOR,
    description="All stages for one project: repository, inventory, conversion, Databricks jobs, DDL, validation, "
                "drift.",
)

g2l_catch_up = dg.define_asset_job(
    "g2l_catch_up",
    selection=dg.AssetSelection.assets(*CATCH_UP_STAGES, keys.MIGRATION_PROGRESS),
    executor_def=PIPELINE_EXECUTOR,
    description="The catch-up for one project: fetch the Glue repository, convert and publish what changed (code, "
                "job definitions and DDL) to the sync branch, apply the DDL, validate, and re-check drift. The "
                "inventory is refreshed by g2l_pipeline.",
)

g2l_drift_check = dg.define_asset_job(
    "g2l_drift_check",
    selection=dg.AssetSelection.assets(*DRIFT_STAGES, keys.MIGRATION_PROGRESS),
    executor_def=PIPELINE_EXECUTOR,
    description="Compare the Glue schemas at the head of the Glue branch with the Unity Catalog tables as they "
                "are, without converting or applying anything: early drift alerts between syncs.",
)

g2l_progress = dg.define_asset_job(
    "g2l_progress",
    selection=dg.AssetSelection.assets(keys.MIGRATION_PROGRESS),
    description="Recompute the leadership view across all projects from the stage tables (every stage job "
                "ends with it; the progress sensors run this after failed runs and ad hoc materializations).",
    executor_def=PIPELINE_EXECUTOR,
)
