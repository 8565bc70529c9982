"""Read a DDL source file into ``SourceStatement``s: dispatch to the format module (``formats/``)
that reads files of its suffix and accepts its content. A file no format accepts is one skipped
statement saying what it is not (many repositories keep unrelated JSON/YAML next to their DDL); a
file that does not load is one error statement naming it."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import formats
from .glue_model import GlueColumn, GlueTable, SourceError, SourceStatement
from .parse import comment_and_nullable, parse_statement, split_statements
from .templates import substitute

MAX_SOURCE_CHARS = 20_000_000

__all__ = ["GlueColumn", "GlueTable", "SourceError", "SourceStatement", "comment_and_nullable", "is_ddl_source",
           "folder_files", "parse_statement", "read_source", "split_statements"]


def read_source(path: str, text: str, dialect: str = "athena",
                variables: Mapping[str, str] | None = None,
                folder: Mapping[str, str] | None = None) -> list[SourceStatement]:
    """``variables`` fill templated names (``${env}``, ``{{ db }}``) before the file is read; ``folder`` gives
    the other DDL files of the file's folder (path -> text) to the formats that read a folder as one unit
    (Terraform modules)."""
    candidates = formats.for_path(path)
    if candidates and len(text) > MAX_SOURCE_CHARS:
        return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect,
                                error=f"{path}: {len(text)} characters is over the {MAX_SOURCE_CHARS}-character limit "
                                      "for one DDL source; split the file")]
    text = substitute(text, variables or {})
    loaded: dict[Any, Any] = {}
    errors: list[SourceStatement] = []
    for fmt in candidates:
        try:
            if fmt.load not in loaded:
                loaded[fmt.load] = fmt.load(path, text)
        except SourceError as e:
            loaded[fmt.load] = e
        doc = loaded[fmt.load]
        if isinstance(doc, SourceError):
            if not errors:
                errors.append(SourceStatement(file=path, index=1, line=doc.line, text="", dialect=dialect,
                                              error=str(doc), error_line=doc.line))
            continue
        if fmt.accepts(doc):
            if fmt.takes_folder:
                return fmt.read(path, doc, dialect, text, variables=variables or {}, folder=folder or {})
            if fmt.takes_variables:
                return fmt.read(path, doc, dialect, text, variables=variables or {})
            return fmt.read(path, doc, dialect, text)
    if errors or not candidates:
        return errors
    return [SourceStatement(file=path, index=1, line=None, text="", dialect=dialect,
                            skipped="not " + " nor ".join(f.name for f in candidates))]


def folder_files(path: str, texts: Mapping[str, str]) -> dict[str, str]:
    """The files of ``texts`` (path -> text) in the folder of ``path``, itself left out."""
    folder = posixpath.dirname(path)
    return {p: t for p, t in texts.items() if p != path and posixpath.dirname(p) == folder}


def is_ddl_source(path: Path | str) -> bool:
    return str(path).lower().endswith(formats.suffixes())
