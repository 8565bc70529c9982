"""What a DDL format module declares: the file suffixes it reads, how a file is loaded, which loaded
documents it accepts (content sniff), and how it reads them into ``SourceStatement``s."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..glue_model import SourceError, SourceStatement

MAX_DOCUMENT_BYTES = 20_000_000


@dataclass(frozen=True)
class DdlFormat:
    name: str  # what the file is, for messages: "a Glue get-table/get-tables JSON export"
    suffixes: tuple[str, ...]
    load: Callable[[str, str], Any]  # (path, text) -> document; raises SourceError
    accepts: Callable[[Any], bool]
    read: Callable[[str, Any, str, str], list[SourceStatement]]  # (path, document, dialect, text)
    order: int = 50  # lower is asked first when several formats share a suffix
    takes_variables: bool = False  # read also takes ``variables=`` (the project's ddl_vars)
    takes_folder: bool = False  # read also takes ``folder=``: the other files of the file's folder (path -> text)


def load_text(path: str, text: str) -> str:
    return text


def load_json(path: str, text: str) -> Any:
    if len(text) > MAX_DOCUMENT_BYTES:
        raise SourceError(f"{path}: {len(text)} bytes is over the {MAX_DOCUMENT_BYTES}-byte limit for JSON input")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise SourceError(f"cannot load {path}: {e}", e.lineno) from None
    except RecursionError:
        raise SourceError(f"cannot load {path}: nested too deeply") from None


def line_of(text: str, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` (to point at a JSON/YAML entry), or None."""
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else None
