"""Stage ``validation_results``: per converted file, static checks of the published code, and with a
``validation`` section in the project, runtime runs of the converted jobs on reference data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from g2l_core.config import Project
from g2l_core.gitrepo import read_text
from g2l_core.home import Home
from g2l_core.extract.scala_source import SCALA_SUFFIXES
from g2l_core.stages.status import FAILED
from g2l_core.validation.check import CRITICAL, WARNING, Check

if TYPE_CHECKING:
    from g2l_core.validation.runtime import RuntimeValidation

RESULT_SCHEMA = {
    "project": pl.String, "source_path": pl.String, "check": pl.String, "passed": pl.Boolean,
    "severity": pl.String, "message": pl.String, "glue_commit": pl.String,
}


@dataclass
class Validation:
    results: pl.DataFrame  # RESULT_SCHEMA, one row per file and check
    glue_commit: str
    runtime: RuntimeValidation | None  # None without a ``validation`` section

    @property
    def failures(self) -> pl.DataFrame:
        return self.results.filter(~pl.col("passed"))

    @property
    def critical(self) -> pl.DataFrame:
        return critical_failures(self.results)


def critical_failures(results: pl.DataFrame) -> pl.DataFrame:
    return results.filter(~pl.col("passed") & (pl.col("severity") == CRITICAL))


def critical_summary(results: pl.DataFrame) -> str:
    """The check's cause, first: each file and check that failed critically, with the first line of why."""
    critical = critical_failures(results)
    if not critical.height:
        return "no critical validation failure"
    return "; ".join(f"{r['source_path']} {r['check']}: {(r['message'] or '').splitlines()[0] if r['message'] else ''}"
                     for r in critical.iter_rows(named=True))


def validate(project: Project, home: Home, converted_code: pl.DataFrame, uc_ddl: pl.DataFrame) -> Validation:
    """Static checks of every published file against the tables ``uc_ddl`` defines, then the runtime runs."""
    from g2l_core.validation.runtime import validate_runtime  # Spark, libcst, sqlglot: loaded by the step
    from g2l_core.validation.static import validate_code

    target_dir = home.target_clone(project.name)
    known = set(uc_ddl.filter(pl.col("target_full_name").is_not_null())["target_full_name"])
    commit = converted_code["glue_commit"][0] if converted_code.height else ""
    rows: list[dict] = []

    def add(source_path: str, c: Check) -> None:
        rows.append({"project": project.name, "source_path": source_path, "glue_commit": commit, "check": c.check,
                     "passed": c.passed, "severity": c.severity, "message": c.message})

    for rec in converted_code.iter_rows(named=True):
        if rec["status"] == FAILED:
            # A Scala script is left out by design (a known gap, listed for a human), not a conversion that broke.
            severity = WARNING if rec["source_path"].endswith(SCALA_SUFFIXES) else CRITICAL
            add(rec["source_path"], Check("converted", False, severity, rec["error"] or "conversion failed"))
            continue
        text = read_text(target_dir, rec["sync_commit"], rec["target_path"]) if rec.get("sync_commit") else None
        if rec["conflict"] or text is None:
            add(rec["source_path"], Check("published", False, WARNING, rec["detail"] or "no published output to validate"))
            continue
        for c in validate_code(rec["target_path"], text, known):
            add(rec["source_path"], c)
    runtime = None
    if project.validation is not None and commit:
        runtime = validate_runtime(project, home.glue_clone(project.name), commit)
        for source_path, c in runtime.rows():
            add(source_path, c)
    return Validation(pl.DataFrame(rows, schema=RESULT_SCHEMA), commit, runtime)
