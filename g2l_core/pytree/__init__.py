"""Python syntax trees as both extraction and conversion read them: source decoding (``source``), each
node type's fields in lexical order (``fields``), the one source-ordered walk with line counting
(``walk``) and dotted names (``names``). Names are resolved on first use (PEP 562), so the submodules'
imports of each other never lead back here."""

from __future__ import annotations

import importlib

_EXPORTS = {
    "FIELD_NAMES": "fields", "GETTERS": "fields", "field_names": "fields", "dotted_name": "names",
    "SourceDecodeError": "source", "TooDeeplyNested": "depth", "check_nesting": "depth", "decode_source": "source", "without_coding_line": "source", "Walker": "walk",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'g2l_core.pytree' has no attribute {name!r}")
    return getattr(importlib.import_module(f"g2l_core.pytree.{_EXPORTS[name]}"), name)
