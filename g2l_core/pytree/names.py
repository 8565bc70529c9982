"""Dotted names of ``Name``/``Attribute`` chains: imports, call targets, receivers."""

from __future__ import annotations

import libcst as cst


def dotted_name(node: cst.CSTNode | None, calls: bool = False) -> str:
    """``a.b.c`` for a ``Name``/``Attribute`` chain, "" for anything else (or None).

    With ``calls``, a call target's whole receiver chain is named: calls inside it show as ``()`` and any
    other receiver (a subscript, a literal) as ``?``, e.g. ``glueContext.create_dynamic_frame.from_catalog``
    or ``df.write.mode().saveAsTable``."""
    parts: list[str] = []
    while True:
        t = type(node)
        if t is cst.Attribute:
            parts.append(node.attr.value)  # type: ignore[union-attr]
            node = node.value  # type: ignore[union-attr]
        elif t is cst.Name:
            parts.append(node.value)  # type: ignore[union-attr]
            break
        elif calls and t is cst.Call:
            parts.append("()")
            node = node.func  # type: ignore[union-attr]
        elif calls:
            parts.append("?")
            break
        else:
            return ""
    out = ""
    for part in reversed(parts):
        if part == "()":
            out += "()"
        else:
            out = f"{out}.{part}" if out else part
    return out
