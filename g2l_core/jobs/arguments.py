"""Glue ``DefaultArguments`` split into what a Databricks task takes: parameters, Spark conf, libraries.

Glue's special parameters configure Glue itself (bookmarks, temp dir, metrics, logging, the Spark UI) and
mean nothing on Databricks: they are dropped with a note. ``--conf``, ``--extra-py-files``,
``--additional-python-modules`` and ``--extra-jars`` become Spark conf and libraries; an ``--extra-py-files``
library whose code g2l converted becomes the wheel built from the converted code (``jobs.libraries``).
Everything else is a job parameter, passed as ``--name value`` like Glue does, after ``--JOB_NAME`` which
Glue always passes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from g2l_core.jobs.libraries import ConvertedLibrary
from g2l_core.jobs.model import GlueJob

GLUE_INTERNAL = frozenset({
    "--job-bookmark-option", "--TempDir", "--enable-metrics", "--enable-observability-metrics",
    "--enable-continuous-cloudwatch-log", "--enable-continuous-log-filter", "--continuous-log-logGroup",
    "--continuous-log-logStreamPrefix", "--continuous-log-conversionPattern", "--enable-spark-ui",
    "--spark-event-logs-path", "--enable-glue-datacatalog", "--job-language", "--enable-job-insights",
    "--enable-auto-scaling", "--enable-s3-parquet-optimized-committer", "--enable-rename-algorithm-v2",
    "--user-jars-first", "--python-modules-installer-option", "--encryption-type", "--class",
    "--write-shuffle-files-to-s3", "--write-shuffle-spills-to-s3", "--datalake-formats", "--extra-files",
    "--scriptLocation", "--auto-scale-within-microbatch", "--enable-data-lineage", "--JOB_NAME",
})
LIBRARY_ARGUMENTS = ("--conf", "--extra-py-files", "--additional-python-modules", "--extra-jars")


@dataclass
class TaskArguments:
    parameters: list[str] = field(default_factory=list)
    spark_conf: dict[str, str] = field(default_factory=dict)
    libraries: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    built: list[ConvertedLibrary] = field(default_factory=list)  # wheels the bundle must build


def split_arguments(job: GlueJob, overrides: Mapping[str, str] | None = None,
                    converted: Mapping[str, ConvertedLibrary] | None = None) -> TaskArguments:
    """``overrides`` are the starting trigger's action ``Arguments`` (they win over the job's defaults);
    ``converted`` maps ``--extra-py-files`` entries to the converted code replacing them. Library paths are
    relative to ``resources/``, where the job files are. A Scala job's ``--class`` and ``--job-language`` are
    its task's (``spark_jar_task``), not dropped."""
    args = {**job.arguments, **(overrides or {})}
    out = TaskArguments(parameters=["--JOB_NAME", job.name])
    used = {"--class", "--job-language"} if job.scala else set()
    dropped = sorted(k for k in args if k in GLUE_INTERNAL and k != "--JOB_NAME" and k not in used)
    if dropped:
        out.notes.append(f"Glue-internal arguments dropped: {', '.join(dropped)}")
    for key, value in args.items():
        if key in GLUE_INTERNAL or key in LIBRARY_ARGUMENTS:
            continue
        name = key if key.startswith("--") else f"--{key}"
        out.parameters += [name, value]
    out.spark_conf = spark_conf(args.get("--conf", ""))
    _python_libraries(args, out, converted or {})
    for jar in _items(args.get("--extra-jars", "")):
        out.libraries.append({"jar": jar})
    return out


def spark_conf(value: str) -> dict[str, str]:
    """Glue's ``--conf`` value: ``a=1 --conf b=2`` (the documented way to pass several)."""
    conf = {}
    for part in value.replace(" --conf ", "\n").replace("--conf ", "\n").splitlines():
        key, eq, val = part.strip().partition("=")
        if key and eq:
            conf[key.strip()] = val.strip()
    return conf


def _python_libraries(args: Mapping[str, str], out: TaskArguments, converted: Mapping[str, ConvertedLibrary]) -> None:
    for path in _items(args.get("--extra-py-files", "")):
        if path in converted:
            lib = converted[path]
            if lib not in out.built:
                out.built.append(lib)
                out.libraries.append({"whl": f"../{lib.wheels}"})
            out.notes.append(f"--extra-py-files {path}: Glue's build of {lib.name} replaced by a wheel built from the "
                             f"converted {lib.source} (bundle artifact {lib.name}, build config {lib.folder})")
        elif path.endswith(".whl"):
            out.libraries.append({"whl": path})
        else:
            out.notes.append(f"--extra-py-files {path}: rebuild as a wheel (or keep the package in this "
                             "repository next to the scripts) and add it as a whl library")
    requirements = "-r" in args.get("--python-modules-installer-option", "").split()
    for spec in _items(args.get("--additional-python-modules", "")):
        if requirements or spec.endswith(".txt"):  # pip install -r <file>: a requirements file, not a package
            out.libraries.append({"requirements": spec})
            if "://" in spec:
                out.notes.append(f"--additional-python-modules {spec}: a requirements file; copy it to a volume or "
                                 "workspace path, where Databricks reads requirements files")
        else:
            out.libraries.append({"whl": spec} if spec.endswith(".whl") else {"pypi": {"package": spec}})


def _items(value: str) -> list[str]:
    return [x.strip() for x in value.split(",") if x.strip()]
