"""Jupyter notebooks (``.ipynb``, nbformat 4) as Glue sources: their code cells are one Python module.

Glue interactive sessions and Glue Studio notebooks split a job over cells (the GlueContext built in one,
used in the next) and steer the session with magics (``%glue_version``, ``%%configure``, ``%%sql``).
``notebook_script`` is the module every stage reads: each code cell after a marker line naming it, its
line magics turned into comments, a cell-magic cell (``%%sql``) reduced to its marker. The inventory
parses it, conversion converts it and splits it back at the markers, and residue checks read it, so a
notebook's line numbers are those of this script (its code cells in order, one marker line before each).

Only ``json`` is used: nbformat is not a dependency, and a notebook is a plain JSON document.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize

NOTEBOOK_SUFFIX = ".ipynb"
SOURCE_SUFFIXES = (".py", NOTEBOOK_SUFFIX)  # what the Glue side inventories and converts as code
DATABRICKS_LANGUAGES = frozenset({"sql", "md", "sh", "scala", "r", "fs"})  # a cell opening with %sql is SQL
CHECKPOINTS = ".ipynb_checkpoints"  # Jupyter's autosaved copies: never sources
CELL_MARK = "# g2l-notebook-cell {}"
MAGIC_MARK = "# g2l-notebook-magic: "
_CELL_MARK = re.compile(r"^# g2l-notebook-cell (\d+)$")


class NotebookError(ValueError):
    """``PATH: not a valid notebook (reason)``: the file is not nbformat 4 JSON."""


def is_notebook(path: str) -> bool:
    return path.endswith(NOTEBOOK_SUFFIX)


def is_code_source(path: str) -> bool:
    """A file the Glue side treats as code: a Python module or a notebook."""
    return path.endswith(SOURCE_SUFFIXES)


def read_notebook(source: str | bytes, path: str) -> dict:
    """The notebook's JSON document, checked for what g2l reads: nbformat 4, a list of cells, each with a
    ``cell_type`` and its ``source`` as text or a list of lines."""
    try:
        doc = json.loads(source)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotebookError(f"{path}: not a valid notebook (not JSON: {exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cells"), list):
        raise NotebookError(f"{path}: not a valid notebook (no list of cells)")
    if doc.get("nbformat") != 4:
        raise NotebookError(f"{path}: not a valid notebook (nbformat {doc.get('nbformat')!r}, g2l reads 4)")
    for i, cell in enumerate(doc["cells"]):
        source_ok = isinstance(cell, dict) and (
            isinstance(cell.get("source"), str)
            or isinstance(cell.get("source"), list) and all(isinstance(s, str) for s in cell["source"]))
        if not source_ok or not isinstance(cell.get("cell_type"), str):
            raise NotebookError(f"{path}: not a valid notebook (cell {i + 1} has no cell_type or source)")
    language = _language(doc)
    if language not in ("python", ""):
        raise NotebookError(f"{path}: not a Python notebook (kernel language {language!r})")
    return doc


def _language(doc: dict) -> str:
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    kernel = meta.get("kernelspec") if isinstance(meta.get("kernelspec"), dict) else {}
    language = kernel.get("language") or ""
    if not language and isinstance(meta.get("language_info"), dict):
        language = meta["language_info"].get("name") or ""
    language = str(language).lower()
    # The Glue PySpark kernel reports its language as "Python_Glue_Session"; the Scala one as "scala".
    return "python" if language.startswith("python") else language


def cell_text(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def cell_magic(text: str) -> str | None:
    """The cell magic a cell starts with (``sql`` for a Glue ``%%sql`` cell or a Databricks ``%sql`` cell,
    whose language is not Python), else None."""
    first = text.lstrip("\n").split("\n", 1)[0].strip()
    if first.startswith("%%") and len(first) > 2:
        return first[2:].split(maxsplit=1)[0]
    name = first[1:].split(maxsplit=1)[0] if first.startswith("%") and len(first) > 1 else None
    return name if name in DATABRICKS_LANGUAGES else None


def is_magic_line(line: str) -> bool:
    """A line magic or shell escape at the start of a line (``%worker_type G.1X``, ``!pip install x``)."""
    return line.startswith(("%", "!"))


def notebook_script(doc: dict) -> str:
    """The code cells as one module (see the module docstring)."""
    parts = []
    for i, cell in enumerate(doc["cells"]):
        if cell["cell_type"] != "code":
            continue
        parts.append(CELL_MARK.format(i) + "\n")
        text = cell_text(cell)
        if cell_magic(text) is not None:
            continue
        body = _magics_commented(text)
        parts.append(body if body.endswith("\n") or not body else body + "\n")
    return "".join(parts)


def _magics_commented(text: str) -> str:
    """The cell with each line magic turned into a ``MAGIC_MARK`` comment; a line starting with ``%`` inside
    a multi-line string is the string's text (as IPython reads it), and stays."""
    lines = text.split("\n")
    magic = {i for i, line in enumerate(lines) if is_magic_line(line)}
    if not magic:
        return text
    marked = [MAGIC_MARK + line if i in magic else line for i, line in enumerate(lines)]
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(marked) + "\n").readline):
            if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                magic -= set(range(tok.start[0], tok.end[0]))  # rows after the first, 0-based
    except (tokenize.TokenError, SyntaxError):
        pass  # not valid Python either way: the parser names the line
    return "\n".join(MAGIC_MARK + line if i in magic else line for i, line in enumerate(lines))


def marker_cell(line: str) -> int | None:
    """The cell index a ``CELL_MARK`` line names, else None."""
    found = _CELL_MARK.match(line.rstrip("\r\n"))
    return int(found.group(1)) if found else None


def split_script(script: str) -> dict[int, str]:
    """Cell index -> its text in a (converted) ``notebook_script``; lines ahead of the first marker (an
    import a rule put at the top) belong to the first cell."""
    cells: dict[int, list[str]] = {}
    lead: list[str] = []
    current = lead
    for line in script.splitlines(keepends=True):
        index = marker_cell(line)
        if index is not None:
            current = cells.setdefault(index, [])
            if lead:
                current.extend(lead)
                lead = []
            continue
        current.append(line)
    return {i: "".join(lines) for i, lines in cells.items()}


def python_of(path: str, text: str) -> str:
    """The Python a code file holds: the text of a module (``script_of`` for one with magics), the
    ``notebook_script`` of a notebook."""
    if is_notebook(path):
        return notebook_script(read_notebook(text, path))
    script = script_of(text)
    return text if script is None else script


def script_of(source: str | bytes) -> str | None:
    """A ``.py`` file that is an interactive-session notebook saved as a script (``%glue_version 5.0`` and
    ``%connections x`` lines above the job) as the module its Python makes, magics as ``MAGIC_MARK``
    comments (as ``notebook_script`` has them); None for a file without magics or that is valid Python as it
    is (a ``%`` starting a continued line of an expression)."""
    head = source[:1] if isinstance(source, str) else source[:1].decode("latin-1")
    text_marks = ("\n%", "\n!") if isinstance(source, str) else (b"\n%", b"\n!")
    if head not in ("%", "!") and not any(mark in source for mark in text_marks):
        return None
    from g2l_core.pytree import SourceDecodeError, decode_source

    try:
        text, _ = decode_source(source)
    except SourceDecodeError:
        return None  # the reader of the file names the undecodable byte
    try:
        compile(text, "<script>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        return None
    except (SyntaxError, ValueError):
        pass
    script = _magics_commented(text)
    return script if script != text else None
