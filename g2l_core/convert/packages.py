"""Folders of a converted tree that Python imports as packages though they hold no ``__init__.py``.

The helper module goes to the folder on ``sys.path`` when a converted module is imported (``helper_dir``).
A namespace package (no ``__init__.py``) is a package all the same when the tree's code imports it by a
dotted name (``from metamorph.glue import build_glue`` next to ``metamorph/glue.py``) or a module in it
imports relatively (``from .shared import transformations``): the helper must then sit above it, or
``import metamorph.glue`` fails on ``import g2l_helpers``. Imports are read from the text: a statement
inside a string can only add a folder that is a package anyway by its layout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import\b", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)",
                     re.M)


def package_folders(sources: Mapping[str, str | bytes]) -> frozenset[str]:
    """Relative folders (posix, as in ``sources``' keys) that are imported as packages."""
    folders = {str(parent) for path in sources for parent in PurePosixPath(path).parents if str(parent) != "."}
    modules = {str(PurePosixPath(path).with_suffix("")) for path in sources if path.endswith(".py")}
    by_last: dict[str, list[str]] = {}
    for entry in folders | modules:
        by_last.setdefault(PurePosixPath(entry).name, []).append(entry)
    packages: set[str] = set()
    for path, source in sources.items():
        if not path.endswith(".py"):
            continue
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        if "import" not in text:
            continue
        folder = PurePosixPath(path).parent
        dotted: list[str] = []
        for dots, module in _FROM.findall(text):
            if dots:
                up = folder
                for _ in range(len(dots)):
                    if str(up) == ".":
                        break
                    packages.add(str(up))
                    up = up.parent
            elif "." in module:
                dotted.append(module)
        for names in _IMPORT.findall(text):
            dotted.extend(n.split()[0] for n in names.split(",") if "." in n.split()[0])
        for module in dotted:
            parts = module.split(".")
            suffix = "/".join(parts)
            for entry in by_last.get(parts[-1], ()):
                if entry == suffix or entry.endswith("/" + suffix):
                    top = PurePosixPath(entry)
                    for _ in parts[1:]:
                        top = top.parent
                        packages.add(str(top))
                    if entry in folders:
                        packages.add(entry)
    return frozenset(packages)
