"""A Scala Glue job, which g2l does not convert, is a ``spark_jar_task`` running the jar its ported code builds
into: Glue's ``--class`` as the main class, the jar a placeholder under the bundle's artifact path, named in the
notes and the report, and the job paused until someone builds it."""

import json

import pytest
import yaml
from databricks.bundles.jobs import Job

from g2l_core.jobs import read_definitions
from g2l_core.jobs.bundle import build_bundle
from g2l_core.jobs.cli import main as jobs_main
from g2l_core.options import BundleOptions

TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Dedupe:
    Type: AWS::Glue::Job
    Properties:
      Name: clicks-dedupe
      GlueVersion: "4.0"
      WorkerType: G.2X
      NumberOfWorkers: 5
      Command: {Name: glueetl, ScriptLocation: s3://acme-artifacts/scala/DedupeClicks.scala}
      DefaultArguments:
        --job-language: scala
        --class: com.acme.clicks.DedupeApp
        --extra-jars: s3://acme-artifacts/jars/json-serde.jar
        --window_hours: "24"
  Sessionize:
    Type: AWS::Glue::Job
    Properties:
      Name: clicks-sessionize
      Command: {Name: glueetl, ScriptLocation: s3://acme-artifacts/python/sessionize.py}
  Nightly:
    Type: AWS::Glue::Trigger
    Properties:
      Name: clicks-nightly
      Type: SCHEDULED
      Schedule: cron(15 1 * * ? *)
      Actions: [{JobName: clicks-dedupe}]
  After:
    Type: AWS::Glue::Trigger
    Properties:
      Name: clicks-after-dedupe
      Type: CONDITIONAL
      Actions: [{JobName: clicks-sessionize}]
      Predicate: {Conditions: [{LogicalOperator: EQUALS, JobName: clicks-dedupe, State: SUCCEEDED}]}
"""
REPO = ["jobs/scala/DedupeClicks.scala", "jobs/python/sessionize.py"]
JAR = "${workspace.artifact_path}/jars/clicks-dedupe.jar"


def _bundle(template=TEMPLATE, options=BundleOptions(name="clicks")):
    defs = read_definitions({"infra/glue.yaml": template}, REPO)
    return build_bundle(defs, options, {"jobs/python/sessionize.py": "jobs/python/sessionize.py"})


def test_a_scala_glue_job_runs_the_jar_of_its_ported_code_and_its_job_is_paused():
    [job] = _bundle().jobs
    definition = yaml.safe_load(yaml.safe_dump(job.definition))
    Job.from_dict(definition)
    tasks = {t["task_key"]: t for t in definition["tasks"]}
    assert tasks["clicks-dedupe"]["spark_jar_task"] == {
        "main_class_name": "com.acme.clicks.DedupeApp",
        "parameters": ["--JOB_NAME", "clicks-dedupe", "--window_hours", "24"]}
    assert tasks["clicks-dedupe"]["libraries"] == [{"jar": JAR}, {"jar": "s3://acme-artifacts/jars/json-serde.jar"}]
    assert tasks["clicks-sessionize"]["depends_on"] == [{"task_key": "clicks-dedupe"}]  # the order is kept
    assert definition["schedule"]["pause_status"] == "PAUSED"
    assert definition["description"] == (
        "Scala Glue job(s) clicks-dedupe: the Scala source needs porting to Spark on Databricks to build the jar each "
        f"task runs: {JAR}. Paused until then.")
    assert (job.status, job.jars) == ("incomplete", [JAR])
    assert ("clicks-dedupe: Scala Glue job: port jobs/scala/DedupeClicks.scala to Spark on Databricks (no GlueContext "
            "or DynamicFrame), build it as a jar with main class com.acme.clicks.DedupeApp, and upload it to "
            f"{JAR} (or build it with a jar artifact of the bundle and point the library at it); the job stays "
            "paused until then") in job.notes
    clusters = {c["job_cluster_key"]: c["new_cluster"] for c in definition["job_clusters"]}
    assert clusters[tasks["clicks-dedupe"]["job_cluster_key"]]["num_workers"] == 4  # sized as on Glue
    assert not any("--class" in n or "--job-language" in n for n in job.notes if "dropped" in n)


@pytest.mark.parametrize(("change", "check"), [
    # Glue Studio names a Scala script's class GlueApp; without --class that is assumed, and said
    (lambda t: t.replace("        --class: com.acme.clicks.DedupeApp\n", ""),
     lambda job: (job.definition["tasks"][0]["spark_jar_task"]["main_class_name"] == "GlueApp"
                  and "clicks-dedupe: no --class argument: main class GlueApp assumed (Glue Studio's name)" in job.notes)),
    # Known as Scala by its script alone (no --job-language), and not found in the repository: still a jar task
    (lambda t: t.replace("        --job-language: scala\n", "").replace("scala/DedupeClicks", "legacy/Dedupe"),
     lambda job: job.definition["tasks"][0]["spark_jar_task"]["main_class_name"] == "com.acme.clicks.DedupeApp"
     and any("port s3://acme-artifacts/legacy/Dedupe.scala" in n for n in job.notes)),
    # On demand: nothing to pause, still incomplete until the jar exists
    (lambda t: t.replace("Type: SCHEDULED\n      Schedule: cron(15 1 * * ? *)", "Type: ON_DEMAND"),
     lambda job: "schedule" not in job.definition and job.status == "incomplete"),
])
def test_scala_job_variants(change, check):
    [job] = _bundle(change(TEMPLATE)).jobs
    Job.from_dict(job.definition)
    assert check(job)


def test_on_serverless_compute_the_jar_task_gets_a_job_cluster():
    [job] = _bundle(options=BundleOptions(name="clicks", compute="serverless")).jobs
    Job.from_dict(job.definition)
    tasks = {t["task_key"]: t for t in job.definition["tasks"]}
    assert "job_cluster_key" in tasks["clicks-dedupe"] and "environment_key" in tasks["clicks-sessionize"]
    assert ("clicks-dedupe: the jar task runs on a job cluster (serverless compute here runs Python and notebooks)"
            in job.notes)


def test_g2l_jobs_names_the_jars_to_build_in_its_report(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    for path in [*REPO, "infra/glue.yaml"]:
        (src / path).parent.mkdir(parents=True, exist_ok=True)
    (src / "infra/glue.yaml").write_text(TEMPLATE)
    (src / "jobs/scala/DedupeClicks.scala").write_text("object DedupeApp { def main(args: Array[String]): Unit = {} }\n")
    (src / "jobs/python/sessionize.py").write_text("print('sessions')\n")
    assert jobs_main(["jobs", str(src), str(out)]) == 0
    report = json.loads((out / "g2l_jobs_report.json").read_text())
    [entry] = report["jobs"]
    assert (entry["status"], entry["jars"]) == ("incomplete", [JAR])
    assert report["scripts_not_in_out"] == ["jobs/python/sessionize.py"]  # the jar task runs no script
    assert f"note: 1 jars to build from Scala Glue jobs ported by hand (their jobs are paused): {JAR}" in \
        capsys.readouterr().out
