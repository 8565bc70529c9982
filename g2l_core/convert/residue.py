"""Find Glue API uses left in converted code that carry no review marker.

Token-based (not regex over text), so names inside strings and comments do not count. A logical line
is marked when it, or the comment block right above it, holds ``# g2l: review:``. The names are
``glue_api.RESIDUE`` (Glue names that are not ordinary words; method names only as attributes) and
``Class.apply`` of Glue transforms.
"""

from __future__ import annotations

import io
import tokenize

from g2l_core.convert.model import REVIEW_MARKER
from g2l_core.glue_api import APPLY_ONLY, ATTRIBUTE_ONLY, HELPER_MODULE, RESIDUE


def glue_residue(code: str, helper_module: str = HELPER_MODULE) -> list[tuple[int, str]]:
    """``(line, name)`` for each Glue API use not under a ``# g2l: review:`` marker.

    Calls through the helper module (``g2l_helpers.split_by_filter``) are converted code, not residue."""
    return [use for _, uses in unmarked_statements(code, helper_module) for use in uses]


def unmarked_statements(code: str, helper_module: str = HELPER_MODULE) -> list[tuple[int, list[tuple[int, str]]]]:
    """``(first line, uses)`` for each logical line holding Glue API uses and no review marker."""
    if not _may_hold_residue(code):
        return []
    return _token_residue(code, helper_module)


def mark_unconverted(code: str, helper_module: str = HELPER_MODULE) -> tuple[str, list[tuple[int, list[str]]]]:
    """``code`` with a review note above each statement still using Glue API that no rule converted, and
    ``(line in the result, names)`` of each note.

    The rules cannot know every shape of real code; what they leave must not pass silently (published,
    failing on Databricks at run time) nor hold the whole file back: it is flagged where it is, for a person."""
    found = unmarked_statements(code, helper_module)
    if not found or any(name.startswith("untokenizable") for _, uses in found for _, name in uses):
        return code, []
    lines = code.splitlines(keepends=True)
    notes: list[tuple[int, list[str]]] = []
    for offset, (line, uses) in enumerate(found):
        names = list(dict.fromkeys(name for _, name in uses))
        text = lines[line - 1 + offset]
        indent = text[:len(text) - len(text.lstrip(" \t"))]
        spelled = ", ".join(f"`{n}`" for n in names)
        lines.insert(line - 1 + offset, f"{indent}{REVIEW_MARKER} {spelled}: Glue API that no g2l rule converts "
                                         f"in this form; rewrite it for Databricks by hand\n")
        notes.append((line + offset, names))
    return "".join(lines), notes


def _may_hold_residue(code: str) -> bool:
    """False when no token can be a Glue name: none of them occurs in the text even as a substring
    (tokenizing costs a fifth of a parse, and most converted files hold no Glue name at all)."""
    return any(name in code for name in RESIDUE) or ("apply" in code and any(name in code for name in APPLY_ONLY))


def _token_residue(code: str, helper_module: str) -> list[tuple[int, list[tuple[int, str]]]]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        return [(0, [(getattr(exc, "lineno", 0) or 0, f"untokenizable: {exc}")])]
    found: list[tuple[int, list[tuple[int, str]]]] = []
    above = False  # a marker comment sits in the comment block right above the next statement
    statement: list[tokenize.TokenInfo] = []
    marked = False
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            is_marker = tok.string.startswith(REVIEW_MARKER)
            if statement:
                marked = marked or is_marker
            else:
                above = above or is_marker
            continue
        if tok.type in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            if tok.type == tokenize.NL and not statement and tok.line.strip() == "":
                above = False  # a blank line ends the comment block
            continue
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if statement and not (marked or above):
                uses = _glue_names(statement, helper_module)
                if uses:
                    found.append((statement[0].start[0], uses))
            statement, marked, above = [], False, False
            continue
        statement.append(tok)
    return found


def _glue_names(tokens: list[tokenize.TokenInfo], helper_module: str) -> list[tuple[int, str]]:
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME:
            continue
        before = [t.string for t in tokens[max(0, i - 2):i]]
        after = [t.string for t in tokens[i + 1:i + 3]]
        if before == [helper_module, "."]:
            continue
        if tok.string in ATTRIBUTE_ONLY and before[-1:] != ["."]:
            continue
        if tok.string in RESIDUE or (tok.string in APPLY_ONLY and after == [".", "apply"]):
            out.append((tok.start[0], tok.string))
    return out
