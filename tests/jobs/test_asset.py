"""The ``databricks_jobs`` asset: partitioned like the other stages, in g2l_pipeline and g2l_catch_up, and its
metadata shows the jobs with their schedules; a project configured for Databricks gets the dashboard App too."""

import polars as pl

import dagster as dg
from g2l_core.gitrepo import read_text
from g2l_dagster.definitions import build_definitions
from tests.conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "examples" / "risk_engine"


def test_databricks_jobs_asset_publishes_the_bundle_and_shows_schedules(tmp_path):
    home, remotes = tmp_path / "home", tmp_path / "remotes"
    home.mkdir()
    registry = tmp_path / "projects.yaml"
    registry.write_text(f"""projects:
  - name: risk_engine
    glue: {{url: {remotes}/glue.git, seed: {SAMPLE}/glue, paths: [jobs/, src/], ddl_paths: [ddl/],
           job_definitions: [infra/*.yaml]}}
    target: {{url: {remotes}/databricks.git, seed: {SAMPLE}/databricks, native: [jobs/liquidity_stress.py, monitoring/]}}
    databricks: {{host: "https://dbc.example", warehouse_id: wh1}}
""")
    defs = build_definitions(home, projects_file=str(registry))
    for name in ("g2l_pipeline", "g2l_catch_up"):
        assert dg.AssetKey("databricks_jobs") in defs.resolve_job_def(name).asset_layer.executable_asset_keys
    assets = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & {"glue_repo", "converted_code", "databricks_jobs"}]
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
        result = dg.materialize(assets, partition_key="risk_engine", instance=instance, resources=defs.resources,
                                selection=["glue_repo", "converted_code", "conversion_decisions", "databricks_jobs"])
        assert result.success
        (event,) = [m for m in result.asset_materializations_for_node("databricks_jobs")]
    jobs_md = event.metadata["jobs"].value
    assert event.metadata["dashboard_app"].value == "9 files: 9 added"
    assert "| risk-nightly | 0 30 22 ? * MON-FRI | ingest_counterparties, ingest_trades, load_market_data," in jobs_md
    rows = pl.read_delta(str(home / "stages" / "databricks_jobs"))
    assert rows.select("project", "job", "status", "sync_action", "source").to_dicts() == [
        {"project": "risk_engine", "job": "risk-nightly", "status": "generated", "sync_action": "added",
         "source": "infra/glue_jobs.yaml"}]
    target = home / "workspace" / "risk_engine" / "target"
    for path in ("databricks.yml", "resources/risk_nightly.job.yml", "resources/g2l_dashboard.app.yml",
                 "apps/g2l_dashboard/app.yaml"):  # g2l's clone is never checked out
        assert read_text(target, "refs/remotes/origin/g2l/sync", path)


def test_a_definition_file_g2l_cannot_read_reaches_the_run_summary(tmp_path):
    """A job_definitions file in no form g2l reads leaves the bundle without jobs: the materialization's
    ``warnings`` (which `g2l run` prints) name it, and the summary's outputs line no longer claims a bundle."""
    from g2l_dagster.runner import run_notes, summary

    home, remotes = tmp_path / "home", tmp_path / "remotes"
    home.mkdir()
    registry = tmp_path / "projects.yaml"
    registry.write_text(f"""projects:
  - name: risk_engine
    glue: {{url: {remotes}/glue.git, seed: {SAMPLE}/glue, paths: [jobs/, src/], job_definitions: [README.md]}}
    target: {{url: {remotes}/databricks.git, seed: {SAMPLE}/databricks, native: [jobs/liquidity_stress.py, monitoring/]}}
""")
    defs = build_definitions(home, projects_file=str(registry))
    assets = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & {"glue_repo", "converted_code", "databricks_jobs"}]
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
        result = dg.materialize(assets, partition_key="risk_engine", instance=instance, resources=defs.resources,
                                selection=["glue_repo", "converted_code", "conversion_decisions", "databricks_jobs"])
        assert result.success
        notes = run_notes(result)
    assert "job definitions: README.md: file: not a job definition g2l reads (aws glue get-jobs or create-job " \
           "JSON, CloudFormation, Terraform, a Python CDK app, job_config JSON or an Airflow DAG with GlueJobOperator)" in notes, notes
    outputs = [line for line in summary(home, "risk_engine", "0" * 8, True, "g2l/sync").splitlines() if "outputs:" in line]
    assert outputs == [f"  outputs:     converted code on g2l/sync of {home / 'workspace' / 'risk_engine' / 'target'},"]
