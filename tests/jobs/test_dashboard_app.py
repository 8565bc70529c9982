"""The dashboard as a Databricks App, published into the target repository's bundle at every sync of a project
configured for Databricks, as g2l-owned files: added, kept up to date, never written over native work."""

import pytest
import yaml

from g2l_core.config import parse_registry
from g2l_core.dashboard.deploy import APP_FOLDER, RESOURCE_FILE, app_files
from g2l_core.gitrepo import ensure_clone, list_tree
from g2l_core.stages.jobs import migrate_jobs
from tests.conftest import make_git_repo
from tests.sync.conftest import make_target

GLUE_JOBS = """{"Jobs": [{"Name": "orders", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/jobs/orders.py"},
  "GlueVersion": "4.0", "WorkerType": "G.1X", "NumberOfWorkers": 2}]}
"""
DATABRICKS = '    databricks: {host: "https://dbc.example", warehouse_id: wh7, stage_tables: lake.g2l_ops}\n'


def project_for(tmp_path, target, databricks=True, native="[]", job_definitions=True):
    return parse_registry(f"""
projects:
  - name: orders
    glue: {{url: {tmp_path}/glue, paths: [jobs/]{", job_definitions: [infra/jobs.json]" if job_definitions else ""}}}
    target: {{url: {target.remote}, native: {native}}}
""" + (DATABRICKS if databricks else ""))[0]


def sync(project, tmp_path):
    glue_dir = tmp_path / "home" / "glue"
    commit = ensure_clone(project.glue.url, "main", glue_dir)
    tree = {f.path: f.blob for f in list_tree(glue_dir, commit)}
    return migrate_jobs(project, glue_dir, tree, tmp_path / "home" / "target", commit)


@pytest.fixture
def world(tmp_path):
    make_git_repo(tmp_path / "glue", {"jobs/orders.py": "print(1)\n", "infra/jobs.json": GLUE_JOBS})
    return tmp_path, make_target(tmp_path)


def test_the_app_is_published_with_the_bundle_and_kept_current(world):
    tmp_path, target = world
    project = project_for(tmp_path, target)
    stage = sync(project, tmp_path)
    expected = app_files("lake", "wh7", "g2l_ops")
    assert {o.path: o.action for o in stage.app} == dict.fromkeys(expected, "added")
    files = target.files("g2l/sync")
    assert {p: files[p] for p in expected} == expected
    assert 'value: "lake"' in files[f"{APP_FOLDER}/app.yaml"] and 'value: "g2l_ops"' in files[f"{APP_FOLDER}/app.yaml"]
    bundle = yaml.safe_load(files["databricks.yml"])
    assert bundle["include"] == ["resources/*.yml"]  # the App's resource file is part of the deployed bundle
    app = yaml.safe_load(files[RESOURCE_FILE])["resources"]["apps"]["g2l_dashboard"]
    assert app["source_code_path"] == f"../{APP_FOLDER}"
    assert "resources/orders.job.yml" in files

    assert target.merge_sync().returncode == 0
    tuned = files[f"{APP_FOLDER}/requirements.txt"] + "plotly>=5\n"  # the team adds a dependency on main
    target.commit({f"{APP_FOLDER}/requirements.txt": tuned})
    moved = parse_registry(f"""
projects:
  - name: orders
    glue: {{url: {tmp_path}/glue, paths: [jobs/], job_definitions: [infra/jobs.json]}}
    target: {{url: {target.remote}}}
    databricks: {{host: "https://dbc.example", warehouse_id: wh8, stage_tables: lake.g2l_ops}}
""")[0]
    again = {o.path: o.action for o in sync(moved, tmp_path).app}
    assert again[f"{APP_FOLDER}/app.yaml"] == "updated" and again[RESOURCE_FILE] == "updated"
    assert again[f"{APP_FOLDER}/requirements.txt"] == "unchanged"
    assert target.read("g2l/sync", f"{APP_FOLDER}/requirements.txt") == tuned
    assert 'value: "wh8"' in target.read("g2l/sync", f"{APP_FOLDER}/app.yaml")


def test_a_project_without_job_definitions_still_gets_a_bundle_for_the_app(world):
    tmp_path, target = world
    stage = sync(project_for(tmp_path, target, job_definitions=False), tmp_path)
    assert stage.rows.height == 0 and stage.app
    files = target.files("g2l/sync")
    assert yaml.safe_load(files["databricks.yml"])["bundle"]["name"] == "orders"
    assert RESOURCE_FILE in files and not any(p.endswith(".job.yml") for p in files)


def test_no_databricks_section_no_app(world):
    tmp_path, target = world
    stage = sync(project_for(tmp_path, target, databricks=False), tmp_path)
    assert stage.app == []
    assert not any(p.startswith(APP_FOLDER) or p == RESOURCE_FILE for p in target.files("g2l/sync"))


def test_native_and_hand_written_app_files_are_never_written(world):
    tmp_path, target = world
    own_yaml = 'command: ["streamlit", "run", "ours.py"]\n'
    target.commit({f"{APP_FOLDER}/app.yaml": own_yaml, RESOURCE_FILE: "# g2l: native\nresources: {}\n"})
    stage = sync(project_for(tmp_path, target, native=f"[{APP_FOLDER}/g2l_dashboard/]"), tmp_path)
    outcomes = {o.path: (o.action, o.conflict) for o in stage.app}
    assert outcomes[f"{APP_FOLDER}/app.yaml"] == ("conflict", "exists")  # a file g2l did not write
    assert outcomes[RESOURCE_FILE] == ("conflict", "native")  # the '# g2l: native' marker
    assert outcomes[f"{APP_FOLDER}/g2l_dashboard/page.py"] == ("conflict", "native")  # the registry's native glob
    assert outcomes[f"{APP_FOLDER}/app.py"] == ("added", None)
    files = target.files("g2l/sync")
    assert files[f"{APP_FOLDER}/app.yaml"] == own_yaml
    assert files[RESOURCE_FILE] == "# g2l: native\nresources: {}\n"
    assert not any(p.startswith(f"{APP_FOLDER}/g2l_dashboard/") for p in files)
