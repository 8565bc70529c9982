"""Stage ``uc_ddl``: the Glue side's table definitions as Unity Catalog DDL, published and applied."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from g2l_core.config import Project
from g2l_core.home import Home
from g2l_core.stages.repository import DDL, glue_commit, glue_files
from g2l_core.stages.tables import UC_DDL, read_stage

if TYPE_CHECKING:
    from g2l_core.stages.catalog import Catalog

COLUMN = pl.Struct({"name": pl.String, "type": pl.String, "nullable": pl.Boolean, "comment": pl.String})
DDL_SCHEMA = {
    "project": pl.String, "source_file": pl.String, "statement_index": pl.Int64, "source_table": pl.String,
    "target_full_name": pl.String, "target_path": pl.String, "ddl": pl.String, "columns": pl.List(COLUMN),
    "partition_columns": pl.List(pl.String), "table_kind": pl.String, "status": pl.String,
    "warnings": pl.List(pl.String), "migration_hint": pl.String, "location": pl.String,
    "source_format": pl.String, "applied": pl.Boolean, "apply_action": pl.String,
    "apply_notes": pl.List(pl.String), "apply_error": pl.String, "glue_commit": pl.String,
}
NOT_APPLIED = ("skipped", "failed")


@dataclass
class DdlStage:
    statements: pl.DataFrame  # DDL_SCHEMA, one row per statement
    glue_commit: str
    sync_commit: str
    applied_to: str
    apply_failures: list[str]  # "<table>: <engine message>"
    notes: list[str]  # what a reader must know about an empty or partial result


def convert_ddl(project: Project, home: Home, files: pl.DataFrame, catalog: Catalog) -> DdlStage:
    """Convert every DDL file at the Glue commit, publish the statements and apply them to ``catalog``."""
    from g2l_core.migrate_ddl import migrate_ddl, target_path  # sqlglot: loaded by the step, not its importers

    commit = glue_commit(files)
    ddl_files = glue_files(files, DDL)
    notes = [] if ddl_files else [no_ddl_note(project, commit)]
    migration = migrate_ddl(project, home.glue_clone(project.name), ddl_files, home.target_clone(project.name), commit)
    notes += shared_tables(project.name, [r.target_full_name for r in migration.results if r.table_kind != "schema"],
                           read_stage(home.stages, UC_DDL))
    applied = {o.target_full_name: o for o in catalog.apply(migration.results) if o.target_full_name}
    rows = []
    failures = []
    for r in migration.results:
        o = applied.get(r.target_full_name)
        rows.append({
            "project": project.name, "source_file": r.source_file, "statement_index": r.statement_index,
            "source_table": r.source_table, "target_full_name": r.target_full_name,
            "target_path": target_path(project, r), "ddl": r.ddl,
            "columns": [{"name": c.name, "type": c.type, "nullable": c.nullable, "comment": c.comment} for c in r.columns],
            "partition_columns": list(r.partition_columns), "table_kind": r.table_kind, "status": r.status,
            "warnings": list(r.warnings), "migration_hint": r.migration_hint, "location": r.location,
            "source_format": r.source_format, "applied": bool(o and o.action not in NOT_APPLIED),
            "apply_action": o.action if o else None, "apply_notes": list(o.notes) if o else [],
            "apply_error": o.error if o else None,
            "glue_commit": commit,
        })
        if o and o.action == "failed":
            failures.append(f"{r.target_full_name}: {o.error}")
    return DdlStage(pl.DataFrame(rows, schema=DDL_SCHEMA), commit, migration.published.head, catalog.describe(), failures,
                    notes)


def shared_tables(project: str, tables: list[str | None], stage: pl.DataFrame | None, shown: int = 5) -> list[str]:
    """One note per other project whose ``uc_ddl`` rows define tables this project defines too: in one
    catalog they are the same tables, so one project's DDL changes the other's and shows up as its drift."""
    mine = sorted({t.lower() for t in tables if t})
    if stage is None or not mine:
        return []
    others = stage.filter((pl.col("project") != project) & pl.col("target_full_name").str.to_lowercase().is_in(mine))
    notes = []
    for (other,), rows in sorted(others.group_by("project"), key=lambda g: g[0][0]):
        names = sorted(set(rows["target_full_name"].str.to_lowercase()))
        more = f" and {len(names) - shown} more" if len(names) > shown else ""
        notes.append(f"{len(names)} table{'s' if len(names) != 1 else ''} also defined by project {other} "
                     f"({', '.join(names[:shown])}{more}): in one catalog they are the same tables, so each "
                     "project's DDL changes the other's (give one of them another catalog or schema_map)")
    return notes


def no_ddl_note(project: Project, commit: str) -> str:
    """Why a project has no DDL statements: normal for a code-only repository, worth a look otherwise."""
    paths = ", ".join(project.glue.ddl_paths) or "(none)"
    return (f"no DDL: glue.ddl_paths ({paths}) match no file at Glue commit {commit[:12]}; nothing to convert "
            "or apply (validation and drift run on what exists)")


def statement_counts(statements: pl.DataFrame) -> dict[str, int]:
    """Converted, flagged and unconvertible statements; applied and failed-to-apply ones."""
    return {
        "tables": int((statements["status"] == "converted").sum()),
        "flagged": int((statements["status"] == "flagged").sum()),
        "errors": int((statements["status"] == "error").sum()),
        "applied": int(statements["applied"].sum()),
        "apply_failed": int((statements["apply_action"] == "failed").sum()),
    }


def unexplained_statements(statements: pl.DataFrame) -> pl.DataFrame:
    """Statements neither converted nor carrying a warning that says why."""
    return statements.filter((pl.col("status") != "converted") & (pl.col("warnings").list.len() == 0))


def unexplained_summary(unexplained: pl.DataFrame) -> str:
    """The check's cause, first: which statements of which files."""
    if not unexplained.height:
        return "every statement converted or explained"
    where = ", ".join(f"{r['source_file']} statement {r['statement_index']} ({r['status']})"
                      for r in unexplained.iter_rows(named=True))
    return f"{unexplained.height} statement{'s' if unexplained.height != 1 else ''} neither converted nor explained: {where}"
