"""A Glue notebook (``.ipynb``) converted as one module, written back as a notebook.

The code cells go through the converter together (``notebook.notebook_script``), so a GlueContext built in
one cell and used in the next converts as in a ``.py`` job; the result is split back at the cell markers,
so each cell keeps its own text and comments and a line a rule inserts stays in its cell. Markdown and raw
cells are not touched.

Magics are not Python and not all of them mean anything on Databricks (``magics``): session settings
become comments, ``%%sql`` cells become Databricks ``%sql`` cells, magics g2l does not know are flagged.

Outputs of code cells are cleared when the notebook changes: they were produced by the Glue session
(session banners, Glue session ids, samples of Glue tables), do not describe the converted code, and would
otherwise make every later sync's three-way merge carry lines that no code produced. A notebook with
nothing to convert is returned byte for byte.
"""

from __future__ import annotations

import json

from g2l_core.convert.magics import Magics
from g2l_core.convert.model import ConversionResult
from g2l_core.notebook import (NotebookError, cell_magic, cell_text, marker_cell, notebook_script, read_notebook,
                               split_script)
from g2l_core.options import ConvertOptions

PYTHON_KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def convert_notebook(source: str | bytes, path: str, options: ConvertOptions, convert_script) -> ConversionResult:
    """``convert_script(text, path, options)`` converts the joined code cells (``driver._convert_source``)."""
    try:
        doc = read_notebook(source, path)
    except NotebookError as exc:
        return ConversionResult(path, None, [], set(), str(exc), False)
    script = notebook_script(doc)
    converted = convert_script(script, path, options)
    if converted.code is None:
        return converted
    magics = Magics(path, options, _marker_lines(script))
    texts = split_script(converted.code)
    carried = ""  # code a rule put into a cell-magic cell (an import at the top): it opens the next code cell
    new_cells = []
    for i, cell in enumerate(doc["cells"]):
        if cell["cell_type"] != "code":
            new_cells.append(cell)
            continue
        original = cell_text(cell)
        if cell_magic(original) is not None:
            text = magics.cell(i, original)
            carried += "".join(line for line in texts.get(i, "").splitlines(keepends=True) if line.strip())
        else:
            text = magics.lines(i, carried + texts.get(i, ""))
            carried = ""
            if not original.endswith("\n"):
                text = text.removesuffix("\n")
        new_cells.append(_with_source(cell, text) if text != original else cell)
    if carried:  # no code cell after it: the notebook ends with a magic cell
        new_cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                          "source": carried.splitlines(keepends=True)})
    kernel = _databricks_kernel(doc.get("metadata"))
    if all(a is b for a, b in zip(new_cells, doc["cells"])) and len(new_cells) == len(doc["cells"]) and kernel is None:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source
        return ConversionResult(path, text, [], set(), None, False)
    out = dict(doc, cells=[_cleared(c) if c["cell_type"] == "code" else c for c in new_cells])
    if kernel is not None:
        out["metadata"] = kernel
    session = magics.session()
    decisions = sorted([*converted.decisions, *magics.decisions], key=lambda d: d.line)
    return ConversionResult(path, _dumps(out, source), decisions, converted.helpers_used, None, True,
                            session=session)


def convert_saved_notebook(script: str, path: str, options: ConvertOptions, convert_script) -> ConversionResult:
    """A ``.py`` file holding magics (``notebook.script_of``): converted as a module, each magic then written
    as what it becomes on Databricks (a comment or a review note), so the result is a valid Python file."""
    converted = convert_script(script, path, options)
    if converted.code is None:
        return converted
    magics = Magics(path, options, {0: 0})
    code = magics.lines(0, converted.code)
    decisions = sorted([*converted.decisions, *magics.decisions], key=lambda d: d.line)
    return ConversionResult(path, code, decisions, converted.helpers_used, None, True, session=magics.session())


def _marker_lines(script: str) -> dict[int, int]:
    """Cell index -> the script line (1-based) of its marker."""
    marks = ((marker_cell(line), n) for n, line in enumerate(script.splitlines(), 1))
    return {index: n for index, n in marks if index is not None}


def _with_source(cell: dict, text: str) -> dict:
    lines = text.splitlines(keepends=True)
    return dict(cell, source=lines if isinstance(cell["source"], list) else text)


def _cleared(cell: dict) -> dict:
    return dict(cell, outputs=[], execution_count=None)


def _databricks_kernel(metadata) -> dict | None:
    """The metadata with a Glue kernel (``glue_pyspark``) replaced by plain Python, which Databricks and
    Jupyter both open; None when the kernel is not Glue's."""
    if not isinstance(metadata, dict) or not isinstance(metadata.get("kernelspec"), dict):
        return None
    if not str(metadata["kernelspec"].get("name", "")).startswith("glue"):
        return None
    out = dict(metadata, kernelspec=dict(PYTHON_KERNEL))
    if "language_info" in out:
        out["language_info"] = {"name": "python"}
    return out


def _dumps(doc: dict, source: str | bytes) -> str:
    """The notebook as JSON laid out as its source was (indent, trailing newline); keys keep their order,
    so the diff shows the cells that changed and nothing else."""
    text = source.decode("utf-8-sig", errors="replace") if isinstance(source, bytes) else source
    indent = None
    first = text.find("\n")
    if first >= 0:
        rest = text[first + 1:]
        indent = len(rest) - len(rest.lstrip(" ")) or None
    out = json.dumps(doc, indent=indent, ensure_ascii=False)
    return out + "\n" if text.endswith("\n") else out

