"""Glue notebooks are Databricks jobs: their session magics (``%worker_type``, ``%%configure``...) size the
cluster, set its Spark conf, install its libraries and pass its parameters; what Databricks has no setting for
is said in the job's description and notes."""

import json
import shutil

import pytest
import yaml
from databricks.bundles.jobs import Job

from g2l_core.config import parse_registry
from g2l_core.convert.cli import main as convert_main
from g2l_core.gitrepo import ensure_seeded_remote
from g2l_core.jobs import read_definitions
from g2l_core.jobs.bundle import build_bundle
from g2l_core.jobs.cli import main as jobs_main
from g2l_core.jobs.model import JobDefinitions
from g2l_core.options import BundleOptions
from tests.jobs.conftest import FIXTURES, on_branch, sync_project

NOTEBOOK = FIXTURES / "notebooks" / "orders_enrichment.ipynb"


def _job_yaml(files, key):
    job = yaml.safe_load(files[f"resources/{key}.job.yml"])["resources"]["jobs"][key]
    Job.from_dict(job)
    return job


def test_g2l_jobs_makes_a_job_of_a_notebook_from_its_session_magics(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, src / "notebooks" / NOTEBOOK.name)
    convert_main(["convert", str(src), str(out)])
    assert jobs_main(["jobs", str(src), str(out)]) == 0
    text = (out / "resources" / "orders_enrichment.job.yml").read_text()
    job = yaml.safe_load(text)["resources"]["jobs"]["orders_enrichment"]
    Job.from_dict(job)
    [task] = job["tasks"]
    assert task == {
        "task_key": "orders_enrichment",
        "notebook_task": {"notebook_path": "../notebooks/orders_enrichment.ipynb",
                          "base_parameters": {"JOB_NAME": "orders_enrichment", "target_database": "curated",
                                              "run_date": "today"}},
        "job_cluster_key": "orders_enrichment_cluster",
        "libraries": [{"whl": "s3://acme-glue-libs/orders_common-1.4.0-py3-none-any.whl"},
                      {"pypi": {"package": "pyarrow==14.0.1"}}, {"pypi": {"package": "holidays"}}],
        "timeout_seconds": 180 * 60,  # %%configure "timeout": the session's lifetime in minutes
    }
    [cluster] = job["job_clusters"]
    assert cluster["new_cluster"] == {  # %worker_type G.2X, %number_of_workers 6: a driver and 5 workers
        "spark_version": "13.3.x-scala2.12", "node_type_id": "m5d.2xlarge", "num_workers": 5,
        "spark_conf": {"spark.sql.shuffle.partitions": "96", "spark.sql.sources.partitionOverwriteMode": "dynamic"}}
    assert job["description"].splitlines() == [
        "From the Glue settings, for a person to act on:",
        "- orders_enrichment: idle timeout 2880 minutes: a job cluster ends with its run, there is nothing to set",
        "- orders_enrichment: the notebook reads its parameters with getResolvedOptions: a notebook task passes "
        "them as widgets (base_parameters), which the converted code reads when the project converts with params: "
        "widgets",
        "- orders_enrichment: Glue connections orders-postgres: converted code reads their credentials from the "
        "secret scope; the cluster needs network access to their hosts (VPC peering or PrivateLink)"]
    assert "description: |" in text  # read in the file as it shows in Databricks
    report = json.loads((out / "g2l_jobs_report.json").read_text())
    [entry] = report["jobs"]
    assert entry["sources"] == ["notebooks/orders_enrichment.ipynb"]
    assert "orders_enrichment: Glue-internal arguments dropped: --job-bookmark-option" in entry["notes"]
    assert report["scripts_not_in_out"] == []  # g2l convert wrote the notebook the task runs
    assert "orders_enrichment: generated, schedule none, tasks orders_enrichment" in capsys.readouterr().out


def _notebook(*cells: str) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": c} for c in cells],
                       "metadata": {"kernelspec": {"name": "glue_pyspark", "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


def _notebook_job(*cells, options=BundleOptions(name="nb"), path="jobs/daily.ipynb"):
    bundle = build_bundle(JobDefinitions(), options, {path: path}, notebooks={path: _notebook(*cells)})
    [job] = bundle.jobs
    return job, _job_yaml(bundle.files, job.key)


CASES = [
    pytest.param(["x = 1"], lambda job: (job["job_clusters"][0]["new_cluster"]["num_workers"],
                                         job["job_clusters"][0]["new_cluster"]["node_type_id"]), (4, "m5d.xlarge"),
                 id="no-magic-sized-as-a-session-by-default"),
    pytest.param(['%%configure\n{"worker_type": "G.4X", "NumberOfWorkers": 3, "GlueVersion": "5.0"}', "x = 1"],
                 lambda job: job["job_clusters"][0]["new_cluster"],
                 {"spark_version": "15.4.x-scala2.12", "node_type_id": "m5d.4xlarge", "num_workers": 2},
                 id="configure-sizes-in-any-spelling"),
    pytest.param(["%worker_type G.1X\n%number_of_workers 1\nx = 1"],
                 lambda job: job["job_clusters"][0]["new_cluster"]["custom_tags"], {"ResourceClass": "SingleNode"},
                 id="one-worker-is-single-node"),
    pytest.param(["%streaming\n%number_of_workers 3\nx = 1"], lambda job: job["continuous"], {"pause_status": "PAUSED"},
                 id="streaming-session-is-a-continuous-job"),
    pytest.param(["%timeout 90\nx = 1"], lambda job: job["tasks"][0]["timeout_seconds"], 5400, id="timeout"),
    pytest.param(['%%tags\n{"team": "orders", "cost-center": "42"}', "x = 1"], lambda job: job["tags"],
                 {"team": "orders", "cost-center": "42"}, id="tags"),
    pytest.param(["%extra_jars s3://libs/deequ-2.0.4.jar\n%additional_python_modules s3://libs/reqs.txt\nx = 1"],
                 lambda job: job["tasks"][0]["libraries"],
                 [{"requirements": "s3://libs/reqs.txt"}, {"jar": "s3://libs/deequ-2.0.4.jar"}], id="jars-requirements"),
    pytest.param(['%%configure\n{"--additional-python-modules": "pandas==2.1.4", "--env": "prod", '
                  '"--enable-glue-datacatalog": true}', "%additional_python_modules pandas==2.1.4,holidays\nx = 1"],
                 lambda job: (job["tasks"][0]["libraries"], job["tasks"][0]["notebook_task"]["base_parameters"]),
                 ([{"pypi": {"package": "pandas==2.1.4"}}, {"pypi": {"package": "holidays"}}],
                  {"JOB_NAME": "daily", "env": "prod"}),
                 id="modules-from-magic-and-configure-once-each"),
    pytest.param(["%iam_role arn:aws:iam::123456789012:role/glue-orders\nx = 1"],
                 lambda job: job["description"].splitlines()[2],
                 "- daily: the session ran as IAM role arn:aws:iam::123456789012:role/glue-orders: give the job "
                 "cluster an instance profile (or Unity Catalog credentials) with the same access", id="iam-role"),
]


@pytest.mark.parametrize("cells,part,expected", CASES)
def test_session_magic_becomes_job_setting(cells, part, expected):
    _, job = _notebook_job(*cells)
    assert part(job) == expected


def test_a_notebook_on_serverless_compute_installs_its_libraries_with_pip():
    """A serverless notebook task takes no environment: the notes say what to %pip install instead."""
    result, job = _notebook_job("%additional_python_modules holidays\n%spark_conf spark.sql.shuffle.partitions=8\nx = 1",
                                options=BundleOptions(name="nb", compute="serverless"))
    [task] = job["tasks"]
    assert "environment_key" not in task and "environments" not in job and "job_clusters" not in job
    assert "daily: on serverless compute, install holidays with %pip install at the top of the notebook" in result.notes
    assert "daily: --conf spark.sql.shuffle.partitions not settable on serverless compute" in result.notes


def test_a_job_definition_running_a_notebook_is_completed_by_its_session():
    """A Glue Studio notebook job runs the script Glue generated from the notebook (``scripts/<name>.py``): the
    notebook is its source. The definition is what Glue runs, so its size and arguments win; the session adds
    what the definition leaves out, and a disagreement is named."""
    get_jobs = {"Jobs": [{
        "Name": "orders-enrichment", "Role": "arn:aws:iam::123456789012:role/glue",
        "Command": {"Name": "glueetl", "ScriptLocation": "s3://aws-glue-assets-123456789012-eu-west-1/scripts/"
                                                         "orders_enrichment.py"},
        "DefaultArguments": {"--run_date": "yesterday", "--job-language": "python"},
        "WorkerType": "G.1X", "NumberOfWorkers": 10, "GlueVersion": "4.0"}]}
    repo = ["notebooks/orders_enrichment.ipynb", "README.md"]
    defs = read_definitions({"glue/jobs.json": json.dumps(get_jobs)}, repo)
    assert defs.jobs["orders-enrichment"].repo_script == "notebooks/orders_enrichment.ipynb"
    bundle = build_bundle(defs, BundleOptions(name="orders"), {p: p for p in repo},
                          notebooks={repo[0]: NOTEBOOK.read_text()})
    [result] = bundle.jobs
    job = _job_yaml(bundle.files, "orders_enrichment")
    [task] = job["tasks"]
    assert task["notebook_task"]["base_parameters"] == {
        "JOB_NAME": "orders-enrichment", "run_date": "yesterday", "target_database": "curated"}
    assert job["job_clusters"][0]["new_cluster"]["node_type_id"] == "m5d.xlarge"
    assert job["job_clusters"][0]["new_cluster"]["num_workers"] == 9
    assert {"pypi": {"package": "holidays"}} in task["libraries"] and task["timeout_seconds"] == 10800
    assert result.notes[:3] == [
        "orders-enrichment: idle timeout 2880 minutes: a job cluster ends with its run, there is nothing to set",
        "orders-enrichment: the notebook's session is 6 G.2X workers; the job definition's size is used",
        "orders-enrichment: --run_date: the notebook's session says 'today', the job definition 'yesterday', "
        "which is used"]
    assert len(bundle.jobs) == 1  # the notebook is that job, not a second one


def test_a_notebook_named_like_a_glue_job_gets_a_job_named_after_its_path():
    get_jobs = {"Jobs": [{"Name": "daily", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/daily.py"}}]}
    repo = ["jobs/daily.py", "explore/daily.ipynb"]
    defs = read_definitions({"jobs.json": json.dumps(get_jobs)}, repo)
    bundle = build_bundle(defs, BundleOptions(name="x"), {p: p for p in repo},
                          notebooks={"explore/daily.ipynb": _notebook("x = 1")})
    assert sorted(j.name for j in bundle.jobs) == ["daily", "explore_daily"]


def test_a_notebook_that_is_not_valid_gets_no_job_and_is_named():
    bundle = build_bundle(JobDefinitions(), BundleOptions(name="x"), {"a.ipynb": "a.ipynb"},
                          notebooks={"a.ipynb": '{"cells": ['})
    assert bundle.jobs == []
    [problem] = bundle.problems
    assert str(problem).startswith("a.ipynb: notebook: a.ipynb: not a valid notebook") and "no Databricks job" in str(problem)


def test_the_jobs_stage_publishes_a_job_for_a_migrated_notebook(tmp_path):
    """On real git repositories, a project without job definitions: its converted notebook is a job of the
    bundle on the sync branch, running the converted notebook published beside it."""
    glue = tmp_path / "glue_seed"
    (glue / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, glue / "notebooks" / NOTEBOOK.name)
    (tmp_path / "target_seed").mkdir()
    (tmp_path / "target_seed" / "README.md").write_text("Databricks side\n")
    remotes = tmp_path / "remotes"
    ensure_seeded_remote(str(remotes / "glue.git"), str(glue))
    ensure_seeded_remote(str(remotes / "databricks.git"), str(tmp_path / "target_seed"))
    [project] = parse_registry(f"""
projects:
  - name: orders
    glue: {{url: {remotes}/glue.git, paths: [notebooks/]}}
    target: {{url: {remotes}/databricks.git}}
""")
    result, target_dir = sync_project(project, tmp_path)
    [row] = result.rows.to_dicts()
    assert (row["job"], row["status"], row["sync_action"], row["source"]) == (
        "orders_enrichment", "generated", "added", "notebooks/orders_enrichment.ipynb")
    assert "idle timeout 2880 minutes" in row["notes"]
    job = yaml.safe_load(on_branch(target_dir, "g2l/sync", "resources/orders_enrichment.job.yml"))
    [task] = job["resources"]["jobs"]["orders_enrichment"]["tasks"]
    assert task["notebook_task"]["notebook_path"] == "../notebooks/orders_enrichment.ipynb"
    published = json.loads(on_branch(target_dir, "g2l/sync", "notebooks/orders_enrichment.ipynb"))
    assert published["metadata"]["kernelspec"]["name"] == "python3"
