"""``schema_drift``: where the Glue side's schemas and the Unity Catalog tables disagree, with history."""

from datetime import datetime, timezone

import dagster as dg
import polars as pl

from g2l_core.ddl import read_table_schema
from g2l_core.drift import detect_drift
from g2l_core.migrate_ddl import convert_ddl_files, read_databricks_schemas
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths, SparkEngine
from g2l_dagster.stage_tables import previous_rows

DRIFT_CHECK = "no_critical_drift"
DRIFT_COLUMNS = ["table", "drift_type", "severity", "column", "source_type", "dest_type", "details"]


def drift_check_result(drift: pl.DataFrame) -> dg.AssetCheckResult:
    critical = drift.filter(~pl.col("resolved") & (pl.col("severity") == "critical"))
    return dg.AssetCheckResult(
        check_name=DRIFT_CHECK, asset_key="schema_drift", passed=critical.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"critical": md_table(critical.to_dicts(), ["table", "drift_type", "column", "details"])},
    )


@stage(
    kinds={"deltalake", "spark"},
    deps=["uc_ddl"],
    check_specs=[dg.AssetCheckSpec(DRIFT_CHECK, asset="schema_drift", blocking=True,
                                   description="No open critical drift between the Glue schemas and Unity Catalog.")],
)
def schema_drift(context: dg.AssetExecutionContext, paths: G2lPaths, spark_engine: SparkEngine, glue_repo: pl.DataFrame):
    """Missing tables and columns, type and partition differences between the Glue DDL at the head of the
    Glue branch and the Unity Catalog tables as they are now (the project's workspace when it has `databricks`
    settings, else the Spark engine's warehouse). Runs after `uc_ddl` in a sync; on its own
    (`g2l_drift_check`) it shows what the next sync will have to apply. Drift that disappears is marked
    resolved, never deleted."""
    project = paths.project(context.partition_key)
    glue_files = glue_repo.filter(pl.col("repo") == "glue")
    glue_commit = glue_files["commit"][0]
    ddl_files = glue_files.filter(pl.col("role") == "ddl")
    glue_tables = convert_ddl_files(project, paths.layout.glue_clone(project.name),
                                    dict(zip(ddl_files["path"], ddl_files["blob"])))
    tables = [t for t in glue_tables if t.is_table]
    if project.databricks is not None:
        uc_schemas = read_databricks_schemas(project, [t.target_full_name for t in tables])
        compared_with = f"Unity Catalog on {project.databricks.host} (information_schema)"
    else:
        with spark_engine.session() as spark:
            uc_schemas = {t.target_full_name: read_table_schema(spark, t.target_full_name) for t in tables}
        compared_with = f"{spark_engine.engine} engine, warehouse {paths.layout.warehouse}"
    df = detect_drift(
        project=project.name, glue_tables=tables, uc_schemas=uc_schemas, code_columns=None,
        previous=previous_rows(paths.layout.stages, "schema_drift", project.name),
        now=datetime.now(timezone.utc),
    )
    open_drift = df.filter(~pl.col("resolved"))
    yield dg.Output(df, metadata=table_metadata(
        df, glue_commit,
        tables_compared=len(tables), compared_with=dg.MetadataValue.text(compared_with), open_drift=open_drift.height,
        critical=open_drift.filter(pl.col("severity") == "critical").height,
        open_drift_table=md_table(open_drift.to_dicts(), DRIFT_COLUMNS, empty="no open drift"),
    ))
    yield drift_check_result(df)
