"""Static validation of converted code: each file parses, carries no unflagged Glue API, and reads and
writes only tables that exist on the Unity Catalog side."""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import glue_residue
from g2l_core.notebook import NotebookError, python_of
from g2l_core.validation.check import Check

_TABLE_CALLS = m.Call(
    func=m.Attribute(attr=m.Name("table") | m.Name("saveAsTable") | m.Name("insertInto")),
    args=[m.Arg(value=m.SimpleString()), m.ZeroOrMore()],
)



def table_references(module: cst.Module) -> set[str]:
    """Three-level names passed as string literals to ``spark.read.table``/``saveAsTable``/``insertInto``."""
    names = set()
    for call in m.findall(module, _TABLE_CALLS):
        value = call.args[0].value.evaluated_value
        if isinstance(value, str) and value.count(".") == 2:
            names.add(value)
    return names


def validate_code(path: str, text: str, known_tables: Collection[str]) -> list[Check]:
    try:
        text = python_of(path, text)
    except NotebookError as exc:
        return [Check("parses", False, "critical", f"converted notebook does not read: {exc}")]
    try:
        module = cst.parse_module(text)
        compile(text, path, "exec")
    except (cst.ParserSyntaxError, SyntaxError) as exc:
        line = getattr(exc, "raw_line", None) or getattr(exc, "lineno", "?")
        return [Check("parses", False, "critical", f"{path}:{line}: converted code does not parse: {exc}")]
    checks = [Check("parses", True, "info", "parses and compiles")]
    residue = glue_residue(text)
    checks.append(Check(
        "no_glue_residue", not residue, "critical",
        "; ".join(f"line {ln}: {snippet}" for ln, snippet in residue[:5]) or "no unflagged Glue API left",
    ))
    missing = sorted(t for t in table_references(module) if t not in known_tables)
    checks.append(Check(
        "tables_defined", not missing, "warning",
        f"tables not defined by uc_ddl: {', '.join(missing)}" if missing else "every referenced table is defined",
    ))
    return checks
