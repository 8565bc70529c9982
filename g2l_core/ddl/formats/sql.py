"""DDL text (``.sql``, ``.hql``, ``.ddl``): every statement parsed on its own, so one bad statement
spoils nothing else. Files are read in the project's dialect (Athena: Hive DDL, Trino views), ``.hql`` as
Hive unless the file bears Athena's marks: a table property only Athena knows (partition projection,
``storage.location.template``), or a view whose functions only Trino knows (``date_parse``,
``approx_distinct``): Athena users keep their DDL in ``.hql`` files too, and a Trino view read as Hive loses
its meaning (``'%Y-%m-%d'`` formats rewritten as Java patterns, backslashes in regular expressions dropped)."""

from __future__ import annotations

import re

from sqlglot import exp

from ..glue_model import SourceError, SourceStatement
from ..parse import parse_statement, split_statements, strip_dbproperties, table_from_create
from ..templates import code_placeholders, placeholders, unresolved_message
from .base import DdlFormat, load_text


_TARGET = re.compile(r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*CREATE\s+(?:OR\s+REPLACE\s+)?(?:EXTERNAL\s+|TEMPORARY\s+)?"
                     r"(?:TABLE|VIEW|DATABASE|SCHEMA)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+?)(?:\s|\(|$)",
                     re.IGNORECASE | re.DOTALL)


ATHENA_PROPERTIES = ("projection.", "storage.location.template")


def read_sql(path: str, doc: str, dialect: str, text: str = "") -> list[SourceStatement]:
    if not path.lower().endswith(".hql"):
        return _read(path, doc, dialect)
    as_hive = _read(path, doc, "hive")
    return _read(path, doc, dialect) if dialect != "hive" and _athena_marks(as_hive, dialect) else as_hive


def _athena_marks(statements: list[SourceStatement], dialect: str) -> bool:
    """Whether statements read as Hive show the file is Athena's (read in ``dialect``, the project's)."""
    for st in statements:
        if st.expression is None:
            continue
        if any(type(p) is exp.Property and p.name.startswith(ATHENA_PROPERTIES) for p in st.expression.find_all(exp.Property)):
            return True
        unknown = {f.name.lower() for f in st.expression.find_all(exp.Anonymous)}
        if not unknown:
            continue
        try:
            other = parse_statement(strip_dbproperties(st.text)[0], dialect)
        except (SourceError, RecursionError):
            continue
        if {f.name.lower() for f in other.find_all(exp.Anonymous)} < unknown:
            return True
    return False


_HASH_COMMENT = re.compile(r"^([ \t]*)#", re.MULTILINE)


def hash_comments(text: str) -> str:
    """Lines starting with ``#`` (MySQL and shell comments, headers of files meant to be pasted in a console)
    as ``--`` comments, which the parsers read; line numbers stay as they are."""
    return _HASH_COMMENT.sub(r"\1--", text) if "#" in text else text


def _read(path: str, text: str, dialect: str) -> list[SourceStatement]:
    out = []
    for index, (line, stmt_text) in enumerate(split_statements(hash_comments(text)), start=1):
        st = SourceStatement(file=path, index=index, line=line, text=stmt_text, dialect=dialect,
                             end_line=line + stmt_text.count("\n"))
        try:
            parse_text, removed = strip_dbproperties(stmt_text)
            if removed:
                st.warnings.append(f"dropped {removed} (not supported by Unity Catalog schemas)")
            named = _TARGET.match(stmt_text)
            found = code_placeholders(stmt_text) if named else []
            if found:  # the parser would read ${hiveconf:db}.t, $table or {db}.t as some other name
                raise SourceError(unresolved_message(found))
            st.expression = parse_statement(parse_text, dialect)
            if isinstance(st.expression, exp.Create):
                st.table = table_from_create(st.expression)
        except SourceError as e:
            found = code_placeholders(stmt_text) or placeholders(stmt_text)
            st.error = unresolved_message(found) if found else str(e)
            st.error_line = line + (e.line or 1) - 1
        except RecursionError:
            st.error = ("statement nested too deeply to parse (parentheses or subqueries beyond the parser's depth "
                        "limit): split it, e.g. move inner queries into views")
        out.append(st)
    return out


FORMAT = DdlFormat(name="DDL text", suffixes=(".sql", ".hql", ".ddl"), load=load_text,
                   accepts=lambda text: True, read=read_sql)
