"""``validation_results``: evidence that the converted code is sound, per file and check."""

from typing import TYPE_CHECKING

import dagster as dg
import polars as pl

from g2l_core.stages.validation import critical_failures, critical_summary, validate
from g2l_dagster import keys
from g2l_dagster.assets.common import stage, stage_check
from g2l_dagster.metadata import md_table, table_metadata
from g2l_dagster.resources import G2lPaths

if TYPE_CHECKING:
    from g2l_core.stages.validation import RuntimeValidation

VALIDATION_CHECK = "no_critical_validation_failure"


def validation_check_result(results: pl.DataFrame) -> dg.AssetCheckResult:
    critical = critical_failures(results)
    return dg.AssetCheckResult(
        check_name=VALIDATION_CHECK, asset_key=keys.VALIDATION_RESULTS, passed=critical.height == 0,
        severity=dg.AssetCheckSeverity.ERROR, description=critical_summary(results),
        metadata={"critical": md_table(critical, ["source_path", "check", "message"])},
    )


def _runtime_metadata(runtime: "RuntimeValidation") -> dict:
    return {
        "runtime_seconds": dg.MetadataValue.float(round(runtime.seconds, 1)),
        "jobs_run": len(runtime.jobs),
        "jobs_matching_reference": sum(j.status == "passed" for j in runtime.jobs),
        "runtime_validation": md_table(
            [{"job": j.job, "status": j.status, "seconds": round(j.seconds, 1), "check": c.check,
              "passed": c.passed, "message": c.message.splitlines()[0]} for j in runtime.jobs for c in j.checks],
            ["job", "status", "seconds", "check", "passed", "message"], empty="no jobs run"),
    }


@stage(
    kinds={"python", "deltalake"},
    check_specs=[stage_check(VALIDATION_CHECK, keys.VALIDATION_RESULTS,
                             "No converted file fails a critical validation check.")],
)
def validation_results(context: dg.AssetExecutionContext, paths: G2lPaths, converted_code: pl.DataFrame,
                       uc_ddl: pl.DataFrame):
    """Per converted file: it parses, no Glue API is left unflagged, and every table it uses is defined.
    With a `validation` section in the project, each converted job also runs on the reference inputs on the
    embedded Sail engine and every table it writes is compared with the Glue side's reference output
    (checks `runs` and `output:<table>`)."""
    project = paths.project(context.partition_key)
    v = validate(project, paths.layout, converted_code, uc_ddl)
    if v.runtime is not None:
        for j in v.runtime.jobs:
            if j.status != "passed":
                context.log.warning(f"{project.name}: runtime validation of {j.job}: {j.status}")
    df = v.results
    yield dg.Output(df, metadata=table_metadata(
        df, v.glue_commit,
        files_validated=df["source_path"].n_unique() if df.height else 0,
        checks_passed=int(df["passed"].sum()), checks_failed=v.failures.height,
        failures=md_table(v.failures, ["source_path", "check", "severity", "message"], empty="all checks passed"),
        **(_runtime_metadata(v.runtime) if v.runtime is not None else {}),
    ))
    yield validation_check_result(df)
