"""The in-asset check of validation_results, driven by crafted converted_code/uc_ddl frames.

The verdicts of the other in-asset checks are tested on crafted frames in test_check_verdicts.py.
"""

import dagster as dg
import polars as pl

from g2l_dagster.assets.validation import VALIDATION_CHECK, validation_results
from g2l_dagster.resources import G2lPaths
from tests.automation.conftest import write_projects
from tests.conftest import make_git_repo

CODE = {"project": pl.String, "source_path": pl.String, "target_path": pl.String, "status": pl.String,
        "conflict": pl.String, "detail": pl.String, "error": pl.String, "glue_commit": pl.String,
        "sync_commit": pl.String}
TABLES = pl.DataFrame({"target_full_name": ["main.risk.trades"]})


def check_of(tmp_path, rows: list[dict]) -> dg.AssetCheckResult:
    home = tmp_path / "home"
    target = home / "workspace" / "p" / "target"  # published files are read from the sync commit
    sync_commit = make_git_repo(target, {"jobs/ok.py": 'df = spark.read.table("main.risk.trades")\n'})
    rows = [r | {"sync_commit": sync_commit} for r in rows]
    registry = write_projects(tmp_path / "projects.yaml", {"p": {"glue_url": str(tmp_path / "p")}})
    context = dg.build_asset_context(partition_key="p")
    outputs = list(validation_results(context, paths=G2lPaths(home=str(home), projects_file=str(registry)),
                                      converted_code=pl.DataFrame(rows, schema=CODE), uc_ddl=TABLES))
    [check] = [o for o in outputs if isinstance(o, dg.AssetCheckResult)]
    assert check.check_name == VALIDATION_CHECK
    return check


def row(path, status="converted", error=None):
    return {"project": "p", "source_path": path, "target_path": path, "status": status, "conflict": None,
            "detail": "", "error": error, "glue_commit": "c0ffee"}


def test_validation_check_passes_on_sound_code(tmp_path):
    assert check_of(tmp_path, [row("jobs/ok.py")]).passed


def test_validation_check_fails_on_a_failed_conversion(tmp_path):
    check = check_of(tmp_path, [row("jobs/ok.py"), row("jobs/bad.py", "failed", "ParserSyntaxError at line 3")])
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert "jobs/bad.py" in check.metadata["critical"].value
