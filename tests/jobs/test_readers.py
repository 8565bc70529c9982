"""Every definition format reads into the same model; unresolved values and bad files are reported by name."""

import pytest

from g2l_core.jobs import JobDefinitionError, read_definitions
from g2l_core.jobs.scripts import match_script
from tests.jobs.conftest import PARAMETERS, REPO_FILES, fixture_text

FORMATS = {
    "api": ("get_jobs.json", "get_triggers.json", "get_workflow.json"),
    "cloudformation": ("claims_cfn.yaml",),
    "terraform": ("tf/main.tf", "tf/variables.tf"),
}


def _shape(defs):
    jobs = {name: (j.repo_script, dict(j.arguments), j.worker_type, j.number_of_workers, j.max_capacity is not None
                   and j.worker_type is None, j.command, j.connections, j.bookmarks)
            for name, j in defs.jobs.items()}
    triggers = sorted((t.name, t.kind, t.schedule, t.actions, t.conditions, t.logical, t.workflow,
                       {k: dict(v) for k, v in t.action_arguments.items()}.__repr__()) for t in defs.triggers)
    return jobs, triggers, {n: (w.description, dict(w.run_properties)) for n, w in defs.workflows.items()}


@pytest.mark.parametrize("fmt", ["cloudformation", "terraform"])
def test_every_format_reads_into_the_same_model(fmt):
    api = read_definitions(fixture_text(*FORMATS["api"]), REPO_FILES)
    other = read_definitions(fixture_text(*FORMATS[fmt]), REPO_FILES, PARAMETERS)
    assert _shape(other) == _shape(api)
    assert not [p for p in other.problems if "not matched" in p.message]


def _requests() -> dict[str, str]:
    """The API fixtures as a repository keeps them for ``aws glue create-* --cli-input-json``: one request file
    per job, trigger and workflow, without the fields only a response has."""
    import json

    api = {name: json.loads(text) for name, text in fixture_text(*FORMATS["api"]).items()}
    response_only = {"CreatedOn", "LastModifiedOn", "AllocatedCapacity", "Id", "State"}
    files = {}
    for job in api["get_jobs.json"]["Jobs"]:
        files[f"deploy/jobs/{job['Name']}.json"] = {k: v for k, v in job.items() if k not in response_only}
    for trigger in api["get_triggers.json"]["Triggers"]:
        files[f"deploy/triggers/{trigger['Name']}.json"] = {k: v for k, v in trigger.items() if k not in response_only}
    workflow = api["get_workflow.json"]["Workflow"]
    files["deploy/workflow.json"] = {k: v for k, v in workflow.items() if k not in response_only}
    return {path: json.dumps(body, indent=4) for path, body in files.items()}


def test_create_requests_read_as_the_api_responses():
    """A repository deploying with ``aws glue create-job --cli-input-json file://...`` keeps one request per job,
    trigger and workflow, their fields at the top level: the same model as get-jobs/get-triggers/get-workflow
    (such files were reported as no job definition, and the bundle had no job)."""
    requests = read_definitions(_requests(), REPO_FILES)
    assert _shape(requests) == _shape(read_definitions(fixture_text(*FORMATS["api"]), REPO_FILES))
    assert not requests.problems
    update = read_definitions({"update.json": '{"JobName": "j", "JobUpdate": {"Command": {"ScriptLocation": '
                                              '"s3://b/glue/jobs/alert.py"}, "WorkerType": "G.2X"}}'}, REPO_FILES)
    assert (update.jobs["j"].repo_script, update.jobs["j"].worker_type) == ("glue/jobs/alert.py", "G.2X")


def test_api_json_fields():
    defs = read_definitions(fixture_text(*FORMATS["api"]), REPO_FILES)
    ingest = defs.jobs["claims-ingest-prod"]
    assert (ingest.repo_script, ingest.timeout_minutes, ingest.max_retries, ingest.max_concurrent_runs) == (
        "glue/jobs/ingest_claims.py", 120, 2, 1)
    assert ingest.listed("--additional-python-modules") == ("pyarrow==14.0.1", "great-expectations")
    assert defs.jobs["claims-publish"].max_capacity == 0.0625
    assert defs.bookmarks() == {"claims-ingest-prod": True, "glue/jobs/ingest_claims.py": True,
                                "claims-enrich": False, "glue/jobs/enrich_claims.py": False,
                                "claims-publish": False, "glue/jobs/publish_claims.py": False,
                                "claims-alert": False, "glue/jobs/alert.py": False}


def test_cloudformation_resolves_parameters_conditions_and_refs():
    defs = read_definitions(fixture_text("claims_cfn.yaml"), REPO_FILES, PARAMETERS)
    ingest = defs.jobs["claims-ingest-prod"]  # !Sub with the Env default
    assert ingest.worker_type == "G.2X"  # !If [IsProd, ...] decided by the Env default
    assert ingest.number_of_workers == 10 and ingest.tags == {"team": "claims", "cost_center": "4711"}
    assert ingest.script == "s3://claims-artifacts/glue/jobs/ingest_claims.py"
    assert defs.jobs["claims-enrich"].script == "s3://claims-artifacts/glue/jobs/enrich_claims.py"  # !Join
    dev = read_definitions(fixture_text("claims_cfn.yaml"), REPO_FILES, {**PARAMETERS, "Env": "dev"})
    assert dev.jobs["claims-ingest-dev"].worker_type == "G.1X"
    assert not defs.problems


def test_unresolved_parameter_is_reported_and_kept():
    defs = read_definitions(fixture_text("claims_cfn.yaml"), REPO_FILES)
    ingest = defs.jobs["claims-ingest-prod"]
    assert ingest.script == "s3://${ArtifactBucket}/glue/jobs/ingest_claims.py"
    assert ingest.repo_script == "glue/jobs/ingest_claims.py"  # matched by its path suffix all the same
    assert ingest.arguments["--TempDir"] == "s3://${ArtifactBucket}/tmp/"
    assert any(str(p).startswith("claims_cfn.yaml: IngestClaims.Command.ScriptLocation: ArtifactBucket: parameter without a default")
               for p in defs.problems)
    tf = read_definitions(fixture_text("tf/main.tf", "tf/variables.tf"), REPO_FILES)
    assert any(p.source == "tf/main.tf" and "${var.artifact_bucket}: variable without a default" in p.message
               for p in tf.problems)


def test_terraform_json_and_cross_file_module():
    defs = read_definitions(fixture_text("claims.tf.json"), REPO_FILES)
    (trigger,) = defs.triggers
    assert defs.jobs["claims-enrich"].repo_script == "glue/jobs/enrich_claims.py"
    assert trigger.conditions[0].job == "claims-enrich" and trigger.actions == ("claims-publish",)
    assert not defs.problems


def test_job_config_shape_keeps_working():
    text = '{"jobs": {"daily": {"script": "jobs/daily.py", "worker_type": "G.1X", "number_of_workers": 3, ' \
           '"default_arguments": {"--job-bookmark-option": "job-bookmark-enable", "--day": "2024-01-02"}}}}'
    defs = read_definitions({"jobs/job_config.json": text}, ["jobs/daily.py"])
    job = defs.jobs["daily"]
    assert (job.repo_script, job.worker_type, job.number_of_workers, job.arguments["--day"]) == (
        "jobs/daily.py", "G.1X", 3, "2024-01-02")
    assert defs.bookmarks() == {"daily": True, "jobs/daily.py": True}


@pytest.mark.parametrize(("path", "text", "message"), [
    ("jobs/job_config.json", '{"jobs": {', "jobs/job_config.json: line 1: not valid JSON"),
    ("infra/glue.yaml", "Resources:\n  J:\n    Type: AWS::Glue::Job\n   Properties: [", "infra/glue.yaml: line 4: not valid YAML"),
    ("infra/main.tf", 'resource "aws_glue_job" "x" {\n  name = \n}\n', "infra/main.tf: line"),
])
def test_bad_file_names_file_and_line(path, text, message):
    with pytest.raises(JobDefinitionError, match="^" + message.replace("(", r"\(")):
        read_definitions({path: text})


def test_unknown_format_and_bad_trigger_are_reported():
    defs = read_definitions({"notes.json": '{"hello": 1}', "t.json": '{"Triggers": [{"Name": "x", "Type": "HOURLY"}]}'})
    assert [str(p) for p in defs.problems] == [
        "notes.json: file: not a job definition g2l reads (aws glue get-jobs or create-job JSON, CloudFormation, "
        "Terraform, a Python CDK app, job_config JSON or an Airflow DAG with GlueJobOperator)",
        "t.json: trigger x: Type 'HOURLY' is not one of SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT; skipped",
    ]


@pytest.mark.parametrize(("location", "expected"), [
    ("s3://b/glue/jobs/alert.py", ("glue/jobs/alert.py", "")),  # longer suffix beats tests/jobs/alert.py
    ("s3://b/jobs/alert.py", (None, "several repository files match equally: glue/jobs/alert.py, tests/jobs/alert.py")),
    ("s3://b/scripts/missing.py", (None, "no repository file named 'missing.py'")),
    ("glue/jobs/enrich_claims.py", ("glue/jobs/enrich_claims.py", "")),
])
def test_script_matching(location, expected):
    assert match_script(location, REPO_FILES) == expected


def test_sample_cloudformation_and_job_config_agree():
    from tests.conftest import REPO_ROOT

    glue = REPO_ROOT / "examples" / "risk_engine" / "glue"
    files = [p.relative_to(glue).as_posix() for p in glue.rglob("*.py")]
    read = lambda rel: read_definitions({rel: (glue / rel).read_text()}, files)  # noqa: E731
    cfn, config = read("infra/glue_jobs.yaml"), read("jobs/job_config.json")
    shape = lambda d: {n: (j.repo_script, j.worker_type, j.number_of_workers, dict(j.arguments))  # noqa: E731
                       for n, j in d.jobs.items()}
    assert shape(cfn) == shape(config) and len(cfn.jobs) == 7
    assert not cfn.problems and not config.problems
