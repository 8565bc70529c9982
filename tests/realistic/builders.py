"""Realistic Glue repositories for issue 9, built as real git repositories in a temporary folder.

Four shapes, each from fixture files under ``fixtures/`` (Glue Studio and hand-written jobs are taken
from the corpus in ``tests/corpus/jobs`` so each job is written once):
- ``packaged_library``: Glue code inside classes and functions of an installable package, no DDL;
- ``studio_datalake``: eight Glue Studio jobs, an Athena script mixing CTAS, SHOW CREATE TABLE DDL and
  queries, a CloudFormation stack with jobs and crawlers but no tables;
- ``samples_repo``: examples and utilities, tests that mock ``awsglue`` (with a conftest.py), no DDL;
- ``empty_target``: two hand-written jobs whose Databricks target is a bare repository with no commits;
- ``cli_input_library``: a ``src/`` package shipped as a wheel (``--extra-py-files``), jobs importing it, pytest
  tests mocking ``awsglue``, a Makefile, ``aws glue create-job --cli-input-json`` files and a workflow export;
- ``mixed_scala_hql``: a Scala GlueApp next to PySpark jobs (purge, bookmarks), Athena DDL in ``.hql`` files
  (partition projection, MSCK REPAIR, ADD PARTITION, Trino views, comments), docs, CloudFormation;
- ``airflow_platform``: 22 template jobs subclassing one base class over GlueContext, a YAML config each, JDBC
  reads through Glue connections, Terraform ``for_each`` jobs, and an Airflow DAG as the only job order.

``build(shape, root)`` makes the Glue remote and the target remote; ``write_registry`` the projects.yaml
``g2l run`` reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import git, make_git_repo

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
CORPUS = HERE.parent / "corpus" / "jobs"

STUDIO_JOBS = (
    "studio_orders_catalog_to_s3.py", "studio_customers_sql_query.py", "studio_sensor_join_dropfields.py",
    "studio_filter_select_fields.py", "studio_partitioned_parquet_sink.py", "studio_union_rename.py",
    "studio_drop_duplicates_sql.py", "studio_hyphen_database.py",
)
SAMPLE_EXAMPLES = (
    "hand_join_and_relationalize.py", "hand_bookmarked_incremental.py", "hand_resolve_choice_cast.py",
    "hand_purge_and_rewrite.py",
)
EMPTY_TARGET_JOBS = ("hand_daily_aggregate.py", "hand_spark_sql_only.py")
FIXTURE_SHAPES = ("cli_input_library", "mixed_scala_hql", "airflow_platform")
SHAPES = ("packaged_library", "studio_datalake", "samples_repo", "empty_target", *FIXTURE_SHAPES)


@dataclass(frozen=True)
class Project:
    """One registry entry: remotes built by ``build`` and the settings a user would write for them."""

    name: str
    glue_url: Path
    target_url: Path
    paths: tuple[str, ...]
    ddl_paths: tuple[str, ...] | None = None  # None: leave the registry default
    job_definitions: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def fixture_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def corpus_files(names: tuple[str, ...], under: str) -> dict[str, str]:
    return {f"{under}/{name}": (CORPUS / name).read_text(encoding="utf-8") for name in names}


def make_remote(path: Path, files: dict[str, str], message: str = "Initial import") -> Path:
    """A bare repository at ``path`` whose ``main`` holds ``files`` in one commit."""
    work = path.with_name(path.name + ".work")
    make_git_repo(work, files, message=message, author="Data Eng <data-eng@example.com>")
    git(path.parent, "clone", "-q", "--bare", str(work), str(path))
    return path


def make_empty_remote(path: Path) -> Path:
    """A bare repository with no commits, as a freshly created hosted repository is."""
    path.mkdir(parents=True)
    git(path, "init", "-q", "--bare", "-b", "main")
    return path


def glue_files(shape: str) -> dict[str, str]:
    if shape == "packaged_library" or shape in FIXTURE_SHAPES:
        return fixture_files(FIXTURES / shape)
    if shape == "studio_datalake":
        return fixture_files(FIXTURES / "studio_datalake") | corpus_files(STUDIO_JOBS, "glue")
    if shape == "samples_repo":
        return fixture_files(FIXTURES / "samples_repo") | corpus_files(SAMPLE_EXAMPLES, "examples")
    if shape == "empty_target":
        return {"README.md": "# nightly aggregates\n"} | corpus_files(EMPTY_TARGET_JOBS, "jobs")
    raise ValueError(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")


def build(shape: str, root: Path) -> Project:
    """Glue and target remotes for ``shape`` under ``root``, and the registry entry a user would write."""
    remotes = root / "remotes" / shape
    remotes.mkdir(parents=True)
    glue = make_remote(remotes / "glue.git", glue_files(shape))
    if shape == "empty_target":
        target = make_empty_remote(remotes / "databricks.git")
    else:
        target = make_remote(remotes / "databricks.git", {"README.md": "# Databricks jobs\n"})
    settings = {
        "packaged_library": dict(paths=("src/", "jobs/"), ddl_paths=()),
        "studio_datalake": dict(paths=("glue/",), ddl_paths=("athena/", "cloudformation/"),
                                job_definitions=("cloudformation/*.yaml",)),
        "samples_repo": dict(paths=("examples/", "utilities/")),
        "empty_target": dict(paths=("jobs/",), ddl_paths=()),
        "cli_input_library": dict(paths=("glue_jobs/", "src/"), ddl_paths=("ddl/",),
                                  job_definitions=("deploy/jobs/*.json", "deploy/workflows/*.json"),
                                  extra={"schema_map": "{claims_raw: bronze, claims_curated: silver}"}),
        "mixed_scala_hql": dict(paths=("jobs/",), ddl_paths=("hql/",), job_definitions=("infra/glue.yaml",)),
        "airflow_platform": dict(paths=("jobs/", "common/"), ddl_paths=(),
                                 job_definitions=("terraform/*.tf", "dags/*.py"),
                                 extra={"secrets": "{scope: analytics-jdbc}"}),
    }[shape]
    return Project(name=shape, glue_url=glue, target_url=target, **settings)


def _yaml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def write_registry(path: Path, projects: list[Project]) -> Path:
    """A projects.yaml for ``projects``, written as a user would write it by hand."""
    lines = ["projects:"]
    for p in projects:
        lines += [f"  - name: {p.name}", "    glue:", f"      url: {p.glue_url}", "      branch: main",
                  f"      paths: {_yaml_list(p.paths)}"]
        if p.ddl_paths is not None:
            lines.append(f"      ddl_paths: {_yaml_list(p.ddl_paths)}")
        if p.job_definitions:
            lines.append(f"      job_definitions: {_yaml_list(p.job_definitions)}")
        lines += ["    target:", f"      url: {p.target_url}", "      branch: main", "      sync_branch: g2l/sync",
                  "    catalog: main"]
        lines += [f"    {key}: {value}" for key, value in p.extra.items()]
    path.write_text("\n".join(lines) + "\n")
    return path
