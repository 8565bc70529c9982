"""``g2l convert`` starts without what the other commands need (Dagster, Spark, sqlglot, the Databricks
bundle models, the Terraform parser, YAML): start-up is part of the conversion budget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("dagster", "pyspark", "sqlglot", "databricks", "hcl2", "yaml", "git", "polars", "pandas", "streamlit")

PROBE = """
import json, sys
from g2l_dagster.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_convert_imports_none_of_the_other_commands_workhorses(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "job.py").write_text("from awsglue.context import GlueContext\nctx = GlueContext(sc)\n")
    done = subprocess.run([sys.executable, "-c", PROBE, "convert", str(src), str(tmp_path / "out"), "--workers", "1"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    assert probe["code"] == 0
    assert "libcst" in probe["modules"]
    assert sorted(set(HEAVY) & set(probe["modules"])) == []
    assert (tmp_path / "out" / "job.py").read_text().startswith("from pyspark")  # it did convert


def test_help_still_lists_every_command():
    done = subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "--help"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    for command in ("run", "projects", "sync", "convert", "ddl", "jobs", "dashboard"):
        assert command in done.stdout
