"""Values of a DAG file are the CDK reader's evaluator's (one static evaluator of Python): what it determines is
read, what it does not is named as before."""

import pytest

from g2l_core.jobs.formats import airflow

HEAD = ("import os\nfrom airflow import DAG\nfrom airflow.providers.amazon.aws.operators.glue import GlueJobOperator\n"
        "from config import SHARED\nBUCKET = 'acme-lake'\nENV = os.environ['DEPLOY_ENV']\n")


def _read(body: str, parameters=None):
    text = HEAD + 'with DAG("d", schedule=None):\n    t = GlueJobOperator(task_id="t", job_name="j", script_args=' \
        + body + ")\n"
    out = airflow.read("dags/d.py", text, parameters or {})
    [trigger] = out.triggers
    return dict(trigger.action_arguments.get("j", {})), [p.message for p in out.problems]


@pytest.mark.parametrize(("body", "parameters", "arguments", "problem"), [
    ('{"--in": "s3://acme-lake/raw/"}', None, {"--in": "s3://acme-lake/raw/"}, None),
    ('{"--in": f"s3://{BUCKET}/raw/", "--days": 3}', None, {"--in": "s3://acme-lake/raw/", "--days": "3"}, None),
    ('{"--in": "s3://" + BUCKET + "/raw/"}', None, {"--in": "s3://acme-lake/raw/"}, None),
    ('{"--env": ENV}', {"DEPLOY_ENV": "prod"}, {"--env": "prod"}, None),  # job_parameters give what the file does not
    ('{"--env": ENV}', None, {}, "task t: script_args is not a literal dict; not carried over"),
    ('{**SHARED, "--x": "1"}', None, {}, "task t: script_args is not a literal dict; not carried over"),  # unknown keys
    ('{"--n": None}', None, {}, "task t: script_args is not a literal dict; not carried over"),
])
def test_dag_values_through_the_cdk_evaluator(body, parameters, arguments, problem):
    found, problems = _read(body, parameters)
    assert found == arguments
    assert (problem in problems) if problem else problems == []


@pytest.mark.parametrize("schedule", ["timedelta(days=1)", "SCHEDULE", "CronTriggerTimetable('0 3 * * *', timezone='UTC')"])
def test_a_schedule_g2l_cannot_read_is_named_not_dropped(schedule):
    """It was left unscheduled without a word: a nightly DAG became a job nobody runs."""
    text = HEAD + f'with DAG("d", schedule={schedule}):\n    t = GlueJobOperator(task_id="t", job_name="j")\n'
    out = airflow.read("dags/d.py", text, {})
    assert [t.kind for t in out.triggers] == ["ON_DEMAND"]
    assert "DAG d: schedule is not a literal cron expression; the job is unscheduled" in [p.message for p in out.problems]
