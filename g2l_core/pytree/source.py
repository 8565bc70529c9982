"""Source bytes to text the way CPython reads a module: a UTF-8 BOM, else a PEP 263 coding declaration
(``# -*- coding: latin-1 -*-`` on line 1 or 2), else UTF-8.

Extraction and conversion both decode here, so a file the inventory reads is a file the converter
converts. Converted code is always written as UTF-8 (``convert_source`` returns text, and every writer,
git included, stores UTF-8), so a declaration naming another encoding is dropped from the output
(``without_coding_line``); keeping it would make Python misread the UTF-8 bytes.
"""

from __future__ import annotations

import codecs
import io
import re
import tokenize

# PEP 263's own pattern, anchored to a comment line.
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


class SourceDecodeError(ValueError):
    """``line N: cannot decode source (reason)``; ``line``/``column`` point at the first bad byte (or the
    declaration naming an unknown encoding)."""

    def __init__(self, line: int, column: int, reason: str) -> None:
        super().__init__(f"line {line}: cannot decode source ({reason})")
        self.line, self.column, self.reason = line, column, reason


def decode_source(data: bytes | str) -> tuple[str, str]:
    """``(text, encoding)``; text is returned as is. Raises ``SourceDecodeError``."""
    if isinstance(data, str):
        return data, "utf-8"
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding), encoding
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise _decode_error(data, exc) from None


def _decode_error(data: bytes, exc: Exception) -> SourceDecodeError:
    start = getattr(exc, "start", None)
    if start is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as utf8_exc:
            start = utf8_exc.start
    start = start or 0
    line = data[:start].count(b"\n") + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    reason = getattr(exc, "reason", None) or getattr(exc, "msg", None) or str(exc)
    return SourceDecodeError(line, column, reason)


def without_coding_line(text: str) -> str:
    """``text`` minus a coding declaration on line 1 or 2 that names an encoding other than UTF-8."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines[:2]):
        match = _CODING.match(line)
        if match is None:
            if line.strip() and not line.lstrip().startswith("#"):
                break  # code on line 1: a line-2 comment is no declaration
            continue
        try:
            name = codecs.lookup(match.group(1)).name
        except LookupError:
            name = match.group(1)
        if name in ("utf-8", "utf-8-sig"):
            return text
        return "".join(lines[:i] + lines[i + 1:])
    return text
