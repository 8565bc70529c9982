"""Jobs over the stage assets."""

import dagster as dg

STAGES = ["glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
          "validation_results", "schema_drift"]

g2l_pipeline = dg.define_asset_job(
    "g2l_pipeline",
    selection=dg.AssetSelection.assets(*STAGES),
    description="All stages for one project: repository, inventory, conversion, DDL, validation, drift.",
)
