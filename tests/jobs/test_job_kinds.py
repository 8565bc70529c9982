"""Glue job kinds other than batch Spark: a streaming job is a continuous Databricks job (created paused), a
Python shell job a single-node cluster with its modules, a Ray job a task with a note on starting Ray."""

import pytest

from g2l_core.jobs import read_definitions
from g2l_core.jobs.bundle import build_bundle
from g2l_core.options import BundleOptions

TEMPLATE = """
Resources:
  Clicks:
    Type: AWS::Glue::Job
    Properties:
      Name: clicks-stream
      Command: {Name: gluestreaming, ScriptLocation: s3://c/jobs/stream.py}
      GlueVersion: "4.0"
      WorkerType: G.1X
      NumberOfWorkers: 4
      DefaultArguments: {"--window_seconds": "60"}
  Notify:
    Type: AWS::Glue::Job
    Properties:
      Name: notify
      Command: {Name: pythonshell, PythonVersion: "3.9", ScriptLocation: s3://c/jobs/notify.py}
      MaxCapacity: 0.0625
      DefaultArguments: {"--additional-python-modules": "pandas==2.0.3,requests"}
  Ranks:
    Type: AWS::Glue::Job
    Properties:
      Name: ranks
      Command: {Name: glueray, Runtime: Ray2.4, ScriptLocation: s3://c/jobs/ranks.py}
      WorkerType: Z.2X
      NumberOfWorkers: 3
"""
REPO = ["jobs/stream.py", "jobs/notify.py", "jobs/ranks.py"]


@pytest.fixture(scope="module")
def bundle():
    return {j.name: j for j in build_bundle(read_definitions({"stack.yaml": TEMPLATE}, REPO), BundleOptions()).jobs}


def test_streaming_job_is_continuous_and_paused(bundle):
    job = bundle["clicks-stream"]
    assert job.definition["continuous"] == {"pause_status": "PAUSED"} and "schedule" not in job.definition
    assert job.definition["tasks"][0]["spark_python_task"]["parameters"] == [
        "--JOB_NAME", "clicks-stream", "--window_seconds", "60"]
    assert any(n.startswith("Glue streaming job: a continuous Databricks job, created paused") for n in job.notes)


def test_python_shell_job_is_single_node_with_its_modules(bundle):
    job = bundle["notify"]
    [task] = job.definition["tasks"]
    assert task["libraries"] == [{"pypi": {"package": "pandas==2.0.3"}}, {"pypi": {"package": "requests"}}]
    [cluster] = job.definition["job_clusters"]
    assert cluster["new_cluster"]["num_workers"] == 0
    assert "continuous" not in job.definition


def test_ray_job_is_a_task_with_a_note(bundle):
    job = bundle["ranks"]
    assert job.status == "generated"
    assert "ranks: a Glue Ray job runs as a Python task; start Ray on the cluster with " \
           "ray.util.spark.setup_ray_cluster before the script's ray.init()" in job.notes


@pytest.mark.parametrize(("arguments", "libraries"), [
    ({"--additional-python-modules": "s3://deps/requirements.txt", "--python-modules-installer-option": "-r"},
     [{"requirements": "s3://deps/requirements.txt"}]),
    ({"--additional-python-modules": "pyarrow==14.0.1, s3://deps/lib-1.0-py3-none-any.whl",
      "--python-modules-installer-option": "--upgrade"},
     [{"pypi": {"package": "pyarrow==14.0.1"}}, {"whl": "s3://deps/lib-1.0-py3-none-any.whl"}]),
])
def test_additional_python_modules_spellings(arguments, libraries):
    from g2l_core.jobs.arguments import split_arguments
    from g2l_core.jobs.model import GlueJob

    out = split_arguments(GlueJob("j", "s3://c/j.py", "x.json", arguments))
    assert out.libraries == libraries
    assert "--python-modules-installer-option" not in out.parameters


def test_job_config_in_camel_case():
    text = '{"jobs": {"daily": {"scriptLocation": "jobs/notify.py", "workerType": "G.2X", "numberOfWorkers": 3, ' \
           '"defaultArguments": {"--job-bookmark-option": "job-bookmark-enable"}}}}'
    job = read_definitions({"job_config.json": text}, REPO).jobs["daily"]
    assert (job.repo_script, job.worker_type, job.number_of_workers, job.bookmarks) == ("jobs/notify.py", "G.2X", 3, True)
