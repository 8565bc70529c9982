"""DDL text (``.sql``, ``.hql``, ``.ddl``): every statement parsed on its own, so one bad statement
spoils nothing else. ``.hql`` is always read as Hive; the others in the project's dialect (Athena)."""

from __future__ import annotations

import re

from sqlglot import exp

from ..glue_model import SourceError, SourceStatement
from ..parse import parse_statement, split_statements, strip_dbproperties, table_from_create
from ..templates import placeholders, unresolved_message
from .base import DdlFormat, load_text


_TARGET = re.compile(r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*CREATE\s+(?:OR\s+REPLACE\s+)?(?:EXTERNAL\s+|TEMPORARY\s+)?"
                     r"(?:TABLE|VIEW|DATABASE|SCHEMA)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+?)(?:\s|\(|$)",
                     re.IGNORECASE | re.DOTALL)


def read_sql(path: str, doc: str, dialect: str, text: str = "") -> list[SourceStatement]:
    text = doc
    if path.lower().endswith(".hql"):
        dialect = "hive"
    out = []
    for index, (line, stmt_text) in enumerate(split_statements(text), start=1):
        st = SourceStatement(file=path, index=index, line=line, text=stmt_text, dialect=dialect,
                             end_line=line + stmt_text.count("\n"))
        try:
            parse_text, removed = strip_dbproperties(stmt_text)
            if removed:
                st.warnings.append(f"dropped {removed} (not supported by Unity Catalog schemas)")
            named = _TARGET.match(stmt_text)
            found = placeholders(named.group(1)) if named else []
            if found:  # the parser would read ${hiveconf:db}.t as some other name
                raise SourceError(unresolved_message(found))
            st.expression = parse_statement(parse_text, dialect)
            if isinstance(st.expression, exp.Create):
                st.table = table_from_create(st.expression)
        except SourceError as e:
            found = placeholders(stmt_text)
            st.error = unresolved_message(found) if found else str(e)
            st.error_line = line + (e.line or 1) - 1
        except RecursionError:
            st.error = ("statement nested too deeply to parse (parentheses or subqueries beyond the parser's depth "
                        "limit): split it, e.g. move inner queries into views")
        out.append(st)
    return out


FORMAT = DdlFormat(name="DDL text", suffixes=(".sql", ".hql", ".ddl"), load=load_text,
                   accepts=lambda text: True, read=read_sql)
