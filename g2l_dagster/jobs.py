"""Jobs over the stage assets.

The stage jobs are partitioned by ``glue_project``: a run for one project carries the ``dagster/partition``
tag, which the run queue in ``dagster_home/dagster.yaml`` limits to one run per value, so two runs never sync
the same project at once. ``g2l_progress`` is not partitioned: it summarises every project.
"""

import dagster as dg

STAGES = ["glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
          "validation_results", "schema_drift", "sync_history"]
SYNC_STAGES = ["glue_repo", "converted_code", "conversion_decisions", "uc_ddl", "validation_results", "schema_drift",
               "sync_history"]
DRIFT_STAGES = ["glue_repo", "schema_drift"]

g2l_pipeline = dg.define_asset_job(
    "g2l_pipeline",
    selection=dg.AssetSelection.assets(*STAGES),
    description="All stages for one project: repository, inventory, conversion, DDL, validation, drift.",
)

g2l_sync = dg.define_asset_job(
    "g2l_sync",
    selection=dg.AssetSelection.assets(*SYNC_STAGES),
    description="The catch-up for one project: fetch the Glue repository, convert and publish what changed (code "
                "and DDL) to the sync branch, apply the DDL, validate, and re-check drift. The inventory is "
                "refreshed by g2l_pipeline.",
)

g2l_drift_check = dg.define_asset_job(
    "g2l_drift_check",
    selection=dg.AssetSelection.assets(*DRIFT_STAGES),
    description="Compare the Glue schemas at the head of the Glue branch with the Unity Catalog tables as they "
                "are, without converting or applying anything: early drift alerts between syncs.",
)

g2l_progress = dg.define_asset_job(
    "g2l_progress",
    selection=dg.AssetSelection.assets("migration_progress"),
    description="Recompute the leadership view across all projects from the stage tables (the automation "
                "daemon does this after every stage run; `g2l run` runs it after its pipelines).",
)
