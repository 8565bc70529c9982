"""Entry points: one file (pure), many files (processes), and the helper module's text."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from importlib import resources

import libcst as cst
from libcst.codemod import CodemodContext

from g2l_core.convert.connectors.settings import with_secret_settings
from g2l_core.convert.model import ConversionResult, ConvertOptions
from g2l_core.convert.transformer import Conversion, GlueToDatabricks


def _decode(source: str | bytes, path: str) -> str:
    if isinstance(source, str):
        return source
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = source[: exc.start].count(b"\n") + 1
        col = exc.start - (source.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _SourceError(f"{path}:{line}:{col}: not UTF-8 ({exc.reason})") from None


class _SourceError(Exception):
    pass


def convert_source(source: str | bytes, path: str, options: ConvertOptions | None = None) -> ConversionResult:
    """Convert one Glue module. Never raises for bad input: unparseable files come back with ``error``."""
    options = options or ConvertOptions()
    try:
        text = _decode(source, path)
        module = cst.parse_module(text)
    except _SourceError as exc:
        return ConversionResult(path, None, [], set(), str(exc), False)
    except cst.ParserSyntaxError as exc:
        message = exc.message.splitlines()[0] if exc.message else "invalid syntax"
        error = f"{path}:{exc.editor_line}:{exc.editor_column}: not valid Python 3 ({message})"
        return ConversionResult(path, None, [], set(), error, False)
    conversion = Conversion(module, path, options)
    if not conversion.needs_transform:
        return ConversionResult(path, text, [], set(), None, False)
    codemod = GlueToDatabricks(CodemodContext(filename=path), conversion)
    new_module = codemod.transform_module(module)
    code = new_module.code if new_module is not module else text
    decisions = sorted(conversion.decisions, key=lambda d: d.line)
    return ConversionResult(path, code, decisions, set(conversion.helpers), None, code != text)


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_convert_item, items, chunksize=chunk))


def helper_module_source(options: ConvertOptions | None = None) -> str:
    """Text of the helper module converted code imports (written next to it as ``<helper_module>.py``).

    The project's ``path_map`` is written into it, for paths that are only known at run time, and its
    secret scope and key pattern, for connection credentials."""
    options = options or ConvertOptions()
    text = resources.files("g2l_core.convert.helpers").joinpath("g2l_helpers.py").read_text(encoding="utf-8")
    text = with_secret_settings(text, options)
    if not options.path_map:
        return text
    assert _PATH_MAP_LINE in text, "helper module lost its PATH_MAP line"
    entries = "".join(f"    {json.dumps(k)}: {json.dumps(v)},\n" for k, v in sorted(options.path_map.items()))
    return text.replace(_PATH_MAP_LINE, "PATH_MAP: dict[str, str] = {\n" + entries + "}\n", 1)


_PATH_MAP_LINE = "PATH_MAP: dict[str, str] = {}\n"
