"""``validation_results``: evidence that the converted code is sound, per file and check."""

import dagster as dg
import polars as pl

from g2l_core.gitrepo import read_text
from g2l_core.validate import validate_code, validate_runtime
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
    """Per converted file: it parses, no Glue API is left unflagged, and every table it uses is defined.
    With a `validation` section in the project, each converted job also runs on the reference inputs on the
    embedded Sail engine and every table it writes is compared with the Glue side's reference output
    (checks `runs` and `output:<table>`)."""
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
        text = read_text(target_dir, rec["sync_commit"], rec["target_path"]) if rec["sync_commit"] else None
        if rec["conflict"] or text is None:
            rows.append(base | {"check": "published", "passed": False, "severity": "warning",
                                "message": rec["detail"] or "no published output to validate"})
            continue
        for c in validate_code(rec["target_path"], text, known):
            rows.append(base | {"check": c.check, "passed": c.passed, "severity": c.severity, "message": c.message})
    runtime_meta = {}
    if project.validation is not None and glue_commit:
        runtime = validate_runtime(project, paths.layout.glue_clone(project.name), glue_commit)
        for source_path, c in runtime.rows():
            rows.append({"project": project.name, "source_path": source_path, "glue_commit": glue_commit,
                         "check": c.check, "passed": c.passed, "severity": c.severity, "message": c.message})
        runtime_meta = {
            "runtime_seconds": dg.MetadataValue.float(round(runtime.seconds, 1)),
            "jobs_run": len(runtime.jobs),
            "jobs_matching_reference": sum(j.status == "passed" for j in runtime.jobs),
            "runtime_validation": md_table(
                [{"job": j.job, "status": j.status, "seconds": round(j.seconds, 1), "check": c.check,
                  "passed": c.passed, "message": c.message.splitlines()[0][:300]} for j in runtime.jobs for c in j.checks],
                ["job", "status", "seconds", "check", "passed", "message"], empty="no jobs run"),
        }
        for j in runtime.jobs:
            if j.status != "passed":
                context.log.warning(f"{project.name}: runtime validation of {j.job}: {j.status}")
    df = pl.DataFrame(rows, schema=RESULT_SCHEMA)
    failures = df.filter(~pl.col("passed"))
    critical = failures.filter(pl.col("severity") == "critical")
    yield dg.Output(df, metadata=table_metadata(
        df, glue_commit,
        files_validated=df["source_path"].n_unique() if df.height else 0,
        checks_passed=int(df["passed"].sum()), checks_failed=failures.height,
        failures=md_table(failures.to_dicts(), ["source_path", "check", "severity", "message"], empty="all checks passed"),
        **runtime_meta,
    ))
    yield dg.AssetCheckResult(
        check_name=VALIDATION_CHECK, asset_key="validation_results", passed=critical.height == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"critical": md_table(critical.to_dicts(), ["source_path", "check", "message"])},
    )
