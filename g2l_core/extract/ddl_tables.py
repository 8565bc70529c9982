"""``table`` entities from every DDL source the DDL stage reads (DDL text, Glue get-table(s) JSON,
CloudFormation templates), read through the same format registry (``g2l_core.ddl.sources``), so a table
is an inventory entity whatever file defines it.

Each statement is parsed on its own, so a statement that cannot be read costs only that statement; such
failures become the file's ``module`` row ``parse_error``, naming the line. A JSON/YAML file that is no
DDL source (package.json, a job config) has no rows at all.
"""

from __future__ import annotations

import hashlib
import re

from g2l_core.ddl.sources import SourceStatement, read_source
from g2l_core.extract.python_source import S3_PREFIXES
from g2l_core.extract.rows import module_name_for, new_row

_LEADING_COMMENTS = re.compile(r"\A(?:\s*(?:--[^\n]*|/\*.*?\*/))*\s*", re.DOTALL)


def _code_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("--"))


def _table_row(st: SourceStatement, base: dict) -> dict:
    gt = st.table
    # DDL text keeps its own wording; catalog entries are described by the statement they stand for.
    sql = _LEADING_COMMENTS.sub("", st.text, count=1) if st.line and st.end_line else st.expression.sql("hive")
    line_start = st.line or 1
    location = gt.location
    return new_row(
        **base, entity_type="table", name=gt.name.lower(), full_path=gt.qualified_name.lower(),
        line_start=line_start, line_end=st.end_line or line_start,
        definition=" ".join(sql.split("(", 1)[0].split()),
        docstring=gt.comment,
        lines_of_code=_code_lines(sql),
        content_hash=hashlib.sha256(sql.encode()).hexdigest(),
        s3_paths=[location] if location and location.startswith(S3_PREFIXES) else [],
    )


def _reported(st: SourceStatement) -> bool:
    """Errors the inventory reports: table definitions and files that do not load (not queries it never reads)."""
    return not st.text or _LEADING_COMMENTS.sub("", st.text, count=1)[:6].upper() == "CREATE" or st.line is None


def extract_ddl_tables(text: str, *, project: str, file_path: str, source_type: str = "glue") -> list[dict]:
    """A ``module`` row for the file, then one ``table`` row per table it defines."""
    statements = read_source(file_path, text)
    if not statements or all(st.skipped for st in statements):
        return []
    module = module_name_for(file_path)
    base = dict(project=project, source_type=source_type, file_path=file_path, imports=[], calls=[],
                catalog_refs=[], glue_api_calls="{}")
    errors = [f"line {st.error_line or st.line or 1}: {st.error}" for st in statements if st.error and _reported(st)]
    rows = [_table_row(st, base) for st in statements
            if st.table is not None and st.table.kind == "table" and not st.error and st.expression is not None]
    # The file itself is a ``module`` row too: it carries parse errors, and a file with no table still has a
    # row recording its blob, so an unchanged file is not parsed again.
    rows.insert(0, new_row(
        **base, entity_type="module", name=module.rsplit(".", 1)[-1], full_path=module, module_name=module,
        line_start=1, line_end=len(text.splitlines()), lines_of_code=_code_lines(text),
        content_hash=hashlib.sha256(text.encode()).hexdigest(), parse_error="; ".join(errors) or None,
        s3_paths=sorted({p for r in rows for p in r["s3_paths"]}), uses_glue_context=False, uses_dynamic_frame=False,
    ))
    return rows
