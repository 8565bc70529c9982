"""What an applied table lacks or has differently from its converted DDL, shared by the local apply
and the workspace apply (they differ only in what they can change in place)."""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from .model import Column, TableResult
from .types import normalize_type


def table_comment(ddl: str) -> str | None:
    create = sqlglot.parse_one(ddl, read="databricks")
    props = create.args.get("properties")
    for p in props.expressions if props else []:
        if isinstance(p, exp.SchemaCommentProperty):
            return p.this.name
    return None


def missing_columns(r: TableResult, actual: list[Column]) -> list[Column]:
    """Columns the DDL declares that the table does not have (names compare case-insensitively)."""
    have = {c.name.lower() for c in actual}
    return [c for c in r.columns if c.name.lower() not in have]


def unapplied_differences(r: TableResult, actual: list[Column], partitions: list[str], where: str) -> list[str]:
    """Notes for what an additive apply leaves as it is: type changes, extra columns, partitioning."""
    by_name = {c.name.lower(): c for c in actual}
    out = []
    for c in r.columns:
        a = by_name.get(c.name.lower())
        if a is not None and normalize_type(a.type) != normalize_type(c.type):
            out.append(f"type of {c.name} is {a.type}, DDL says {c.type}: not changed {where} (rewrite needed)")
    declared = {c.name.lower() for c in r.columns}
    out += [f"column {c.name} exists but is not in the DDL: kept" for c in actual if c.name.lower() not in declared]
    if [p.lower() for p in r.partition_columns] != [p.lower() for p in partitions]:
        out.append(f"partitioning is {partitions}, DDL says {r.partition_columns}: not changed {where}")
    return out
