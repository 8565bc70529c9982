"""Templated names in DDL sources: ``${env}_db``, ``${self:service}-raw`` (Serverless), ``{{ db }}``
(Jinja/dbt), and the placeholders of DDL kept for a script to fill: ``$table_name`` (shell), ``{database}``
and ``{}`` (Python ``str.format``), ``@@TABLE_NAME@@``, ``<EMP_ID>`` and ``<<BUCKET>>`` (fill in by hand).
They are filled from the project's ``ddl_vars`` setting before a file is read; what stays unfilled in a
statement's code is reported, so no schema, table or source of a query is ever named after a placeholder."""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\$\{\s*([^}\s]+)\s*\}|\{\{\s*([^}]+?)\s*\}\}")
# Named script placeholders (group: the name) and the positional ``{}``.
SCRIPT_PLACEHOLDER = re.compile(r"\$(?!\{)([A-Za-z_]\w*)|\{([A-Za-z_][\w.]*)?\}|@@(\w+)@@|<<([A-Za-z_]\w*)>>"
                                r"|(?<!<)<([A-Za-z_]\w*)>(?!>)")
_TYPE_WORDS = frozenset("array map struct uniontype string int integer bigint smallint tinyint double float boolean "
                        "date timestamp binary decimal varchar char".split())


def _name(m: re.Match) -> str | None:
    return next((g for g in m.groups() if g), None)


def _script_placeholder(m: re.Match, text: str) -> bool:
    """Whether ``m`` is a placeholder and not a type argument (``array<string>``) or a regex quantifier."""
    if m.group(0).startswith("<") and not m.group(0).startswith("<<"):
        before = re.search(r"(\w*)\s*$", text[:m.start()]).group(1).lower()
        return before not in _TYPE_WORDS and m.group(5).lower() not in _TYPE_WORDS
    return True


def substitute(text: str, variables: Mapping[str, str]) -> str:
    """``text`` with every placeholder whose name is in ``variables`` replaced by its value."""
    if not variables:
        return text

    def fill(m: re.Match) -> str:
        name = _name(m)
        return str(variables[name]) if name in variables else m.group(0)

    return SCRIPT_PLACEHOLDER.sub(fill, PLACEHOLDER.sub(fill, text))


def _balanced(text: str, start: int) -> int:
    """The end of the ``${...}`` that starts at ``start``, nested braces included (``${f("${x}")}``)."""
    depth, i = 0, start
    while i < len(text):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
        i += 1
    return len(text)


def placeholders(text: str | None) -> list[str]:
    """The ``${...}``/``{{...}}`` placeholders left in ``text`` (as written, a nested one whole), in order,
    without repeats."""
    text = text or ""
    found = []
    for m in PLACEHOLDER.finditer(text):
        if not found or m.start() >= found[-1][1]:
            end = _balanced(text, m.start() + 1) if m.group(0).startswith("${") else m.end()
            found.append((text[m.start():end], end))
    return list(dict.fromkeys(token for token, _ in found))


def _code_parts(text: str):
    """The code of a statement in parts: bare code and backticked names. Comments and quoted text are left
    out: ``'...'`` is a string, and ``"..."`` a string in Hive and a name in Athena (``"$path"``, a pseudo-column),
    where a placeholder in a folder is kept as written (``LOCATION "s3://${bucket}/t"``)."""
    i, n, start = 0, len(text), 0
    while i < n:
        ch = text[i]
        if text.startswith("--", i) or text.startswith("/*", i) or ch in "'`\"":
            yield text[start:i]
            if ch == "-":
                end = text.find("\n", i)
            elif ch == "/":
                end = text.find("*/", i + 2) + 1 if text.find("*/", i + 2) >= 0 else -1
            else:
                end = i + 1
                while end < n and text[end] != ch:
                    end += 2 if text[end] == "\\" and ch != "`" else 1
                if ch == "`":
                    yield text[i + 1:end]
            i = start = (n if end < 0 else end + 1)
            continue
        i += 1
    yield text[start:]


def code_placeholders(text: str) -> list[str]:
    """Every placeholder in the code of a statement (not in its comments or string literals), as written."""
    found: list[str] = []
    for part in _code_parts(text):
        tokens = placeholders(part)
        found += tokens
        rest = part
        for token in tokens:
            rest = rest.replace(token, " ")
        found += [m.group(0) for m in SCRIPT_PLACEHOLDER.finditer(rest)
                  if _script_placeholder(m, rest)]
    return list(dict.fromkeys(found))


def unresolved_message(found: list[str]) -> str:
    first = PLACEHOLDER.match(found[0]) or SCRIPT_PLACEHOLDER.match(found[0])
    name = _name(first) if first else None
    inner = found[0][2:-1].strip() if found[0].startswith("${") else None
    if inner is not None and not re.fullmatch(r"[\w.:-]+", inner):
        return (f"templated name {', '.join(found)} is not resolved: it is an expression (function calls, files "
                "read at apply time) g2l does not evaluate; give the table's names as literals or variables")
    if name is None:
        return (f"templated name {', '.join(found)} is not resolved: a positional placeholder has no name the "
                "project's ddl_vars could fill; keep the DDL the script renders in the repository instead")
    if re.fullmatch(r"aws_\w+\.[\w-]+(\[[^\]]*\])?\.\w+", name):  # Terraform: another resource's attribute
        return (f"templated name {', '.join(found)} is not resolved: it is an attribute of Terraform resource "
                f"{name.rsplit('.', 1)[0]}, which is not in this file (each Terraform file is read on its own): "
                "define the table in the file of that resource, or name the value with a variable and give it "
                "under the project's ddl_vars setting")
    name = name[len("var."):] if name.startswith("var.") else name  # Terraform variables go by their own name
    return (f"templated name {', '.join(found)} is not resolved: give its value under the project's ddl_vars "
            f"setting (ddl_vars: {{{name}: ...}})")
