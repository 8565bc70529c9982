"""Bundle writer: every generated job is accepted by the databricks-bundles models; the Glue DAG is the
Databricks DAG; compute, libraries, parameters and schedules carried over as documented."""

import pytest
import yaml
from databricks.bundles.jobs import Job

from g2l_core.jobs import read_definitions
from g2l_core.jobs.arguments import spark_conf, split_arguments
from g2l_core.jobs.bundle import build_bundle
from g2l_core.jobs.compute import new_cluster
from g2l_core.jobs.model import GlueJob
from g2l_core.options import BundleOptions
from tests.jobs.conftest import PARAMETERS, REPO_FILES, fixture_text


def _claims(options=BundleOptions(name="claims")):
    defs = read_definitions(fixture_text("tf/main.tf", "tf/variables.tf"), REPO_FILES, PARAMETERS)
    return build_bundle(defs, options)


def _job(bundle, key):
    text = bundle.files[f"resources/{key}.job.yml"]
    return yaml.safe_load(text)["resources"]["jobs"][key]


@pytest.mark.parametrize("options", [BundleOptions(name="claims"), BundleOptions(name="claims", compute="serverless"),
                                     BundleOptions(name="claims", cloud="azure", autoscale=True)])
def test_every_generated_job_is_valid_for_databricks_bundles(options):
    bundle = _claims(options)
    assert sorted(bundle.files) == ["databricks.yml", "resources/claims_nightly.job.yml"]
    for path, text in bundle.files.items():
        if path.startswith("resources/"):
            for job in yaml.safe_load(text)["resources"]["jobs"].values():
                assert Job.from_dict(job).as_dict()["name"] == "claims-nightly"


def test_conditional_trigger_chain_becomes_depends_on_with_run_if():
    job = _job(_claims(), "claims_nightly")
    tasks = {t["task_key"]: t for t in job["tasks"]}
    assert list(tasks) == ["claims-ingest-prod", "claims-enrich", "claims-alert", "claims-publish"]
    assert "depends_on" not in tasks["claims-ingest-prod"]
    assert tasks["claims-enrich"]["depends_on"] == [{"task_key": "claims-ingest-prod"}]
    assert "run_if" not in tasks["claims-enrich"]  # SUCCEEDED is Databricks' default ALL_SUCCESS
    assert tasks["claims-publish"]["depends_on"] == [{"task_key": "claims-enrich"}]
    assert tasks["claims-alert"]["depends_on"] == [{"task_key": "claims-enrich"}, {"task_key": "claims-ingest-prod"}]
    assert tasks["claims-alert"]["run_if"] == "AT_LEAST_ONE_FAILED"  # Logical ANY of FAILED
    assert job["schedule"] == {"quartz_cron_expression": "0 30 2 ? * MON-FRI", "timezone_id": "UTC"}
    assert job["description"].splitlines() == [  # the workflow's, then what Databricks has no setting for
        "Ingest, enrich and publish the day's claims", "From the Glue settings, for a person to act on:",
        "- claims-ingest-prod: Glue connections claims-vpc: converted code reads their credentials from the secret "
        "scope; the cluster needs network access to their hosts (VPC peering or PrivateLink)"]


def test_a_workflow_missing_a_task_is_scheduled_paused_and_names_the_lost_dependency():
    """A Glue job of the workflow without a Databricks task (a Scala script, a file not converted): a scheduled run
    would start the later jobs without it, on yesterday's data. The job keeps its schedule paused, and the
    dependency the missing task carried is named (it was dropped without a word)."""
    defs = read_definitions(fixture_text("tf/main.tf", "tf/variables.tf"), REPO_FILES, PARAMETERS)
    scripts = {s: s for s in REPO_FILES if s != "glue/jobs/ingest_claims.py"}
    [job] = build_bundle(defs, BundleOptions(name="claims"), scripts).jobs
    assert job.status == "incomplete"
    assert job.definition["schedule"]["pause_status"] == "PAUSED"
    assert "depends_on" not in next(t for t in job.definition["tasks"] if t["task_key"] == "claims-enrich")
    assert "claims-enrich ran after claims-ingest-prod on Glue, which has no task here: that dependency is lost" \
        in job.notes
    assert "schedule paused: the job lacks tasks for Glue jobs of its workflow; unpause it once they are added" in job.notes
    Job.from_dict(job.definition)
    complete = build_bundle(defs, BundleOptions(name="claims"), {s: s for s in REPO_FILES}).jobs[0]
    assert complete.status == "generated" and "pause_status" not in complete.definition["schedule"]


def test_task_parameters_libraries_and_cluster_from_the_glue_job():
    bundle = _claims()
    job = _job(bundle, "claims_nightly")
    ingest = job["tasks"][0]
    assert ingest["spark_python_task"] == {
        "python_file": "../glue/jobs/ingest_claims.py",
        "parameters": ["--JOB_NAME", "claims-ingest-prod", "--source_prefix", "s3://claims-landing/incoming/"]}
    assert ingest["libraries"] == [{"pypi": {"package": "pyarrow==14.0.1"}}, {"pypi": {"package": "great-expectations"}},
                                   {"jar": "s3://claims-artifacts/jars/deequ-2.0.4.jar"}]
    assert (ingest["max_retries"], ingest["timeout_seconds"]) == (2, 7200)
    clusters = {c["job_cluster_key"]: c["new_cluster"] for c in job["job_clusters"]}
    assert clusters[ingest["job_cluster_key"]] == {
        "spark_version": "13.3.x-scala2.12", "node_type_id": "m5d.2xlarge", "num_workers": 9,
        "spark_conf": {"spark.sql.shuffle.partitions": "64", "spark.sql.adaptive.enabled": "true"}}
    enrich = job["tasks"][1]
    assert enrich["spark_python_task"]["parameters"][-2:] == ["--lookback_days", "1"]  # the trigger's Arguments win
    assert job["tags"] == {"team": "claims", "cost_center": "4711"}
    (row,) = bundle.jobs
    assert "claims-ingest-prod: Glue-internal arguments dropped: --TempDir, --enable-metrics, --job-bookmark-option" in row.notes
    assert any("claims_common.zip: rebuild as a wheel" in n for n in row.notes)
    assert any(n.startswith("on-demand trigger claims-backfill") for n in row.notes)


def test_serverless_compute_uses_environments():
    job = _job(_claims(BundleOptions(name="claims", compute="serverless")), "claims_nightly")
    assert "job_clusters" not in job
    envs = {e["environment_key"]: e["spec"] for e in job["environments"]}
    ingest = job["tasks"][0]
    assert envs[ingest["environment_key"]] == {"client": "2", "dependencies": ["pyarrow==14.0.1", "great-expectations"]}
    assert "libraries" not in ingest


@pytest.mark.parametrize(("job", "options", "cluster"), [
    (GlueJob("a", "a.py", "f", worker_type="G.1X", number_of_workers=4), BundleOptions(),
     {"node_type_id": "m5d.xlarge", "num_workers": 3}),
    (GlueJob("a", "a.py", "f", worker_type="G.2X", number_of_workers=6, glue_version="5.0"), BundleOptions(cloud="azure"),
     {"node_type_id": "Standard_D8ds_v5", "num_workers": 5, "spark_version": "15.4.x-scala2.12"}),
    (GlueJob("a", "a.py", "f", worker_type="G.4X", number_of_workers=3), BundleOptions(cloud="gcp"),
     {"node_type_id": "n2-standard-16", "num_workers": 2}),
    (GlueJob("a", "a.py", "f", worker_type="G.8X", number_of_workers=11), BundleOptions(autoscale=True),
     {"node_type_id": "m5d.8xlarge", "autoscale": {"min_workers": 1, "max_workers": 10}}),
    (GlueJob("a", "a.py", "f", worker_type="Standard", number_of_workers=5), BundleOptions(),
     {"node_type_id": "m5d.xlarge", "num_workers": 4}),
    (GlueJob("a", "a.py", "f", max_capacity=10.0, glue_version="2.0"), BundleOptions(),
     {"node_type_id": "m5d.xlarge", "num_workers": 9, "spark_version": "12.2.x-scala2.12"}),
    (GlueJob("a", "a.py", "f", command="pythonshell", max_capacity=0.0625), BundleOptions(),
     {"node_type_id": "m5d.xlarge", "num_workers": 0}),
    (GlueJob("a", "a.py", "f", worker_type="G.1X", number_of_workers=4),
     BundleOptions(node_types={"G.1X": "r5d.xlarge"}, spark_version="16.4.x-scala2.12"),
     {"node_type_id": "r5d.xlarge", "spark_version": "16.4.x-scala2.12"}),
])
def test_compute_table(job, options, cluster):
    spec = new_cluster(job, options, {}, [])
    assert {k: spec[k] for k in cluster} == cluster


def test_glue_arguments_split():
    job = GlueJob("j", "j.py", "f", arguments={
        "--job-bookmark-option": "job-bookmark-disable", "--TempDir": "s3://t/", "--enable-metrics": "true",
        "--job-language": "python", "--day": "2024-01-01", "--extra-py-files": "s3://b/lib.zip,s3://b/util-1.0-py3-none-any.whl",
        "--additional-python-modules": "requests>=2.31", "--conf": "spark.a=1", "--extra-jars": "s3://b/x.jar,s3://b/y.jar"})
    args = split_arguments(job)
    assert args.parameters == ["--JOB_NAME", "j", "--day", "2024-01-01"]
    assert args.libraries == [{"whl": "s3://b/util-1.0-py3-none-any.whl"}, {"pypi": {"package": "requests>=2.31"}},
                              {"jar": "s3://b/x.jar"}, {"jar": "s3://b/y.jar"}]
    assert args.notes[0] == "Glue-internal arguments dropped: --TempDir, --enable-metrics, --job-bookmark-option, --job-language"
    assert "s3://b/lib.zip: rebuild as a wheel" in args.notes[1]
    assert spark_conf("spark.a=1 --conf spark.b=x=y") == {"spark.a": "1", "spark.b": "x=y"}


def test_jobs_without_triggers_are_one_job_each_and_unscheduled():
    text = '{"jobs": {"a": {"script": "jobs/a.py", "worker_type": "G.1X", "number_of_workers": 2}, ' \
           '"b": {"script": "jobs/b.py"}}}'
    defs = read_definitions({"jobs/job_config.json": text}, ["jobs/a.py", "jobs/b.py"])
    bundle = build_bundle(defs, BundleOptions(name="p"), script_paths={"jobs/a.py": "jobs/a.py"})
    assert sorted(bundle.files) == ["databricks.yml", "resources/a.job.yml"]
    (a, b) = bundle.jobs
    assert (a.key, a.status, a.schedule, a.tasks) == ("a", "generated", None, ["a"])
    assert (b.status, b.notes) == ("failed", ["b: jobs/b.py was not converted; no task"])


def test_invalid_schedule_fails_that_job_naming_trigger_and_file():
    text = '{"Triggers": [{"Name": "nightly", "Type": "SCHEDULED", "Schedule": "cron(0 25 * * ? *)", ' \
           '"Actions": [{"JobName": "a"}]}]}'
    jobs = '{"Jobs": [{"Name": "a", "Command": {"ScriptLocation": "s3://b/jobs/a.py"}}]}'
    defs = read_definitions({"glue/triggers.json": text, "glue/jobs.json": jobs}, ["jobs/a.py"])
    bundle = build_bundle(defs, BundleOptions())
    (job,) = bundle.jobs
    assert job.status == "failed" and bundle.files == {}
    assert job.notes == ["glue/triggers.json: trigger nightly: schedule 'cron(0 25 * * ? *)': hours '25': "
                         "'25' is not a value 0-23"]


def test_databricks_yml_targets_and_hosts():
    bundle = _claims(BundleOptions(name="claims", hosts={"dev": "https://dev.cloud.databricks.com",
                                                         "prod": "https://prod.cloud.databricks.com"}))
    config = yaml.safe_load(bundle.files["databricks.yml"])
    assert config == {"bundle": {"name": "claims"}, "include": ["resources/*.yml"], "targets": {
        "dev": {"mode": "development", "default": True, "workspace": {"host": "https://dev.cloud.databricks.com"}},
        "prod": {"mode": "production", "workspace": {"host": "https://prod.cloud.databricks.com"}}}}
    assert "${" not in bundle.files["databricks.yml"]  # the CLI does not interpolate workspace.host


def test_trigger_of_unknown_job_is_reported():
    text = '{"Triggers": [{"Name": "crawl", "Type": "ON_DEMAND", "Actions": [{"JobName": "gone"}]}]}'
    defs = read_definitions({"t.json": text})
    bundle = build_bundle(defs, BundleOptions())
    assert [str(p) for p in bundle.problems] == ["t.json: trigger crawl: starts no known Glue job; not carried over"]
    assert defs.problems == [] and bundle.files == {}
