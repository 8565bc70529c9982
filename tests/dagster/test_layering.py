"""The orchestration layer reaches the library only through its stage modules and its foundation."""

import ast
from pathlib import Path

import g2l_core
import g2l_dagster

FOUNDATION = {"g2l_core.config", "g2l_core.options", "g2l_core.home", "g2l_core.gitrepo", "g2l_core.markdown",
              "g2l_core.redact", "g2l_core.processes",
              "g2l_core.commands", "g2l_core.jobs.cron"}
STAGES = "g2l_core.stages"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, ``from g2l_core import x`` counted as ``g2l_core.x``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def allowed(module: str) -> bool:
    return module == STAGES or module.startswith(STAGES + ".") or module in FOUNDATION


def core_imports(package) -> dict[str, set[str]]:
    """Per file of ``package``: the ``g2l_core`` modules it imports (names that are not modules are skipped)."""
    root = Path(package.__file__).parent
    return {str(path.relative_to(root)): {m for m in imported_modules(path) if m.startswith("g2l_core.") and _is_module(m)}
            for path in sorted(root.rglob("*.py"))}


def _is_module(name: str) -> bool:
    parts = name.split(".")
    root = Path(g2l_core.__file__).parent.joinpath(*parts[1:])
    return root.with_suffix(".py").is_file() or (root / "__init__.py").is_file()


def test_g2l_dagster_imports_only_stage_and_foundation_modules():
    bad = {f: sorted(m for m in mods if not allowed(m)) for f, mods in core_imports(g2l_dagster).items()}
    assert {f: m for f, m in bad.items() if m} == {}


def test_the_walk_sees_imports_inside_functions(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from g2l_core.convert import convert_files\n    import g2l_core.ddl\n")
    found = {m for m in imported_modules(src) if _is_module(m)}
    assert found == {"g2l_core.convert", "g2l_core.ddl"}
    assert not any(allowed(m) for m in found)


def test_g2l_core_never_imports_dagster():
    root = Path(g2l_core.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if any(m == "dagster" or m.startswith(("dagster.", "dagster_")) for m in imported_modules(p))]
    assert offenders == []


def test_no_private_dagster_api():
    """``dagster._*`` modules change without notice between releases; g2l uses the public API only."""
    offenders = {str(p): sorted(m for m in imported_modules(p) if m.startswith("dagster._"))
                 for package in (g2l_core, g2l_dagster) for p in Path(package.__file__).parent.rglob("*.py")}
    assert {p: m for p, m in offenders.items() if m} == {}
