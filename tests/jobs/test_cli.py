"""``g2l jobs SRC OUT`` outside Dagster."""

import json
import shutil

import yaml

from g2l_dagster.cli import main
from tests.jobs.conftest import FIXTURES, REPO_FILES


def _src(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(FIXTURES / "tf", src / "infra")
    for path in REPO_FILES:
        if path.endswith(".py"):
            (src / path).parent.mkdir(parents=True, exist_ok=True)
            (src / path).write_text("print('job')\n")
    return src


def test_jobs_cli_writes_bundle_and_report(tmp_path, capsys):
    src, out = _src(tmp_path), tmp_path / "out"
    assert main(["jobs", str(src), str(out), "--parameter", "artifact_bucket=claims-artifacts", "--name", "claims"]) == 0
    assert "claims-nightly: generated, schedule 0 30 2 ? * MON-FRI" in capsys.readouterr().out
    assert yaml.safe_load((out / "databricks.yml").read_text())["bundle"]["name"] == "claims"
    report = json.loads((out / "g2l_jobs_report.json").read_text())
    assert report["definition_files"] == ["infra/main.tf", "infra/variables.tf"] and report["problems"] == []
    assert "glue/jobs/ingest_claims.py" in report["scripts_not_in_out"]


def test_jobs_cli_reports_unresolved_variable_and_bad_file(tmp_path, capsys):
    src, out = _src(tmp_path), tmp_path / "out"
    assert main(["jobs", str(src), str(out)]) == 0
    assert "${var.artifact_bucket}: variable without a default" in capsys.readouterr().out
    (src / "infra" / "broken.tf").write_text('resource "aws_glue_job" "x" {\n  name = \n}\n')
    assert main(["jobs", str(src), str(out)]) == 2
    assert capsys.readouterr().err.startswith("g2l jobs: error: infra/broken.tf: line")


def test_jobs_cli_builds_a_glue_library_found_in_src_from_its_converted_copy(tmp_path):
    src, out = _src(tmp_path), tmp_path / "out"
    (src / "lib" / "claims_common").mkdir(parents=True)
    (src / "lib" / "claims_common" / "__init__.py").write_text("")
    assert main(["jobs", str(src), str(out), "--parameter", "artifact_bucket=claims-artifacts"]) == 0
    report = json.loads((out / "g2l_jobs_report.json").read_text())
    assert [j["artifacts"] for j in report["jobs"]] == [["claims_common"]]
    assert yaml.safe_load((out / "databricks.yml").read_text())["artifacts"]["claims_common"]["path"] == \
        ".g2l/wheels/claims_common"
    assert 'where = ["../../../lib"]' in (out / ".g2l/wheels/claims_common/pyproject.toml").read_text()
    assert "claims_common.zip" not in (out / "resources/claims_nightly.job.yml").read_text()


def test_jobs_cli_finds_a_cdk_app_by_its_cdk_json(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(FIXTURES / "cdk", src)
    for path in REPO_FILES:
        if path.endswith(".py"):
            (src / path).parent.mkdir(parents=True, exist_ok=True)
            (src / path).write_text("print('job')\n")
    assert main(["jobs", str(src), str(out), "--name", "claims"]) == 0
    assert "claims-nightly: generated, schedule 0 30 2 ? * MON-FRI" in capsys.readouterr().out
    report = json.loads((out / "g2l_jobs_report.json").read_text())
    assert report["definition_files"] == ["cdk.json"] and report["problems"] == []
