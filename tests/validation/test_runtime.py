"""Runtime validation, for real: a git repo, converted jobs run in child processes on a Sail server, Delta
tables, reference outputs compared."""

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from g2l_core.validation.runtime import validate_runtime
from tests.validation.conftest import commit_tree, project_for, sample_copy

SNAPSHOT_OUTPUTS = {
    "jobs/ingest_trades.py": "main.risk_raw.trades",
    "jobs/ingest_counterparties.py": "main.risk_curated.counterparties",
    "jobs/compute_exposures.py": "main.risk_curated.exposures",
    "jobs/compute_var.py": "main.risk_curated.var_results",
    "jobs/check_credit_limits.py": "main.risk_reporting.limit_breaches",
    "jobs/load_market_data.py": "main.risk_curated.market_prices",
}


def checks_of(result, job):
    [outcome] = [j for j in result.jobs if j.job == job]
    return {c.check: c for c in outcome.checks}


@pytest.mark.parametrize("job, table", sorted(SNAPSHOT_OUTPUTS.items()))
def test_sample_job_runs_and_matches_its_reference_snapshot(sample_validation, job, table):
    checks = checks_of(sample_validation, job)
    assert checks["runs"].passed, checks["runs"].message
    out = checks[f"output:{table}"]
    assert out.passed and out.severity == "info", out.message
    assert "matches the reference" in out.message
    # partitioned outputs are compared for the validated business date only
    assert ("business_date=2024-03-28" in out.message) == (table != "main.risk_curated.counterparties")


def test_output_without_snapshot_is_reported_as_not_compared(sample_validation):
    checks = checks_of(sample_validation, "jobs/daily_risk_report.py")
    assert checks["runs"].passed, checks["runs"].message
    out = checks["output:main.risk_reporting.daily_risk_summary"]
    assert out.severity == "info"
    assert "no reference data for main.risk_reporting.daily_risk_summary at data/reporting/daily_risk_summary/; not compared" in out.message


def test_rows_name_every_sample_job(sample_validation):
    jobs = {j.job for j in sample_validation.jobs}
    assert len(jobs) == 7 and "jobs/load_market_data.py" in jobs
    assert not sample_validation.problems


@pytest.fixture(scope="module")
def tampered(tmp_path_factory):
    """The sample with one reference row changed, one job that raises and one that fails in flagged code."""
    repo = sample_copy(tmp_path_factory.mktemp("tampered") / "glue")
    snapshot = next((repo / "data/reporting/limit_breaches").rglob("*.parquet"))
    table = pq.read_table(snapshot)
    level = table.column("breach_level")
    cp = table.column("counterparty_id")
    changed = pc.if_else(pc.equal(cp, "CP002"), "BREACH", level)
    pq.write_table(table.set_column(table.schema.get_field_index("breach_level"), "breach_level", changed), snapshot)
    (repo / "jobs/broken_job.py").write_text(
        "import sys\nfrom awsglue.utils import getResolvedOptions\n"
        "args = getResolvedOptions(sys.argv, ['JOB_NAME'])\n"
        "raise ValueError('reference feed rejected: 3 bad rows')\n")
    (repo / "jobs/flagged_job.py").write_text(
        "from awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\n"
        "glueContext = GlueContext(SparkContext.getOrCreate())\n"
        "glueContext.transition_table('risk', 'positions', {'retentionPeriod': 1}, transition_role='r')\n")
    commit = commit_tree(repo)
    project = project_for(repo, (
        '{reference_data: data/, lake_roots: {"s3://risk-data-lake/": "", "s3://risk-landing/": landing/}, '
        "params: {business_date: 2024-03-28}, timeout_seconds: 120, "
        "jobs: [jobs/broken_job.py, jobs/flagged_job.py, jobs/check_credit_limits.py, jobs/compute_var.py]}"))
    return validate_runtime(project, repo, commit)


def test_tampered_reference_is_a_critical_mismatch_with_an_example_row(tampered):
    out = checks_of(tampered, "jobs/check_credit_limits.py")["output:main.risk_reporting.limit_breaches"]
    assert not out.passed and out.severity == "critical"
    assert "differs from data/reporting/limit_breaches/" in out.message
    assert "1 reference rows missing" in out.message and "1 unexpected rows" in out.message
    assert "counterparty_id='CP002'" in out.message and "breach_level='BREACH'" in out.message


def test_job_that_raises_reports_its_stderr_and_others_still_run(tampered):
    runs = checks_of(tampered, "jobs/broken_job.py")["runs"]
    assert not runs.passed and runs.severity == "critical"
    assert "exit code 1" in runs.message
    assert "ValueError: reference feed rejected: 3 bad rows" in runs.message
    var = checks_of(tampered, "jobs/compute_var.py")
    assert var["output:main.risk_curated.var_results"].passed
    assert [j.job for j in tampered.jobs] == ["jobs/broken_job.py", "jobs/flagged_job.py",
                                              "jobs/check_credit_limits.py", "jobs/compute_var.py"]


def test_failure_through_flagged_code_names_the_review_site(tampered):
    runs = checks_of(tampered, "jobs/flagged_job.py")["runs"]
    assert not runs.passed and runs.severity == "critical"
    assert "the traceback passes through code flagged for review: jobs/flagged_job.py:4" in runs.message


def test_missing_reference_folder_is_a_clear_problem(tmp_path):
    repo = sample_copy(tmp_path / "glue")
    commit = commit_tree(repo)
    project = project_for(repo, '{reference_data: golden/, lake_roots: {"s3://risk-data-lake/": ""}}')
    result = validate_runtime(project, repo, commit)
    assert result.jobs == []
    [(path, check)] = result.problems
    assert path == "golden/" and check.severity == "critical"
    assert "reference data folder 'golden/' is empty or missing" in check.message
