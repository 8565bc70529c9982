"""Asset keys of the stages, built from the stage-table names in ``g2l_core.stages.tables``."""

import dagster as dg

from g2l_core.stages import tables

GLUE_REPO = dg.AssetKey(tables.GLUE_REPO)
SOURCE_ENTITIES = dg.AssetKey(tables.SOURCE_ENTITIES)
CONVERTED_CODE = dg.AssetKey(tables.CONVERTED_CODE)
CONVERSION_DECISIONS = dg.AssetKey(tables.CONVERSION_DECISIONS)
DATABRICKS_JOBS = dg.AssetKey(tables.DATABRICKS_JOBS)
UC_DDL = dg.AssetKey(tables.UC_DDL)
VALIDATION_RESULTS = dg.AssetKey(tables.VALIDATION_RESULTS)
SCHEMA_DRIFT = dg.AssetKey(tables.SCHEMA_DRIFT)
MIGRATION_PROGRESS = dg.AssetKey(tables.MIGRATION_PROGRESS)
