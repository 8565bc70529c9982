"""Jobs over the stage assets.

Both are partitioned by ``glue_project``: a run for one project carries the ``dagster/partition`` tag,
which the run queue in ``dagster_home/dagster.yaml`` limits to one run per value, so two runs never sync
the same project at once.
"""

import dagster as dg

STAGES = ["glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
          "validation_results", "schema_drift"]
SYNC_STAGES = ["glue_repo", "source_entities", "converted_code", "conversion_decisions", "validation_results"]

g2l_pipeline = dg.define_asset_job(
    "g2l_pipeline",
    selection=dg.AssetSelection.assets(*STAGES),
    description="All stages for one project: repository, inventory, conversion, DDL, validation, drift.",
)

g2l_sync = dg.define_asset_job(
    "g2l_sync",
    selection=dg.AssetSelection.assets(*SYNC_STAGES),
    description="The weekly catch-up for one project: fetch the Glue repository, refresh the inventory, convert "
                "and publish changed files to the sync branch, validate. DDL and drift are read from the last "
                "g2l_pipeline run (`uc_ddl` must have been materialized once).",
)
