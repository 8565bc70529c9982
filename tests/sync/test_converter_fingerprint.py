"""The fingerprint that decides whether unchanged Glue files are converted again covers every g2l_core
module the converter reads: a change to any of them re-converts, never leaves stale output."""

from __future__ import annotations

import ast
from pathlib import Path

import g2l_core
from g2l_core.migrate_code import converter_sources

ROOT = Path(g2l_core.__file__).parent


def _module_file(name: str) -> Path | None:
    path = ROOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else None


def _imported_modules(path: Path) -> set[Path]:
    """g2l_core modules ``path`` imports anywhere (inside functions too), named as modules, not packages."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        found.update(f for f in map(_module_file, names) if f is not None and f.is_relative_to(ROOT))
    return found


def converter_closure() -> set[Path]:
    todo = [p for p in (ROOT / "convert").rglob("*.py") if p.name != "cli.py"]  # the CLI shapes no output
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(_imported_modules(path))
    return seen


def test_every_module_the_converter_reads_is_in_the_fingerprint():
    sources = converter_sources()
    covered = {p for p in converter_closure() if any(p == s or s in p.parents for s in sources)}
    assert converter_closure() - covered == set()
    assert ROOT / "notebook.py" in covered and ROOT / "glue_api.py" in covered


def test_the_closure_follows_imports_inside_functions():
    assert ROOT / "jobs" / "compute.py" in converter_closure()  # magics imports it where it sizes a cluster
