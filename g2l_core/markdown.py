"""Markdown tables for materialization metadata and reports: the one builder every stage uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def md_cell(value: object) -> str:
    """One table cell, kept whole: pipes escaped, line breaks as ``<br>`` so a long message stays readable."""
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def md_table(rows: Iterable[Mapping], columns: Sequence[str], limit: int = 50, empty: str = "none",
             headers: Sequence[str] | None = None) -> str:
    """``rows`` as a markdown table of ``columns`` (first ``limit`` rows); ``_empty_`` when there are none."""
    rows = list(rows)
    if not rows:
        return f"_{empty}_"
    lines = ["| " + " | ".join(headers or columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(md_cell(row.get(c)) for c in columns) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"\n_{len(rows) - limit} more rows in the table_")
    return "\n".join(lines)
