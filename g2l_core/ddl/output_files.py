"""The ``.sql`` file each converted statement becomes, for ``g2l ddl`` and the pipeline's ``uc_ddl/`` alike:
where it goes (``<schema>/<table>.sql``, ``<schema>/_schema.sql``) and what it says (provenance, warnings,
the DDL, the data-migration hint). Schema and table names come from input, so each is one encoded file
name (``options.path_part``): a name such as ``../x`` or ``/etc`` can never place a file outside its folder."""

from __future__ import annotations

from g2l_core.options import path_part

from .model import KIND_SCHEMA, STATUS_ERROR, TableResult


def relative_path(r: TableResult) -> str | None:
    """Where ``r``'s file goes under the DDL folder; None when ``r`` has nothing to write."""
    if not (r.ddl and r.target_full_name) or r.status == STATUS_ERROR:
        return None
    parts = r.target_parts or tuple(r.target_full_name.split("."))
    if r.table_kind == KIND_SCHEMA:
        return f"{path_part(parts[1])}/_schema.sql" if len(parts) == 2 else None
    if len(parts) != 3:
        return None
    return f"{path_part(parts[1])}/{path_part(parts[2])}.sql"


def render_file(r: TableResult, header: str = "") -> str:
    """The file's text: ``header`` lines, provenance, warnings, DDL, data-migration hint."""
    lines = [header.rstrip("\n")] if header else []
    lines.append(f"-- source: {r.source_file} statement {r.statement_index}"
                 + (f" ({r.source_table})" if r.source_table else ""))
    lines += [f"-- warning: {w}" for w in r.warnings]
    lines.append(r.ddl.rstrip().rstrip(";") + ";")
    if r.migration_hint and r.table_kind != KIND_SCHEMA:
        lines.append(f"-- data migration: {r.migration_hint}")
    return "\n".join(lines) + "\n"
