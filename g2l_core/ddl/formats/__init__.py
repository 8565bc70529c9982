"""The DDL formats g2l reads, one module each. A format module defines ``FORMAT`` (a ``DdlFormat``:
suffixes, loader, content sniff, reader); this package finds them by itself, so adding a format is
its module and its test. ``sources.read_source`` dispatches a file to the first format that takes it."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .base import DdlFormat


@cache
def registered() -> tuple[DdlFormat, ...]:
    """Every ``FORMAT`` of this package's modules, in ``order``."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if isinstance(fmt, DdlFormat):
            found.append(fmt)
    return tuple(sorted(found, key=lambda f: (f.order, f.name)))


def for_path(path: str) -> list[DdlFormat]:
    """The formats that read files named like ``path`` (by suffix), in the order they are asked."""
    lower = path.lower()
    return [f for f in registered() if lower.endswith(f.suffixes)]


def suffixes() -> tuple[str, ...]:
    """Every suffix some format reads (the inventory and folder walks select files by these)."""
    return tuple(sorted({s for f in registered() for s in f.suffixes}))


__all__ = ["DdlFormat", "for_path", "registered", "suffixes"]
