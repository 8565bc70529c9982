import subprocess
import sys

import pytest
import yaml

from g2l_core.dashboard.deploy import write_databricks_app
from g2l_dagster.cli import main as g2l
from tests.dagster.conftest import write_registry


def test_the_app_folder_is_complete_and_imports_on_its_own(tmp_path):
    bundle = tmp_path / "target"
    files = write_databricks_app(bundle, "main", "wh1")
    app = bundle / "apps" / "g2l_dashboard"
    assert {p.relative_to(bundle).as_posix() for p in files} == {
        "apps/g2l_dashboard/app.yaml", "apps/g2l_dashboard/app.py", "apps/g2l_dashboard/requirements.txt",
        "apps/g2l_dashboard/g2l_dashboard/__init__.py", "apps/g2l_dashboard/g2l_dashboard/data.py",
        "apps/g2l_dashboard/g2l_dashboard/readers.py", "apps/g2l_dashboard/g2l_dashboard/uc_types.py",
        "apps/g2l_dashboard/g2l_dashboard/page.py",
        "resources/g2l_dashboard.app.yml"}
    spec = yaml.safe_load((app / "app.yaml").read_text())
    assert spec["command"] == ["streamlit", "run", "app.py"]
    assert {e["name"]: e["value"] for e in spec["env"]} == {
        "G2L_STAGES_CATALOG": "main", "G2L_STAGES_SCHEMA": "g2l_stages", "DATABRICKS_WAREHOUSE_ID": "wh1",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    resource = yaml.safe_load((bundle / "resources" / "g2l_dashboard.app.yml").read_text())
    assert resource["resources"]["apps"]["g2l_dashboard"]["source_code_path"] == "../apps/g2l_dashboard"
    assert resource["resources"]["apps"]["g2l_dashboard"]["resources"] == [
        {"name": "sql-warehouse", "sql_warehouse": {"id": "wh1", "permission": "CAN_USE"}}]
    # no g2l on the path: the folder must carry everything the page imports
    probe = subprocess.run([sys.executable, "-c", "import g2l_dashboard.page, g2l_dashboard.readers, g2l_dashboard.uc_types; "
                            "import sys; print(any('g2l_core' in m for m in sys.modules))"],
                           cwd=app, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr[-2000:]
    assert probe.stdout.strip() == "False"


@pytest.mark.parametrize("kwargs,message", [
    ({"folder": "../outside"}, "must stay inside"),
    ({"folder": "/etc/app"}, "must stay inside"),
    ({"catalog": "main`; DROP"}, "catalog 'main`; DROP' is not a plain identifier"),
    ({"warehouse_id": "wh 1\nx"}, "is not a warehouse id")])
def test_bad_settings_are_refused(tmp_path, kwargs, message):
    args = {"catalog": "main", "warehouse_id": "wh1"} | kwargs
    with pytest.raises(ValueError, match=message):
        write_databricks_app(tmp_path / "target", **args)
    assert not (tmp_path / "outside").exists()


def test_cli_writes_the_app_for_a_databricks_project(tmp_path, capsys):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", databricks="https://dbc.example")
    assert g2l(["dashboard", "--write-app", str(tmp_path / "bundle"), "--projects-file", str(registry)]) == 0
    out = capsys.readouterr().out
    assert "wrote the dashboard app (9 files)" in out
    assert "it reads main.g2l_stages, which every run of risk_engine publishes" in out
    assert 'value: "wh1"' in (tmp_path / "bundle" / "apps" / "g2l_dashboard" / "app.yaml").read_text()


def test_cli_refuses_a_project_without_databricks(tmp_path, capsys):
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes")
    assert g2l(["dashboard", "--write-app", str(tmp_path / "bundle"), "--projects-file", str(registry),
                "--project", "risk_engine"]) == 2
    assert "needs a project with a databricks section (got risk_engine)" in capsys.readouterr().err
    assert not (tmp_path / "bundle").exists()
