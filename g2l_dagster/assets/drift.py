"""``schema_drift``: where the Glue side's schemas and the Unity Catalog tables disagree, with history."""

from datetime import datetime, timezone

import dagster as dg
import polars as pl

from g2l_core.stages.drift import critical_drift, critical_summary, detect, open_drift
from g2l_dagster import keys
from g2l_dagster.assets.common import stage, stage_check
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths, SparkEngine

DRIFT_CHECK = "no_critical_drift"
DRIFT_COLUMNS = ["table", "drift_type", "severity", "column", "source_type", "dest_type", "details"]


def drift_check_result(drift: pl.DataFrame) -> dg.AssetCheckResult:
    critical = critical_drift(drift)
    return dg.AssetCheckResult(
        check_name=DRIFT_CHECK, asset_key=keys.SCHEMA_DRIFT, passed=critical.height == 0,
        severity=dg.AssetCheckSeverity.ERROR, description=critical_summary(drift),
        metadata={"critical": md_table(critical, ["table", "drift_type", "column", "details"])},
    )


@stage(
    kinds={"deltalake", "spark"},
    deps=[keys.UC_DDL],
    check_specs=[stage_check(DRIFT_CHECK, keys.SCHEMA_DRIFT,
                             "No open critical drift between the Glue schemas and Unity Catalog.")],
)
def schema_drift(context: dg.AssetExecutionContext, paths: G2lPaths, spark_engine: SparkEngine, glue_repo: pl.DataFrame):
    """Missing tables and columns, type and partition differences between the Glue DDL at the head of the
    Glue branch and the Unity Catalog tables as they are now (the project's workspace when it has `databricks`
    settings, else the Spark engine's warehouse). Runs after `uc_ddl` in a sync; on its own
    (`g2l_drift_check`) it shows what the next sync will have to apply. Drift that disappears is marked
    resolved, never deleted."""
    project = paths.project(context.partition_key)
    result = detect(project, paths.layout, glue_repo, spark_engine.catalog(project), datetime.now(timezone.utc))
    df = result.drift
    still_open = open_drift(df)
    yield dg.Output(df, metadata=table_metadata(
        df, result.glue_commit,
        tables_compared=result.tables_compared, compared_with=dg.MetadataValue.text(result.compared_with),
        open_drift=still_open.height, critical=critical_drift(df).height,
        open_drift_table=md_table(still_open, DRIFT_COLUMNS, empty="no open drift"),
    ))
    yield drift_check_result(df)
