"""Airflow templates in GlueJobOperator arguments become the Databricks dynamic value references that give the
same value in a run; params and dag_run.conf become job parameters; the rest is named, never guessed."""

import json

import pytest
import yaml
from databricks.bundles.jobs import Job

from g2l_core.jobs import read_definitions
from g2l_core.jobs.bundle import build_bundle
from g2l_core.jobs.formats.airflow_templates import render
from g2l_core.options import BundleOptions

DATE, TIME = "{{job.trigger.time.iso_date}}", "{{job.trigger.time.iso_datetime}}"

# value, scheduled, params -> rendered value (None: not passed), job parameters, words of its notes or unmapped
CASES = [
    # A DAG without a schedule runs when started: its data interval starts and ends then, the trigger time
    ("{{ ds }}", False, {}, DATE, {}, []),
    ("s3://lake/orders/dt={{ds}}/", False, {}, f"s3://lake/orders/dt={DATE}/", {}, []),
    ("{{ logical_date }}", False, {}, TIME, {}, ["read it as a timestamp"]),
    ("{{ data_interval_start }}", False, {}, TIME, {}, ["read it as a timestamp"]),
    ("{{ execution_date }}", False, {}, TIME, {}, ["read it as a timestamp"]),
    # Scheduled, a run starts at the end of its interval: the start is one interval earlier, out of reach
    ("{{ ds }}", True, {}, None, {}, ["ds is the start of the run's data interval", DATE]),
    ("{{ ts }}", True, {}, None, {}, ["ts is the start of the run's data interval", TIME]),
    ("{{ data_interval_start }}", True, {}, None, {}, ["one schedule interval before the run"]),
    ("{{ next_ds }}", True, {}, DATE, {}, ["a run started by hand gets its own start time"]),
    ("{{ data_interval_end }}", True, {}, TIME, {}, ["end of the run's data interval", "read it as a timestamp"]),
    ("{{ ds_nodash }}", False, {}, None, {}, ["ds_nodash has no Databricks dynamic value of its shape"]),
    ("{{ run_id }}", True, {}, "{{job.run_id}}", {}, ["unique per run"]),
    # Values given when the DAG starts: job parameters, with the DAG's defaults
    ("{{ params.region }}", True, {"region": "eu-west-1"}, "{{job.parameters.region}}", {"region": "eu-west-1"}, []),
    ("{{ params['batch-size'] }}", True, {"batch-size": 500}, "{{job.parameters.`batch-size`}}",
     {"batch-size": "500"}, []),
    ('{{ dag_run.conf["tenant"] }}', True, {}, "{{job.parameters.tenant}}", {"tenant": None}, []),
    ("{{ dag_run.conf.get('mode', 'full') }}", True, {}, "{{job.parameters.mode}}", {"mode": "full"}, []),
    # The rest is named as written
    ("{{ var.value.landing_bucket }}", True, {}, None, {}, ["Airflow Variable landing_bucket"]),
    ("{{ var.json.get('settings') }}", True, {}, None, {}, ["Airflow Variable settings"]),
    ("{{ macros.ds_add(ds, -1) }}", False, {}, None, {}, ["macros.ds_add(ds, -1) has no Databricks dynamic value"]),
    ("{{ ds | replace('-', '') }}", False, {}, None, {}, ["has no Databricks dynamic value"]),
    ("{% if params.full %}full{% endif %}", False, {}, None, {}, ["is a Jinja statement"]),
    ("{{ ds }}/{{ var.value.x }}", False, {}, None, {}, ["Airflow Variable x"]),  # one template left: not passed
]


@pytest.mark.parametrize(("value", "scheduled", "params", "expected", "parameters", "words"), CASES)
def test_airflow_template_as_databricks_reference(value, scheduled, params, expected, parameters, words):
    rendered = render(value, scheduled, params)
    assert rendered.value == expected
    assert rendered.parameters == parameters
    said = " ".join(rendered.notes if expected is not None else rendered.unmapped)
    assert all(w in said for w in words), said
    if expected is not None and not words:
        assert rendered.notes == []


DAG = '''from airflow import DAG
from airflow.models.param import Param
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator

with DAG("orders_backfill", schedule=None, params={"region": Param("eu-west-1", type="string"), "full": False}) as dag:
    load = GlueJobOperator(task_id="load", job_name="etl-orders", script_args={
        "--run_date": "{{ ds }}", "--region": "{{ params.region }}", "--tenant": "{{ dag_run.conf['tenant'] }}",
        "--bucket": "{{ var.value.landing_bucket }}", "--full": "{{ params.full }}"})
    report = GlueJobOperator(task_id="report", job_name="etl-report", params={"region": "us-east-1"},
                             script_args={"--run_id": "{{ run_id }}", "--region": "{{ params.region }}"})
    load >> report
'''
JOBS = json.dumps({"Jobs": [{"Name": f"etl-{n}", "Command": {"ScriptLocation": f"s3://b/jobs/{n}.py"}}
                            for n in ("orders", "report")]})


def test_a_dag_started_by_hand_passes_its_templates_as_references_and_its_params_as_job_parameters():
    defs = read_definitions({"glue/jobs.json": JOBS, "dags/orders_backfill.py": DAG}, ["jobs/orders.py", "jobs/report.py"])
    [job] = build_bundle(defs, BundleOptions(name="orders")).jobs
    definition = yaml.safe_load(yaml.safe_dump(job.definition))
    Job.from_dict(definition)
    assert definition["parameters"] == [{"name": "region", "default": "eu-west-1"}, {"name": "tenant", "default": ""},
                                        {"name": "full", "default": "False"}]
    tasks = {t["task_key"]: t["spark_python_task"]["parameters"] for t in definition["tasks"]}
    assert tasks["etl-orders"] == ["--JOB_NAME", "etl-orders", "--run_date", DATE, "--region",
                                   "{{job.parameters.region}}", "--tenant", "{{job.parameters.tenant}}", "--full",
                                   "{{job.parameters.full}}"]
    assert tasks["etl-report"][2:] == ["--run_id", "{{job.run_id}}", "--region", "{{job.parameters.region}}"]
    problems = [str(p) for p in defs.problems]
    assert ("dags/orders_backfill.py: script_args --bucket: '{{ var.value.landing_bucket }}' is an Airflow template "
            "(Airflow Variable landing_bucket has no Databricks dynamic value (a job parameter or a secret holds it "
            "there)): not passed to load; give the Databricks job that parameter by hand") in problems
    assert ("dags/orders_backfill.py: job parameter region: defaults 'eu-west-1' and 'us-east-1' in different tasks: "
            "'eu-west-1' is kept") in problems
    assert ("dags/orders_backfill.py: job parameter tenant: the DAG gives it no default (a value given when the DAG "
            "is started): its default is empty; give it when starting a run") in problems
    assert any(p.startswith("dags/orders_backfill.py: script_args --run_id: '{{ run_id }}' to report is passed as "
                            "'{{job.run_id}}'") for p in problems)
    assert not any("--run_date" in p for p in problems)  # ds of a DAG started by hand is the trigger date: exact


def test_a_glue_workflows_default_run_properties_are_job_parameters():
    """Glue jobs read them with get_workflow_run_properties, which conversion points at job parameters."""
    workflow = json.dumps({"Workflow": {"Name": "nightly", "DefaultRunProperties": {"env": "prod"}}})
    triggers = json.dumps({"Triggers": [{"Name": "start", "Type": "ON_DEMAND", "WorkflowName": "nightly",
                                         "Actions": [{"JobName": "etl-orders"}]}]})
    defs = read_definitions({"glue/jobs.json": JOBS, "glue/workflow.json": workflow, "glue/triggers.json": triggers},
                            ["jobs/orders.py", "jobs/report.py"])
    job = next(j for j in build_bundle(defs, BundleOptions(name="x")).jobs if j.name == "nightly")
    assert job.definition["parameters"] == [{"name": "env", "default": "prod"}]
