"""``uc_ddl``: Glue/Hive table definitions as Unity Catalog DDL, published and applied."""

import dagster as dg
import polars as pl

from g2l_core.ddl import apply_tables
from g2l_core.migrate_ddl import apply_to_databricks, migrate_ddl, target_path
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths, SparkEngine

COLUMN = pl.Struct({"name": pl.String, "type": pl.String, "nullable": pl.Boolean, "comment": pl.String})
DDL_SCHEMA = {
    "project": pl.String, "source_file": pl.String, "statement_index": pl.Int64, "source_table": pl.String,
    "target_full_name": pl.String, "target_path": pl.String, "ddl": pl.String, "columns": pl.List(COLUMN),
    "partition_columns": pl.List(pl.String), "table_kind": pl.String, "status": pl.String,
    "warnings": pl.List(pl.String), "migration_hint": pl.String, "location": pl.String,
    "source_format": pl.String, "applied": pl.Boolean, "apply_action": pl.String,
    "apply_notes": pl.List(pl.String), "apply_error": pl.String, "glue_commit": pl.String,
}
DDL_CHECK = "every_statement_converted_or_explained"


def ddl_check_result(df: pl.DataFrame) -> dg.AssetCheckResult:
    """Every statement converted, or flagged/errored with at least one explanation; and at least one."""
    unexplained = df.filter((pl.col("status") != "converted") & (pl.col("warnings").list.len() == 0))
    return dg.AssetCheckResult(
        check_name=DDL_CHECK, asset_key="uc_ddl", passed=unexplained.height == 0 and df.height > 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"statements": df.height,
                  "unexplained": md_table(unexplained.to_dicts(), ["source_file", "statement_index", "status"])},
    )


@stage(
    kinds={"sql", "deltalake", "spark"},
    pool="databricks",
    check_specs=[dg.AssetCheckSpec(DDL_CHECK, asset="uc_ddl", blocking=True,
                                   description="Every DDL statement converted, or flagged/errored with an explanation.")],
)
def uc_ddl(context: dg.AssetExecutionContext, paths: G2lPaths, spark_engine: SparkEngine, glue_repo: pl.DataFrame):
    """Unity Catalog DDL for every Glue table: written to the sync branch under `uc_ddl/<schema>/<table>.sql`
    and applied: to the project's Databricks SQL warehouse when it has `databricks` settings, otherwise
    through the Spark engine (the embedded local warehouse by default)."""
    project = paths.project(context.partition_key)
    layout = paths.layout
    glue_files = glue_repo.filter(pl.col("repo") == "glue")
    glue_commit = glue_files["commit"][0]
    ddl_files = glue_files.filter(pl.col("role") == "ddl")
    migration = migrate_ddl(project, layout.glue_clone(project.name), dict(zip(ddl_files["path"], ddl_files["blob"])),
                            layout.target_clone(project.name), glue_commit)
    if project.databricks is not None:
        outcomes = apply_to_databricks(project, migration.results)
        applied_to = f"Databricks SQL warehouse {project.databricks.warehouse_id} on {project.databricks.host}"
    else:
        with spark_engine.session() as spark:
            outcomes = apply_tables(spark, migration.results, layout.warehouse)
        applied_to = f"{spark_engine.engine} engine, warehouse {layout.warehouse}"
    applied = {o.target_full_name: o for o in outcomes if o.target_full_name}
    rows = []
    for r in migration.results:
        o = applied.get(r.target_full_name)
        rows.append({
            "project": project.name, "source_file": r.source_file, "statement_index": r.statement_index,
            "source_table": r.source_table, "target_full_name": r.target_full_name,
            "target_path": target_path(project, r), "ddl": r.ddl,
            "columns": [{"name": c.name, "type": c.type, "nullable": c.nullable, "comment": c.comment} for c in r.columns],
            "partition_columns": list(r.partition_columns), "table_kind": r.table_kind, "status": r.status,
            "warnings": list(r.warnings), "migration_hint": r.migration_hint, "location": r.location,
            "source_format": r.source_format, "applied": bool(o and o.action not in ("skipped", "failed")),
            "apply_action": o.action if o else None, "apply_notes": list(o.notes) if o else [],
            "apply_error": o.error if o else None,
            "glue_commit": glue_commit,
        })
        if o and o.action == "failed":
            context.log.error(f"{project.name}: applying {r.target_full_name} failed: {o.error}")
    df = pl.DataFrame(rows, schema=DDL_SCHEMA)
    yield dg.Output(df, metadata=table_metadata(
        df, glue_commit,
        tables=int((df["status"] == "converted").sum()),
        flagged=int((df["status"] == "flagged").sum()), errors=int((df["status"] == "error").sum()),
        applied=int(df["applied"].sum()),
        statements=md_table(df.to_dicts(), ["source_file", "statement_index", "target_full_name", "table_kind", "status", "applied"]),
        sync_commit=dg.MetadataValue.text(migration.published.head),
        applied_to=dg.MetadataValue.text(applied_to),
    ))
    yield ddl_check_result(df)
