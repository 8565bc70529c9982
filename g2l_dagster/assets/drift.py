"""``schema_drift``: where the Glue side's schemas and the Unity Catalog tables disagree, with history."""

from datetime import datetime, timezone

import dagster as dg
import polars as pl

from g2l_core.ddl import Column, TableResult, read_table_schema
from g2l_core.drift import detect_drift
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths, SparkEngine
from g2l_dagster.stage_tables import previous_rows

DRIFT_CHECK = "no_critical_drift"


def table_results(uc_ddl: pl.DataFrame) -> list[TableResult]:
    """The uc_ddl rows back as the model the drift comparison works on."""
    out = []
    for row in uc_ddl.iter_rows(named=True):
        out.append(TableResult(
            source_file=row["source_file"], statement_index=row["statement_index"], source_table=row["source_table"],
            target_full_name=row["target_full_name"], ddl=row["ddl"],
            columns=[Column(**c) for c in row["columns"] or []], partition_columns=list(row["partition_columns"] or []),
            table_kind=row["table_kind"], status=row["status"], warnings=list(row["warnings"] or []),
            migration_hint=row["migration_hint"] or "", location=row["location"], source_format=row["source_format"],
        ))
    return out


@stage(
    kinds={"deltalake", "spark"},
    check_specs=[dg.AssetCheckSpec(DRIFT_CHECK, asset="schema_drift", blocking=True,
                                   description="No open critical drift between the Glue schemas and Unity Catalog.")],
)
def schema_drift(context: dg.AssetExecutionContext, paths: G2lPaths, spark_engine: SparkEngine, uc_ddl: pl.DataFrame):
    """Missing tables and columns, type and partition differences between the Glue DDL at the current
    commit and the applied Unity Catalog tables. Drift that disappears is marked resolved, never deleted."""
    project = paths.project(context.partition_key)
    tables = [t for t in table_results(uc_ddl) if t.is_table]
    with spark_engine.session() as spark:
        uc_schemas = {t.target_full_name: read_table_schema(spark, t.target_full_name) for t in tables}
    df = detect_drift(
        project=project.name, glue_tables=tables, uc_schemas=uc_schemas, code_columns=None,
        previous=previous_rows(paths.layout.stages, "schema_drift", project.name),
        now=datetime.now(timezone.utc),
    )
    open_drift = df.filter(~pl.col("resolved"))
    critical = open_drift.filter(pl.col("severity") == "critical")
    glue_commit = uc_ddl["glue_commit"][0] if uc_ddl.height else None
    yield dg.Output(df, metadata=table_metadata(
        df, glue_commit,
        open_drift=open_drift.height, critical=critical.height,
        open_drift_table=md_table(open_drift.to_dicts(), ["table", "drift_type", "severity", "column", "source_type", "dest_type", "details"],
                                  empty="no open drift"),
    ))
    yield dg.AssetCheckResult(
        check_name=DRIFT_CHECK, asset_key="schema_drift", passed=critical.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"critical": md_table(critical.to_dicts(), ["table", "drift_type", "column", "details"])},
    )
