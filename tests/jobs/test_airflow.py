"""Airflow DAGs that run Glue jobs: their order, schedule and arguments become the bundle's job, as a Glue
workflow's do (C-shaped repositories keep job order only in the DAG, and the bundle had 22 unordered jobs)."""

import json

import pytest
import yaml

from g2l_core.jobs import read_definitions
from g2l_core.jobs.bundle import build_bundle
from g2l_core.jobs.formats.airflow import glue_cron
from g2l_core.options import BundleOptions

JOBS = json.dumps({"Jobs": [{"Name": f"etl-{n}", "Command": {"ScriptLocation": f"s3://b/jobs/{n}.py"}}
                            for n in ("orders", "items", "customers", "sales", "report", "audit")]})
REPO = [f"jobs/{n}.py" for n in ("orders", "items", "customers", "sales", "report", "audit")]

DAG = '''"""Nightly sales."""
from airflow import DAG
from airflow.models.baseoperator import chain
from airflow.operators.empty import EmptyOperator
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator

ARGS = {"--run_date": "{{ ds }}", "--env": "prod"}

with DAG("sales_nightly", schedule_interval="30 1 * * 1-5", catchup=False) as dag:
    start = EmptyOperator(task_id="start")
    joined = EmptyOperator(task_id="joined")
    orders = GlueJobOperator(task_id="orders", job_name="etl-orders", script_args=ARGS)
    items = GlueJobOperator(task_id="items", job_name="etl-items", script_args={**ARGS, "--full": "true"})
    customers = GlueJobOperator(task_id="customers", job_name="etl-customers")
    sales = GlueJobOperator(task_id="sales", job_name="etl-sales")
    report = GlueJobOperator(task_id="report", job_name="etl-report")
    audit = GlueJobOperator(task_id="audit", job_name="etl-audit")

    start >> [orders, items] >> joined >> sales
    sales << customers
    chain(sales, report)
    report.set_downstream(audit)
    for name in ("a", "b"):
        GlueJobOperator(task_id=name, job_name=name)
'''


def _defs():
    return read_definitions({"glue/get_jobs.json": JOBS, "dags/sales.py": DAG}, REPO)


def test_a_dag_is_a_workflow_whose_glue_tasks_depend_as_in_the_dag():
    defs = _defs()
    assert defs.workflows["sales_nightly"].description == "Nightly sales."
    shape = {t.name: (t.kind, t.schedule, t.actions, [c.job for c in t.conditions]) for t in defs.triggers}
    assert shape == {
        "sales_nightly (schedule)": ("SCHEDULED", "cron(30 1 ? * MON-FRI *)", ("etl-customers", "etl-items",
                                                                              "etl-orders"), []),
        "sales_nightly.sales": ("CONDITIONAL", None, ("etl-sales",), ["etl-customers", "etl-items", "etl-orders"]),
        "sales_nightly.report": ("CONDITIONAL", None, ("etl-report",), ["etl-sales"]),
        "sales_nightly.audit": ("CONDITIONAL", None, ("etl-audit",), ["etl-report"]),
    }
    start = next(t for t in defs.triggers if t.kind == "SCHEDULED")
    assert {k: dict(v) for k, v in start.action_arguments.items()} == {
        "etl-orders": {"--env": "prod"}, "etl-items": {"--env": "prod", "--full": "true"}}
    problems = [str(p) for p in defs.problems]
    assert any(p.startswith("dags/sales.py: script_args --run_date: '{{ ds }}' is an Airflow template") and
               "not passed to orders, items" in p for p in problems), problems
    assert "dags/sales.py: line 23: Glue tasks made in a loop: their order is not read; add it to the bundle by hand" \
        in problems


def test_the_bundle_job_of_a_dag_has_its_schedule_and_dependencies():
    [job] = build_bundle(_defs(), BundleOptions(name="sales")).jobs
    definition = yaml.safe_load(yaml.safe_dump(job.definition))
    assert (job.name, definition["schedule"]["quartz_cron_expression"]) == ("sales_nightly", "0 30 1 ? * MON-FRI")
    tasks = {t["task_key"]: t for t in definition["tasks"]}
    assert [d["task_key"] for d in tasks["etl-sales"]["depends_on"]] == ["etl-customers", "etl-items", "etl-orders"]
    assert tasks["etl-audit"]["depends_on"] == [{"task_key": "etl-report"}]
    assert "depends_on" not in tasks["etl-orders"]
    assert tasks["etl-items"]["spark_python_task"]["parameters"][-4:] == ["--env", "prod", "--full", "true"]


@pytest.mark.parametrize(("airflow", "glue"), [
    ("0 3 * * *", "cron(0 3 * * ? *)"), ("@daily", "cron(0 0 * * ? *)"), ("@weekly", "cron(0 0 ? * SUN *)"),
    ("15 6 1 * *", "cron(15 6 1 * ? *)"), ("0 8 * * 0,6", "cron(0 8 ? * SUN,SAT *)"), ("0 8 1 * 1", None),
    ("@once", None), ("not cron", None),
])
def test_airflow_schedules_in_glue_form(airflow, glue):
    assert glue_cron(airflow) == glue


def test_a_dag_folder_left_out_of_job_definitions_is_named(tmp_path):
    """Registered without its DAG, an Airflow-ordered repository got unordered, unscheduled jobs and not a word."""
    from g2l_core.gitrepo import tree_blobs
    from g2l_core.jobs.read import definitions_at
    from tests.conftest import make_git_repo

    repo = tmp_path / "glue"
    make_git_repo(repo, {"glue/get_jobs.json": JOBS, "dags/sales.py": DAG, "dags/helpers.py": "X = 1\n",
                         **{path: "print(1)\n" for path in REPO}})
    tree = tree_blobs(repo, "HEAD")
    left_out = definitions_at(["glue/*.json"], repo, tree)
    assert [str(p) for p in left_out.problems if p.source.startswith("dags/")] == [
        "dags/sales.py: file: an Airflow DAG running Glue jobs (GlueJobOperator), not among glue.job_definitions: "
        "add it, or the jobs' order and schedule are not read"]
    listed = definitions_at(["glue/*.json", "dags/*.py"], repo, tree)
    assert not [p for p in listed.problems if "not among glue.job_definitions" in p.message]
    assert "sales_nightly" in listed.workflows
