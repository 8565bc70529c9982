"""``validation_results``: evidence that the converted code is sound, per file and check."""

import dagster as dg
import polars as pl

from g2l_core.validate import validate_code
from g2l_dagster.assets.common import stage
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths

RESULT_SCHEMA = {
    "project": pl.String, "source_path": pl.String, "check": pl.String, "passed": pl.Boolean,
    "severity": pl.String, "message": pl.String, "glue_commit": pl.String,
}
VALIDATION_CHECK = "no_critical_validation_failure"


@stage(
    kinds={"python", "deltalake"},
    check_specs=[dg.AssetCheckSpec(VALIDATION_CHECK, asset="validation_results", blocking=True,
                                   description="No converted file fails a critical validation check.")],
)
def validation_results(context: dg.AssetExecutionContext, paths: G2lPaths, converted_code: pl.DataFrame,
                       uc_ddl: pl.DataFrame):
    """Per converted file: it parses, no Glue API is left unflagged, and every table it uses is defined."""
    project = paths.project(context.partition_key)
    target_dir = paths.layout.target_clone(project.name)
    known = set(uc_ddl.filter(pl.col("target_full_name").is_not_null())["target_full_name"])
    glue_commit = converted_code["glue_commit"][0] if converted_code.height else ""
    rows = []
    for rec in converted_code.iter_rows(named=True):
        base = {"project": project.name, "source_path": rec["source_path"], "glue_commit": glue_commit}
        if rec["status"] == "failed":
            rows.append(base | {"check": "converted", "passed": False, "severity": "critical",
                                "message": rec["error"] or "conversion failed"})
            continue
        target = target_dir / rec["target_path"]
        if rec["conflict"] or not target.is_file():
            rows.append(base | {"check": "published", "passed": False, "severity": "warning",
                                "message": rec["detail"] or "no published output to validate"})
            continue
        for c in validate_code(rec["target_path"], target.read_text(), known):
            rows.append(base | {"check": c.check, "passed": c.passed, "severity": c.severity, "message": c.message})
    df = pl.DataFrame(rows, schema=RESULT_SCHEMA)
    failures = df.filter(~pl.col("passed"))
    critical = failures.filter(pl.col("severity") == "critical")
    yield dg.Output(df, metadata=table_metadata(
        df, glue_commit,
        files_validated=df["source_path"].n_unique() if df.height else 0,
        checks_passed=int(df["passed"].sum()), checks_failed=failures.height,
        failures=md_table(failures.to_dicts(), ["source_path", "check", "severity", "message"], empty="all checks passed"),
    ))
    yield dg.AssetCheckResult(
        check_name=VALIDATION_CHECK, asset_key="validation_results", passed=critical.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"critical": md_table(critical.to_dicts(), ["source_path", "check", "message"])},
    )
