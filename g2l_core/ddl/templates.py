"""Templated names in DDL sources: ``${env}_db``, ``${self:service}-raw`` (Serverless), ``{{ db }}``
(Jinja/dbt). They are filled from the project's ``ddl_vars`` setting before a file is read; what stays
unfilled is reported, so no schema or folder is ever named after a placeholder."""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\$\{\s*([^}\s]+)\s*\}|\{\{\s*([^}]+?)\s*\}\}")


def substitute(text: str, variables: Mapping[str, str]) -> str:
    """``text`` with every placeholder whose name is in ``variables`` replaced by its value."""
    if not variables:
        return text

    def fill(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        return str(variables[name]) if name in variables else m.group(0)

    return PLACEHOLDER.sub(fill, text)


def placeholders(text: str | None) -> list[str]:
    """The placeholders left in ``text`` (as written), in order, without repeats."""
    return list(dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(text or "")))


def unresolved_message(found: list[str]) -> str:
    first = PLACEHOLDER.match(found[0])
    name = first.group(1) or first.group(2)
    return (f"templated name {', '.join(found)} is not resolved: give its value under the project's ddl_vars "
            f"setting (ddl_vars: {{{name}: ...}})")
