"""The ``validation_results`` asset with a ``validation`` section: runtime rows next to the static ones."""

import polars as pl

import dagster as dg
from g2l_dagster.definitions import build_definitions
from tests.conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "examples" / "risk_engine"


def test_pipeline_writes_runtime_rows(tmp_path):
    remotes = tmp_path / "remotes"
    registry = tmp_path / "projects.yaml"
    registry.write_text(f"""
projects:
  - name: risk_engine
    glue: {{url: {remotes}/glue.git, seed: {SAMPLE}/glue, paths: [jobs/, src/], ddl_paths: [ddl/], job_config: jobs/job_config.json}}
    target: {{url: {remotes}/databricks.git, seed: {SAMPLE}/databricks, native: [jobs/liquidity_stress.py, monitoring/]}}
    path_map: {{"s3://risk-data-lake/": {remotes}/lake/, "s3://risk-landing/": {remotes}/landing/}}
    validation:
      reference_data: data/
      lake_roots: {{"s3://risk-data-lake/": "", "s3://risk-landing/": landing/}}
      params: {{business_date: "2024-03-28"}}
      jobs: [jobs/compute_var.py, jobs/check_credit_limits.py]
""")
    home = tmp_path / "home"
    home.mkdir()
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
        defs = build_definitions(home, projects_file=str(registry))
        result = dg.materialize(list(defs.assets), partition_key="risk_engine", instance=instance,
                                resources=defs.resources, raise_on_error=False,
                                selection=["glue_repo", "converted_code", "conversion_decisions", "uc_ddl",
                                           "validation_results"])
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        [mat] = [m for m in result.asset_materializations_for_node("validation_results")]
    rows = pl.read_delta(str(home / "stages" / "validation_results")).filter(pl.col("project") == "risk_engine")
    runtime = rows.filter(pl.col("check").is_in(["runs"]) | pl.col("check").str.starts_with("output:"))
    assert set(runtime["source_path"]) == {"jobs/compute_var.py", "jobs/check_credit_limits.py"}
    assert runtime["passed"].all()
    assert set(runtime["check"]) == {"runs", "output:main.risk_curated.var_results", "output:main.risk_reporting.limit_breaches"}
    assert runtime["glue_commit"].str.len_chars().min() == 40
    static = rows.filter(pl.col("check") == "parses")
    assert static.height >= 10  # the static checks are still there
    md = mat.metadata["runtime_validation"].value
    assert "jobs/compute_var.py" in md and "output:main.risk_reporting.limit_breaches" in md
    assert mat.metadata["jobs_matching_reference"].value == 2
