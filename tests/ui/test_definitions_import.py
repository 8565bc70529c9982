"""Loading the definitions (what the webserver, the daemon and every run worker do first) imports none of
the converters' or engines' libraries: a step loads what it uses, so a UI run starts as fast as Dagster."""

import subprocess
import sys

from tests.conftest import REPO_ROOT

HEAVY = ("libcst", "sqlglot", "pyspark", "pysail", "databricks")


def loaded_after(module: str) -> list[str]:
    code = f"import sys, {module}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_the_definitions_module_imports_no_converter_or_engine():
    assert loaded_after("g2l_dagster.definitions") == []


def test_the_check_sees_a_heavy_import():
    assert loaded_after("g2l_core.migrate_ddl") != []
