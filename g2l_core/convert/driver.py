"""Entry points: one file (pure), many files (processes), and the helper module's text."""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Collection, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool
from importlib import resources
from pathlib import PurePosixPath

import libcst as cst
from libcst.codemod import CodemodContext

from g2l_core.convert.canonical import canonical_imports
from g2l_core.convert.codegen import module_code
from g2l_core.convert.connectors.settings import with_catalog_settings, with_secret_settings
from g2l_core.convert.model import FLAGGED, ConversionResult, Decision
from g2l_core.convert.notebooks import convert_notebook, convert_saved_notebook
from g2l_core.notebook import is_notebook, script_of
from g2l_core.options import ConvertOptions
from g2l_core.convert.registry import rule_index
from g2l_core.convert.residue import mark_unconverted
from g2l_core.convert.state import Conversion
from g2l_core.convert.visitor import GlueToDatabricks
from g2l_core.pytree import SourceDecodeError, TooDeeplyNested, check_nesting, decode_source, without_coding_line


def convert_source(source: str | bytes, path: str, options: ConvertOptions | None = None) -> ConversionResult:
    """Convert one Glue module, or a notebook's code cells as one (``notebooks``). Never raises for bad
    input: unparseable files come back with ``error``.

    Bytes are decoded as Python would (BOM, PEP 263); the output is text written as UTF-8, so a coding
    declaration naming another encoding is dropped from it (see ``pytree.source``)."""
    with _gc_paused():
        if is_notebook(path):
            return convert_notebook(source, path, options or ConvertOptions(), _convert_source)
        script = script_of(source)
        if script is not None:
            return convert_saved_notebook(script, path, options or ConvertOptions(), _convert_source)
        return _convert_source(source, path, options or ConvertOptions())


@contextmanager
def _gc_paused():
    """The cycle collector off while one file converts: the file's tree and facts stay alive throughout
    and its new nodes are freed by reference counts, so collections in the middle find almost nothing
    yet walk everything alive (a quarter of the conversion time). The few cycles left are collected
    after, as usual."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _convert_source(source: str | bytes, path: str, options: ConvertOptions) -> ConversionResult:
    try:
        text, encoding = decode_source(source)
        check_nesting(text)
        module = cst.parse_module(text)
    except SourceDecodeError as exc:
        error = f"{path}:{exc.line}:{exc.column}: cannot decode source ({exc.reason})"
        return ConversionResult(path, None, [], set(), error, False)
    except TooDeeplyNested as exc:
        return ConversionResult(path, None, [], set(), f"{path}:{exc}".replace(":line ", ":", 1), False)
    except cst.ParserSyntaxError as exc:
        message = exc.message.splitlines()[0] if exc.message else "invalid syntax"
        error = f"{path}:{exc.editor_line}:{exc.editor_column}: not valid Python 3 ({message})"
        return ConversionResult(path, None, [], set(), error, False)
    except cst.CSTValidationError as exc:  # the parser accepted a name Python does not (e.g. newer Unicode)
        return ConversionResult(path, None, [], set(), f"{path}: not valid Python 3 ({exc})", False)
    try:
        module, canonical = canonical_imports(module, text)
        return _convert_module(module, canonical, encoding, path, options, text)
    except RecursionError as exc:
        return ConversionResult(path, None, [], set(), f"{path}: too deeply nested to convert ({exc})", False)
    except Exception as exc:  # noqa: BLE001 - one file's converter fault is that file's error, never the run's
        error = f"{path}: g2l could not convert this file ({type(exc).__name__}: {exc}); please report it"
        return ConversionResult(path, None, [], set(), error, False)


UNCONVERTED = "Unconverted"  # the rule named by decisions for Glue API uses no rule converted


def _convert_module(module: cst.Module, text: str, encoding: str, path: str, options: ConvertOptions,
                    source: str) -> ConversionResult:
    """``module`` parsed from ``text`` (``source`` with Glue names respelled, see ``canonical``)."""
    conversion = Conversion(module, path, options, rule_index())
    if not conversion.needs_transform:
        code = text if encoding in ("utf-8", "utf-8-sig") else without_coding_line(text)
        code, notes = mark_unconverted(code, options.helper_module)
        return ConversionResult(path, code, _unconverted_decisions(path, notes), set(), None, code != source)
    codemod = GlueToDatabricks(CodemodContext(filename=path), conversion)
    new_module = codemod.transform_module(module)
    code = module_code(new_module, module, text, conversion.facts) if new_module is not module else text
    if encoding not in ("utf-8", "utf-8-sig"):
        code = without_coding_line(code)
    code, notes = mark_unconverted(code, options.helper_module)
    decisions = sorted([*conversion.decisions, *_unconverted_decisions(path, notes)], key=lambda d: d.line)
    return ConversionResult(path, code, decisions, set(conversion.helpers), None, code != source)


def _unconverted_decisions(path: str, notes) -> list[Decision]:
    """The notes ``mark_unconverted`` wrote are found after conversion, so their lines are the converted file's
    (other decisions count the Glue file's lines): the message says which, so nobody looks in the wrong file."""
    return [Decision(path, line, name, FLAGGED, UNCONVERTED,
                     f"Glue API no rule converts in this form: left for review under the note on line {line} of the "
                     "converted file") for line, names in notes for name in names]


def _convert_item(item: tuple[str, str | bytes, ConvertOptions]) -> ConversionResult:
    path, source, options = item
    return convert_source(source, path, options)


def convert_files(
    files: Mapping[str, str | bytes], options: ConvertOptions | None = None, workers: int | None = None
) -> list[ConversionResult]:
    """Convert many modules, in ``workers`` processes when more than one (default: all cores)."""
    options = options or ConvertOptions()
    items = [(path, source, options) for path, source in sorted(files.items())]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = max(1, min(workers, len(items)))
    if workers == 1:
        return [_convert_item(item) for item in items]
    chunk = max(1, len(items) // (workers * 8))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_convert_item, items, chunksize=chunk))
    except BrokenProcessPool:
        # A worker died (the parser crashed the process): convert each file alone, so only the one
        # that kills its process is lost, with an error naming it.
        return [_isolated(item) for item in items]


def _isolated(item: tuple[str, str | bytes, ConvertOptions]) -> ConversionResult:
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_convert_item, item).result()
    except BrokenProcessPool:
        return ConversionResult(item[0], None, [], set(), f"{item[0]}: the converter crashed on this file", False)


def helper_dir(path: str, files: Collection[str], packages: Collection[str] = ()) -> str:
    """Folder (relative, "." for the top) where the helper module goes for the converted file ``path`` of a
    tree holding ``files``: the first folder up from it that is not a package, i.e. the folder Python puts
    on ``sys.path`` to import the file. ``import g2l_helpers`` is absolute, so inside a package it resolves
    from the top of the package, never beside the module. ``packages``: folders without ``__init__.py``
    the tree imports as packages (``package_folders``)."""
    folder = PurePosixPath(path).parent
    while str(folder) != "." and (str(folder / "__init__.py") in files or str(folder) in packages):
        folder = folder.parent
    return str(folder)


def helper_module_source(options: ConvertOptions | None = None) -> str:
    """Text of the helper module converted code imports (written next to it as ``<helper_module>.py``).

    The project's ``path_map`` is written into it, for paths that are only known at run time, and its
    secret scope and key pattern, for connection credentials."""
    options = options or ConvertOptions()
    text = resources.files("g2l_core.convert.helpers").joinpath("g2l_helpers.py").read_text(encoding="utf-8")
    text = with_catalog_settings(with_secret_settings(text, options), options)
    if not options.path_map:
        return text
    assert _PATH_MAP_LINE in text, "helper module lost its PATH_MAP line"
    entries = "".join(f"    {json.dumps(k)}: {json.dumps(v)},\n" for k, v in sorted(options.path_map.items()))
    return text.replace(_PATH_MAP_LINE, "PATH_MAP: dict[str, str] = {\n" + entries + "}\n", 1)


_PATH_MAP_LINE = "PATH_MAP: dict[str, str] = {}\n"
