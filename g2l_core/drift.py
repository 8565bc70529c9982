"""Schema drift between the Glue side (DDL at the current Glue commit), the Unity Catalog side
(the applied table's actual schema) and, where known, the columns the converted code uses.

Severities:
- MISSING_TABLE, MISSING_COLUMN: critical -- writes carrying the Glue-side column (or the code's
  reads/writes of it) fail until the sync applies it.
- TYPE_MISMATCH: warning when the Glue type widens the UC type (int -> bigint, float -> double,
  decimal precision up; Delta type widening can apply it), critical when narrowing or incompatible.
- EXTRA_COLUMN, NULLABILITY, PARTITION_DIFF: warning. COMMENT_DIFF: info.

Both sides' types are compared after the same Hive -> Databricks mapping (``normalize_type``).
History is kept: drift absent now but open before is returned with ``resolved=True``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timezone

import polars as pl

from .ddl.model import TableResult, TableSchemaInfo

CRITICAL, WARNING, INFO = "critical", "warning", "info"

SCHEMA = {
    "drift_id": pl.String, "project": pl.String, "table": pl.String, "drift_type": pl.String,
    "severity": pl.String, "column": pl.String, "source_type": pl.String, "dest_type": pl.String,
    "details": pl.String, "detected_at": pl.Datetime("us", "UTC"), "resolved": pl.Boolean,
    "resolved_at": pl.Datetime("us", "UTC"),
}


IN_SYNC = "IN_SYNC"


def drift_id(project: str, table: str, drift_type: str, column: str | None) -> str:
    """Stable across runs, so the same drift is the same row from detection to resolution."""
    key = "\x1f".join([project, table.lower(), drift_type, (column or "").lower()])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _row(project, table, drift_type, severity, column=None, source_type=None, dest_type=None, details=""):
    return {"drift_id": drift_id(project, table, drift_type, column), "project": project, "table": table,
            "drift_type": drift_type, "severity": severity, "column": column, "source_type": source_type,
            "dest_type": dest_type, "details": details}


def _type_severity(glue_type: str, uc_type: str) -> tuple[str, str]:
    from .ddl.types import is_widening  # sqlglot: loaded when types are compared, not by importers

    if is_widening(uc_type, glue_type):
        return WARNING, f"widening: Glue side now {glue_type}, table has {uc_type}"
    return CRITICAL, f"narrowing or incompatible: Glue side {glue_type}, table has {uc_type}"


def compare_table(project: str, glue: TableResult, uc: TableSchemaInfo | None,
                  code_columns: set[str] | None = None, apply_error: str | None = None) -> list[dict]:
    """Open drift rows (without timestamps) for one table. ``apply_error``: why ``uc_ddl`` could not create
    it from this same Glue commit; then the missing table is that stage's failure, already reported there
    with its cause, not drift of the Glue side: a warning pointing to it."""
    from .ddl.types import normalize_type  # sqlglot: loaded when types are compared, not by importers

    table = glue.target_full_name
    if uc is None:
        where = f"defined in {glue.source_file} statement {glue.statement_index}, not in Unity Catalog"
        if apply_error:
            return [_row(project, table, "MISSING_TABLE", WARNING,
                         details=f"{where}: uc_ddl could not create it ({apply_error})")]
        return [_row(project, table, "MISSING_TABLE", CRITICAL, details=where)]
    rows = []
    uc_cols = {c.name.lower(): c for c in uc.columns}
    glue_cols = {c.name.lower(): c for c in glue.columns}
    code = {c.lower(): c for c in code_columns or ()}
    for key, g in glue_cols.items():
        u = uc_cols.get(key)
        if u is None:
            used = " (also used by the converted code)" if key in code else ""
            rows.append(_row(project, table, "MISSING_COLUMN", CRITICAL, g.name, normalize_type(g.type), None,
                             f"column in the Glue definition, not in the table{used}"))
            continue
        gt, ut = normalize_type(g.type), normalize_type(u.type)
        if gt.lower() != ut.lower():
            sev, why = _type_severity(gt, ut)
            rows.append(_row(project, table, "TYPE_MISMATCH", sev, g.name, gt, ut, why))
        if g.nullable != u.nullable:
            rows.append(_row(project, table, "NULLABILITY", WARNING, g.name, "NULL" if g.nullable else "NOT NULL",
                             "NULL" if u.nullable else "NOT NULL", "nullability differs"))
        if (g.comment or "") != (u.comment or ""):
            rows.append(_row(project, table, "COMMENT_DIFF", INFO, g.name, g.comment, u.comment, "column comment differs"))
    for key, u in uc_cols.items():
        if key not in glue_cols:
            rows.append(_row(project, table, "EXTRA_COLUMN", WARNING, u.name, None, normalize_type(u.type),
                             "column in the table, not in the Glue definition"))
    for key, name in code.items():
        if key not in glue_cols and key not in uc_cols:
            rows.append(_row(project, table, "MISSING_COLUMN", CRITICAL, name, None, None,
                             "read or written by the converted code, in neither the Glue definition nor the table"))
    want = [p.lower() for p in glue.partition_columns]
    have = [p.lower() for p in uc.partition_columns]
    if want != have:
        rows.append(_row(project, table, "PARTITION_DIFF", WARNING, None, ", ".join(glue.partition_columns),
                         ", ".join(uc.partition_columns), "partition columns differ"))
    return rows


def _defined_apart(rows: list[dict], definitions: list[TableResult]) -> list[dict]:
    """Drift of a table the Glue side defines more than once, differently (two DDL files, two templates):
    the Glue side contradicts itself, so which schema is right is the person's call, not drift to fail a run
    on. Critical rows become warnings naming every definition; the last one is the one compared."""
    shapes = {tuple((c.name.lower(), c.type.lower()) for c in d.columns) for d in definitions}
    if len(shapes) < 2:
        return rows
    where = ", ".join(f"{d.source_file} statement {d.statement_index}" for d in definitions)
    note = f"; the Glue side defines this table {len(definitions)} times, differently ({where}): compared with the last"
    return [{**row, "severity": WARNING if row["severity"] == CRITICAL else row["severity"],
             "details": (row["details"] or "") + note} for row in rows]


def _code_columns_for(code_columns: Mapping[str, set[str]] | None, r: TableResult) -> set[str] | None:
    if not code_columns:
        return None
    for key in (r.target_full_name, r.source_table):
        if key and key in code_columns:
            return code_columns[key]
        if key and key.lower() in code_columns:
            return code_columns[key.lower()]
    return None


def detect_drift(*, project: str, glue_tables: list[TableResult], uc_schemas: Mapping[str, TableSchemaInfo | None],
                 code_columns: Mapping[str, set[str]] | None, previous: pl.DataFrame | None,
                 now: datetime, apply_errors: Mapping[str, str] | None = None) -> pl.DataFrame:
    """The ``schema_drift`` table after this run.

    ``glue_tables``: converted DDL rows (error rows, views and schemas are ignored; for a table
    defined twice the later row wins). ``uc_schemas``: actual schema per target full name (None or
    absent = the table does not exist). ``code_columns``: columns the converted code reads/writes,
    keyed by target full name or Glue ``db.table``. ``previous``: the table from the last run.
    ``apply_errors``: lower-cased target full name -> why ``uc_ddl`` failed to create it (``compare_table``).
    Open drift keeps its first ``detected_at``; drift open before and absent now gets
    ``resolved=True, resolved_at=now``; a resolved drift that comes back is reopened with a new
    ``detected_at``. Every compared table without open drift gets one ``IN_SYNC`` row (resolved, info),
    so the table also records what was compared and found equal.
    """
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    tables: dict[str, TableResult] = {}
    definitions: dict[str, list[TableResult]] = {}
    for r in glue_tables:
        if r.is_table:
            tables[r.target_full_name.lower()] = r
            definitions.setdefault(r.target_full_name.lower(), []).append(r)
    uc_lower = {k.lower(): v for k, v in uc_schemas.items()}
    current: list[dict] = []
    for key, r in tables.items():
        rows = compare_table(project, r, uc_lower.get(key), _code_columns_for(code_columns, r),
                             (apply_errors or {}).get(key))
        current += _defined_apart(rows, definitions[key])
    
    prev_rows = {row["drift_id"]: row for row in previous.iter_rows(named=True)
                 if row["drift_type"] != IN_SYNC} if previous is not None and previous.height else {}
    out = []
    seen = set()
    for row in current:
        if row["drift_id"] in seen:
            continue
        seen.add(row["drift_id"])
        p = prev_rows.get(row["drift_id"])
        detected = p["detected_at"] if p is not None and not p["resolved"] else now
        out.append({**row, "detected_at": detected, "resolved": False, "resolved_at": None})
    for did, p in prev_rows.items():
        if did in seen:
            continue
        if p["resolved"]:
            out.append(p)
        else:
            out.append({**p, "resolved": True, "resolved_at": now})
    drifting = {row["table"].lower() for row in out if not row["resolved"]}
    for key, r in tables.items():
        if key not in drifting:
            out.append({
                "drift_id": drift_id(project, r.target_full_name, IN_SYNC, None), "project": project,
                "table": r.target_full_name, "drift_type": IN_SYNC, "severity": INFO, "column": None,
                "source_type": None, "dest_type": None,
                "details": f"Glue and Unity Catalog schemas match ({len(r.columns)} columns)",
                "detected_at": now, "resolved": True, "resolved_at": now,
            })
    df = pl.DataFrame(out, schema=SCHEMA) if out else pl.DataFrame(schema=SCHEMA)
    return df.sort(["resolved", "table", "drift_type", "column"], nulls_last=True)

