"""``table`` entities from DDL files (``CREATE [EXTERNAL] TABLE db.t``), parsed with sqlglot's Hive dialect.

Statements are split on the tokenizer's semicolons so each table keeps its own line range and a statement
sqlglot cannot parse costs only that statement; such failures become one ``module`` row with
``parse_error`` naming the line.
"""

from __future__ import annotations

import hashlib
import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import TokenType

from g2l_core.extract.python_source import S3_PREFIXES
from g2l_core.extract.rows import module_name_for, new_row

_HIVE = sqlglot.Dialect.get_or_raise("hive")
_LINE_IN_MESSAGE = re.compile(r"[Ll]ine[: ]+(\d+)")


def _code_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("--"))


def extract_ddl_tables(text: str, *, project: str, file_path: str, source_type: str = "glue") -> list[dict]:
    """A ``module`` row for the file, then one ``table`` row per CREATE TABLE statement."""
    module = module_name_for(file_path)
    base = dict(project=project, source_type=source_type, file_path=file_path, imports=[], calls=[],
                catalog_refs=[], glue_api_calls="{}")
    errors: list[str] = []
    rows: list[dict] = []
    try:
        tokens = _HIVE.tokenize(text)
    except TokenError as exc:
        match = _LINE_IN_MESSAGE.search(str(exc))
        errors.append(f"line {match.group(1) if match else 1}: {str(exc).splitlines()[0]}")
        tokens = []
    statements: list[list] = [[]]
    for tok in tokens:
        if tok.token_type == TokenType.SEMICOLON:
            statements.append([])
        else:
            statements[-1].append(tok)
    for stmt in statements:
        if not stmt or stmt[0].token_type != TokenType.CREATE:
            continue
        sql = text[stmt[0].start: stmt[-1].end + 1]
        first_line = stmt[0].line
        try:
            tree = sqlglot.parse_one(sql, read=_HIVE)
        except ParseError as exc:
            detail = exc.errors[0] if exc.errors else {}
            line = first_line + (detail.get("line") or 1) - 1
            errors.append(f"line {line}: {detail.get('description') or str(exc).splitlines()[0]}")
            continue
        if not isinstance(tree, exp.Create) or (tree.kind or "").upper() != "TABLE":
            continue
        table = tree.find(exp.Table)
        parts = [p for p in (table.catalog, table.db, table.name) if p]
        full = ".".join(parts).lower()
        comment = tree.find(exp.SchemaCommentProperty)
        location = tree.find(exp.LocationProperty)
        location_text = location.this.name if location is not None else None
        rows.append(new_row(
            **base, entity_type="table", name=table.name.lower(), full_path=full,
            line_start=first_line, line_end=stmt[-1].line,
            definition=" ".join(sql.split("(", 1)[0].split()),
            docstring=comment.this.name if comment is not None else None,
            lines_of_code=_code_lines(sql),
            content_hash=hashlib.sha256(sql.encode()).hexdigest(),
            s3_paths=[location_text] if location_text and location_text.startswith(S3_PREFIXES) else [],
        ))
    # The file itself is a ``module`` row too: it carries parse errors, and a file with no CREATE TABLE
    # still has a row recording its blob, so an unchanged file is not parsed again.
    rows.insert(0, new_row(
        **base, entity_type="module", name=module.rsplit(".", 1)[-1], full_path=module, module_name=module,
        line_start=1, line_end=len(text.splitlines()), lines_of_code=_code_lines(text),
        content_hash=hashlib.sha256(text.encode()).hexdigest(), parse_error="; ".join(errors) or None,
        s3_paths=sorted({p for r in rows for p in r["s3_paths"]}), uses_glue_context=False, uses_dynamic_frame=False,
    ))
    return rows
