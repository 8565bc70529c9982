"""Package exports resolved on first use (PEP 562).

A package whose ``__init__`` imported its submodules would be imported back by any submodule importing a
sibling through the package, an import cycle; and it would pay for every submodule (databricks-sdk alone
takes most of a second) where a worker needs one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving ``exports`` (name -> submodule of ``package``, or a dotted module)."""
    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = exports[name]
        return getattr(importlib.import_module(module if "." in module else f"{package}.{module}"), name)

    return __getattr__
