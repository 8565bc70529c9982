"""Glue libraries whose code g2l converted: the task installs a wheel built from the converted package, never
the Glue-built artifact (it still imports awsglue). Table-driven, then end to end on a packaged Glue repo
whose wheel is built for real from the sync branch and imported without awsglue."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from databricks.bundles.jobs import Job

from g2l_core.config import parse_registry
from g2l_core.gitrepo import git
from g2l_core.jobs import read_definitions
from g2l_core.jobs.arguments import split_arguments
from g2l_core.jobs.bundle import build_bundle
from g2l_core.jobs.libraries import ConvertedLibrary, converted_libraries, import_name, locate
from g2l_core.jobs.model import GlueJob
from g2l_core.options import BundleOptions
from tests.conftest import make_git_repo
from tests.jobs.conftest import on_branch, sync_project

GLUE_WHEEL = "s3://claims-glue-scripts/dist/claimslib-2.3.0-py3-none-any.whl"
VENDOR_WHEEL = "s3://claims-glue-scripts/vendor/policy_sdk-1.4.2-py3-none-any.whl"
ARTIFACT_KEYS = {"type", "path", "build", "files", "executable", "dynamic_version"}  # documented artifact fields


@pytest.mark.parametrize(("location", "expected"), [
    (GLUE_WHEEL, ("claimslib", "2.3.0")),
    ("s3://b/dist/claims_lib-1.0rc1-py3-none-any.whl", ("claims_lib", "1.0rc1")),
    ("s3://b/libs/claims_common.zip", ("claims_common", "0")),
    ("s3://b/libs/claims_common-1.4.zip", ("claims_common", "1.4")),
    ("s3://b/eggs/claimsutil-0.9-py3.9.egg", ("claimsutil", "0.9")),
    ("s3://b/libs/date_utils.py", ("date_utils", "0")),
    ("s3://b/libs/Claims.Util.zip", ("Claims_Util", "0")),
    ("s3://b/libs/notes.txt", None),
    ("s3://b/libs/", None),
    ("s3://b/libs/3rdparty.zip", None),
])
def test_import_name_of_a_glue_library(location, expected):
    assert import_name(location) == expected


@pytest.mark.parametrize(("tree", "found"), [
    ({"src/claimslib/__init__.py", "src/claimslib/context.py"}, [("src", "src/claimslib")]),
    ({"claimslib/__init__.py"}, [(".", "claimslib")]),
    ({"libs/claimslib.py", "jobs/a.py"}, [("libs", "libs/claimslib.py")]),
    ({"pkg/__init__.py", "pkg/claimslib/__init__.py"}, []),  # a subpackage is not what `import claimslib` finds
    ({"src/claimslib/context.py"}, []),  # no __init__.py: not a package g2l builds
    ({"src/claimslib/__init__.py", "lib/claimslib/__init__.py"}, [("lib", "lib/claimslib"), ("src", "src/claimslib")]),
    ({"src/ClaimsLib/__init__.py"}, [("src", "src/ClaimsLib")]),  # case ignored, the package's spelling kept
])
def test_locate_top_level_package_or_module(tree, found):
    assert locate("claimslib", tree) == found


def test_library_converted_twice_keeps_the_glue_artifact_with_a_note():
    found, notes = converted_libraries([GLUE_WHEEL], {"src/claimslib/__init__.py", "lib/claimslib/__init__.py"})
    assert found == {}
    assert notes == {GLUE_WHEEL: f"--extra-py-files {GLUE_WHEEL}: claimslib is converted at several places "
                                 "(lib/claimslib, src/claimslib); the Glue artifact is kept"}


def test_distribution_name_in_other_case_finds_the_package():
    location = "s3://b/dist/ClaimsLib-2.3.0-py3-none-any.whl"
    found, _ = converted_libraries([location], {"src/claimslib/__init__.py"})
    assert (found[location].name, found[location].folder) == ("claimslib", ".g2l/wheels/claimslib")


def test_two_artifacts_of_one_package_share_one_wheel():
    older = GLUE_WHEEL.replace("2.3.0", "2.2.0")
    found, _ = converted_libraries([GLUE_WHEEL, older], {"src/claimslib/__init__.py"})
    assert found[GLUE_WHEEL] is found[older] and found[GLUE_WHEEL].version == "2.2.0"


@pytest.mark.parametrize(("extra", "converted", "libraries", "note"), [
    (GLUE_WHEEL, {GLUE_WHEEL: ConvertedLibrary(GLUE_WHEEL, "claimslib", "2.3.0", "src", "src/claimslib")},
     [{"whl": "../.g2l/wheels/claimslib/dist/*.whl"}],
     f"--extra-py-files {GLUE_WHEEL}: Glue's build of claimslib replaced by a wheel built from the converted "
     "src/claimslib (bundle artifact claimslib, build config .g2l/wheels/claimslib)"),
    (f"{GLUE_WHEEL},{VENDOR_WHEEL}",
     {GLUE_WHEEL: ConvertedLibrary(GLUE_WHEEL, "claimslib", "2.3.0", "src", "src/claimslib")},
     [{"whl": "../.g2l/wheels/claimslib/dist/*.whl"}, {"whl": VENDOR_WHEEL}], None),
    (GLUE_WHEEL, {}, [{"whl": GLUE_WHEEL}], None),  # not converted: the Glue artifact, as before
    ("s3://b/libs/date_utils.py", {}, [], "--extra-py-files s3://b/libs/date_utils.py: rebuild as a wheel"),
])
def test_extra_py_files_become_libraries(extra, converted, libraries, note):
    args = split_arguments(GlueJob("j", "j.py", "f", arguments={"--extra-py-files": extra}), None, converted)
    assert args.libraries == libraries
    assert note is None or any(n.startswith(note) for n in args.notes), args.notes
    assert [lib.name for lib in args.built] == [v.name for v in converted.values()]


def _definitions(compute_job: str = "") -> str:
    return f"""{{"jobs": {{"ingest": {{"script": "jobs/ingest.py", "worker_type": "G.1X", "number_of_workers": 3,
      "default_arguments": {{"--extra-py-files": "{GLUE_WHEEL},{VENDOR_WHEEL}"}}}}{compute_job}}}}}"""


@pytest.mark.parametrize("compute", ["job_cluster", "serverless"])
def test_bundle_builds_the_converted_package_and_keeps_other_libraries(compute):
    defs = read_definitions({"jobs/job_config.json": _definitions()}, ["jobs/ingest.py"])
    tree = {"jobs/ingest.py": "jobs/ingest.py", "src/claimslib/__init__.py": "src/claimslib/__init__.py"}
    bundle = build_bundle(defs, BundleOptions(name="claims", compute=compute), tree)
    (job,) = bundle.jobs
    assert job.artifacts == ["claimslib"]
    definition = yaml.safe_load(bundle.files["resources/ingest.job.yml"])["resources"]["jobs"]["ingest"]
    Job.from_dict(definition)
    wheels = ["../.g2l/wheels/claimslib/dist/*.whl", VENDOR_WHEEL]
    if compute == "serverless":
        assert definition["environments"][0]["spec"]["dependencies"] == wheels
    else:
        assert definition["tasks"][0]["libraries"] == [{"whl": w} for w in wheels]
    config = yaml.safe_load(bundle.files["databricks.yml"])
    assert config["artifacts"] == {"claimslib": {
        "type": "whl", "path": ".g2l/wheels/claimslib", "build": "python3 -m pip wheel --no-deps --wheel-dir dist .",
        "files": [{"source": "dist/*.whl"}], "dynamic_version": True}}
    assert set(config["artifacts"]["claimslib"]) <= ARTIFACT_KEYS
    assert sorted(bundle.files) == [".g2l/wheels/claimslib/.gitignore", ".g2l/wheels/claimslib/pyproject.toml",
                                    "databricks.yml", "resources/ingest.job.yml"]
    assert GLUE_WHEEL not in "".join(t for p, t in bundle.files.items() if not p.endswith("pyproject.toml"))


def test_without_the_converted_tree_the_glue_artifact_is_kept():
    defs = read_definitions({"jobs/job_config.json": _definitions()}, ["jobs/ingest.py"])
    bundle = build_bundle(defs, BundleOptions(name="claims"))
    definition = yaml.safe_load(bundle.files["resources/ingest.job.yml"])["resources"]["jobs"]["ingest"]
    assert definition["tasks"][0]["libraries"] == [{"whl": GLUE_WHEEL}, {"whl": VENDOR_WHEEL}]
    assert "artifacts" not in yaml.safe_load(bundle.files["databricks.yml"])
    assert bundle.jobs[0].artifacts == []


def test_library_converted_twice_is_a_problem_of_each_job_using_it():
    defs = read_definitions({"jobs/job_config.json": _definitions()}, ["jobs/ingest.py"])
    tree = {"jobs/ingest.py", "src/claimslib/__init__.py", "lib/claimslib/__init__.py"}
    bundle = build_bundle(defs, BundleOptions(name="claims"), {"jobs/ingest.py": "jobs/ingest.py"}, tree)
    assert [str(p) for p in bundle.problems] == [
        f"jobs/job_config.json: job ingest: --extra-py-files {GLUE_WHEEL}: claimslib is converted at several places "
        "(lib/claimslib, src/claimslib); the Glue artifact is kept"]
    definition = yaml.safe_load(bundle.files["resources/ingest.job.yml"])["resources"]["jobs"]["ingest"]
    assert definition["tasks"][0]["libraries"][0] == {"whl": GLUE_WHEEL}


# A packaged Glue repository: a shared library under src/ built by setup.py into a wheel that Glue installs.
CLAIMS_REPO = {
    "setup.py": """from setuptools import find_packages, setup

setup(
    name="claimslib",
    version="2.3.0",
    package_dir={"": "src"},
    packages=find_packages("src"),
)
""",
    "src/claimslib/__init__.py": '"""Shared code of the claims Glue jobs."""\n\n__version__ = "2.3.0"\n',
    "src/claimslib/context.py": '''"""One place that sets up Spark, Glue and the job arguments for every claims job."""

import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext


def job_context(names=()):
    args = getResolvedOptions(sys.argv, ["JOB_NAME", *names])
    glue_context = GlueContext(SparkContext.getOrCreate())
    return glue_context, args
''',
    "src/claimslib/io/__init__.py": "",
    "src/claimslib/io/catalog.py": '''"""Reads from the Glue catalog."""


def read_table(glue_context, database, table):
    frame = glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table)
    return frame.toDF()
''',
    "jobs/ingest_policies.py": '''import sys

from claimslib.context import job_context
from claimslib.io.catalog import read_table

glue_context, args = job_context(["source_database"])
policies = read_table(glue_context, args["source_database"], "policies")
policies.dropDuplicates(["policy_id"]).write.mode("overwrite").parquet("s3://claims-curated/policies/")
''',
    "infra/glue_jobs.yaml": f"""AWSTemplateFormatVersion: "2010-09-09"
Description: Claims Glue jobs
Resources:
  IngestPolicies:
    Type: AWS::Glue::Job
    Properties:
      Name: ingest-policies
      Role: arn:aws:iam::123456789012:role/claims-glue
      GlueVersion: "4.0"
      WorkerType: G.1X
      NumberOfWorkers: 4
      Command:
        Name: glueetl
        ScriptLocation: s3://claims-glue-scripts/jobs/ingest_policies.py
      DefaultArguments:
        "--extra-py-files": {GLUE_WHEEL}
        "--source_database": claims_raw
""",
}


def _wheel_builder() -> str | None:
    """A Python that builds setuptools wheels offline (setuptools >= 64 and the wheel package)."""
    probe = ("import setuptools, wheel; "
             "assert tuple(int(x) for x in setuptools.__version__.split('.')[:2]) >= (64, 0)")
    for python in dict.fromkeys([sys.executable, "/usr/bin/python3", shutil.which("python3")]):
        if python and subprocess.run([python, "-c", probe], capture_output=True).returncode == 0:
            return python
    return None


def test_packaged_glue_library_is_built_from_the_converted_code_and_imports_without_awsglue(tmp_path):
    remotes = tmp_path / "remotes"
    remotes.mkdir()
    for name, files in (("glue", CLAIMS_REPO), ("databricks", {"README.md": "# Claims on Databricks\n"})):
        make_git_repo(tmp_path / f"{name}_work", files, author="Claims Data Eng <claims-de@example.com>")
        git(remotes, "clone", "-q", "--bare", str(tmp_path / f"{name}_work"), f"{name}.git")
    [project] = parse_registry(f"""
projects:
  - name: claims
    glue: {{url: {remotes}/glue.git, paths: [jobs/, src/], job_definitions: [infra/*.yaml]}}
    target: {{url: {remotes}/databricks.git}}
""")
    result, target_dir = sync_project(project, tmp_path)
    (row,) = result.rows.to_dicts()
    assert (row["job"], row["status"], row["sync_action"]) == ("ingest-policies", "generated", "added")
    assert (f"ingest-policies: --extra-py-files {GLUE_WHEEL}: Glue's build of claimslib replaced by a wheel built "
            "from the converted src/claimslib") in row["notes"]

    tree = tmp_path / "databricks"
    git(tmp_path, "clone", "-q", "-b", "g2l/sync", str(remotes / "databricks.git"), str(tree))
    job_text = (tree / "resources" / "ingest_policies.job.yml").read_text()
    assert "s3://claims-glue-scripts" not in job_text
    (task,) = Job.from_dict(yaml.safe_load(job_text)["resources"]["jobs"]["ingest_policies"]).as_dict()["tasks"]
    assert task["spark_python_task"]["python_file"] == "../jobs/ingest_policies.py"
    assert task["libraries"] == [{"whl": "../.g2l/wheels/claimslib/dist/*.whl"}]
    artifact = yaml.safe_load((tree / "databricks.yml").read_text())["artifacts"]["claimslib"]
    assert set(artifact) <= ARTIFACT_KEYS and artifact["type"] == "whl"
    assert "awsglue" not in (tree / "src" / "claimslib" / "context.py").read_text()
    assert on_branch(target_dir, "g2l/sync", ".g2l/wheels/claimslib/pyproject.toml") is not None

    builder = _wheel_builder()
    if builder is None:
        pytest.skip("no Python here builds setuptools wheels offline (setuptools >= 64 with wheel)")
    # The artifact's build, offline: the CLI runs `build` in `path` and uploads what `files` matches.
    build_dir = tree / artifact["path"]
    command = artifact["build"].split()
    assert command[:4] == ["python3", "-m", "pip", "wheel"]
    done = subprocess.run([builder, *command[1:4], "--no-build-isolation", "--no-index", *command[4:]],
                          cwd=build_dir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (wheel,) = build_dir.glob(artifact["files"][0]["source"])
    assert wheel.name == "claimslib-2.3.0-py3-none-any.whl"
    assert git(tree, "status", "--porcelain") == ""  # build output is ignored, nothing lands in src/

    # Installed as the task installs a library, then imported away from the repository, awsglue absent.
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    code = ("import importlib.util, claimslib.context, claimslib.io.catalog, g2l_helpers\n"
            "assert importlib.util.find_spec('awsglue') is None\n"
            "assert claimslib.context.__file__.startswith(%r), claimslib.context.__file__\n"
            "print(claimslib.context.job_context.__name__, g2l_helpers.job_arguments.__name__)\n") % str(site)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "job_context job_arguments"  # the helper module the converted code imports is packed
