"""Jobs over the stage assets.

The stage jobs are partitioned by ``glue_project``: a run for one project carries the ``dagster/partition``
tag, which the run queue in ``dagster_home/dagster.yaml`` limits to one run per value, so two runs never
write the same project at once. ``g2l_progress`` is not partitioned: it summarises every project.

Names: "sync" is the target repository's sync branch and the module that merges onto it; the job that
brings a project up to date with its Glue repository is the catch-up.
"""

import dagster as dg

from g2l_dagster import keys

STAGES = [keys.GLUE_REPO, keys.SOURCE_ENTITIES, keys.CONVERTED_CODE, keys.CONVERSION_DECISIONS, keys.UC_DDL,
          keys.VALIDATION_RESULTS, keys.SCHEMA_DRIFT]
CATCH_UP_STAGES = [k for k in STAGES if k != keys.SOURCE_ENTITIES]
DRIFT_STAGES = [keys.GLUE_REPO, keys.SCHEMA_DRIFT]

g2l_pipeline = dg.define_asset_job(
    "g2l_pipeline",
    selection=dg.AssetSelection.assets(*STAGES),
    description="All stages for one project: repository, inventory, conversion, DDL, validation, drift.",
)

g2l_catch_up = dg.define_asset_job(
    "g2l_catch_up",
    selection=dg.AssetSelection.assets(*CATCH_UP_STAGES),
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
    selection=dg.AssetSelection.assets(keys.MIGRATION_PROGRESS),
    description="Recompute the leadership view across all projects from the stage tables (the automation "
                "daemon does this after every stage run; `g2l run` runs it after its pipelines).",
)
