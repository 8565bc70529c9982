"""``uc_ddl``: Glue/Hive table definitions as Unity Catalog DDL, published and applied."""

import dagster as dg
import polars as pl

from g2l_core.stages.ddl import convert_ddl, unexplained_statements, unexplained_summary
from g2l_dagster import keys
from g2l_dagster.assets.common import stage, stage_check
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths, SparkEngine

DDL_CHECK = "every_statement_converted_or_explained"


def ddl_check_result(df: pl.DataFrame) -> dg.AssetCheckResult:
    """Every statement converted, or flagged/errored with at least one explanation (no statements: passes)."""
    unexplained = unexplained_statements(df)
    return dg.AssetCheckResult(
        check_name=DDL_CHECK, asset_key=keys.UC_DDL, passed=unexplained.height == 0,
        severity=dg.AssetCheckSeverity.ERROR, description=unexplained_summary(unexplained),
        metadata={"statements": df.height,
                  "unexplained": md_table(unexplained, ["source_file", "statement_index", "status"])},
    )


@stage(
    kinds={"sql", "deltalake", "spark"},
    pool="databricks",
    check_specs=[stage_check(DDL_CHECK, keys.UC_DDL,
                             "Every DDL statement converted, or flagged/errored with an explanation.")],
)
def uc_ddl(context: dg.AssetExecutionContext, paths: G2lPaths, spark_engine: SparkEngine, glue_repo: pl.DataFrame):
    """Unity Catalog DDL for every Glue table: written to the sync branch under `uc_ddl/<schema>/<table>.sql`
    and applied: to the project's Databricks SQL warehouse when it has `databricks` settings, otherwise
    through the Spark engine (the embedded local warehouse by default)."""
    project = paths.project(context.partition_key)
    result = convert_ddl(project, paths.layout, glue_repo, spark_engine.catalog(project))
    for failure in result.apply_failures:
        context.log.error(f"{project.name}: applying {failure}")
    for note in result.notes:
        context.log.warning(f"{project.name}: {note}")
    df = result.statements
    yield dg.Output(df, metadata=table_metadata(
        df, result.glue_commit,
        tables=int((df["status"] == "converted").sum()),
        flagged=int((df["status"] == "flagged").sum()), errors=int((df["status"] == "error").sum()),
        applied=int(df["applied"].sum()), apply_failed=len(result.apply_failures),
        apply_failures=md_table([{"failure": f} for f in result.apply_failures], ["failure"], empty="none"),
        notes=dg.MetadataValue.md("\n".join(f"- {n}" for n in result.notes) or "_none_"),
        statements=md_table(df, ["source_file", "statement_index", "target_full_name", "table_kind", "status", "applied"]),
        sync_commit=dg.MetadataValue.text(result.sync_commit),
        applied_to=dg.MetadataValue.text(result.applied_to),
    ))
    yield ddl_check_result(df)
