"""``g2l jobs SRC OUT``: read the Glue job definitions in a folder and write a Databricks Asset Bundle
(``OUT/databricks.yml``, ``OUT/resources/<job>.job.yml``) and ``OUT/g2l_jobs_report.json``.

Tasks point at ``OUT/<script path>``, where ``g2l convert SRC OUT`` writes the converted scripts; a Glue
library in SRC is built as a wheel from its converted copy in OUT; a notebook in SRC is a job of its own
(or completes the definition running it), set up by its session magics. Exit 0
when the bundle is written (problems are in the report), 1 when a job could not be generated, 2 when the
arguments or a definition file are wrong."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from g2l_core.cli_args import parse_pairs, run_subcommand
from g2l_core.notebook import CHECKPOINTS, SOURCE_SUFFIXES, is_notebook
from g2l_core.options import CLOUDS, COMPUTE_KINDS

_CANDIDATES = (".json", ".yaml", ".yml", ".template", ".tf", ".tfvars")
_SKIP = {".git", ".venv", "node_modules", ".terraform", "__pycache__"}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser("jobs", help="Glue jobs, triggers and workflows to a Databricks Asset Bundle",
                              description=__doc__.splitlines()[0])
    p.add_argument("src", help="the Glue repository (folder)")
    p.add_argument("out", help="output folder (the bundle root)")
    p.add_argument("--definitions", action="append", default=[], metavar="GLOB",
                   help="definition files relative to SRC (repeatable; default: every file in a known format)")
    p.add_argument("--parameter", action="append", default=[], metavar="NAME=VALUE",
                   help="value for a CloudFormation parameter or Terraform variable (repeatable)")
    p.add_argument("--name", default=None, help="bundle name (default: SRC's folder name)")
    p.add_argument("--cloud", choices=CLOUDS, default="aws")
    p.add_argument("--compute", choices=COMPUTE_KINDS, default="job_cluster")
    p.set_defaults(func=run)
    return p


def _fail(message: str) -> int:
    print(f"g2l jobs: error: {message}", file=sys.stderr)
    return 2


def definition_files(src: Path, globs: list[str]) -> dict[str, str]:
    """The files to read: the ``globs``, or every file one of the formats accepts (and a ``cdk.json``, which
    names a CDK app)."""
    from g2l_core.jobs.formats import cdk, cloudformation, glue_api, job_config, serverless, terraform

    found = {}
    for path in sorted(p for p in src.rglob("*") if p.is_file() and not _SKIP & set(p.relative_to(src).parts)):
        rel = path.relative_to(src).as_posix()
        if globs:
            if not any(Path(rel).match(g) or rel == g for g in globs):
                continue
        elif not rel.endswith(_CANDIDATES):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if globs or path.name == cdk.CONFIG or any(
                f.accepts(rel, text) for f in (job_config, glue_api, serverless, cloudformation, terraform)):
            found[rel] = text
    return found


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: ``g2l`` builds every subcommand's parser, and the Databricks bundle models
    # and the Terraform parser are for this one only.
    from g2l_core.jobs.bundle import build_bundle
    from g2l_core.jobs.read import JobDefinitionError, read_definitions
    from g2l_core.options import BundleOptions

    src, out = Path(args.src), Path(args.out)
    if not src.is_dir():
        return _fail(f"SRC {args.src!r} is not a folder")
    if out.exists() and not out.is_dir():
        return _fail(f"OUT {args.out!r} exists and is not a folder")
    try:
        parameters = parse_pairs(args.parameter, "--parameter", "NAME=VALUE")
    except ValueError as exc:
        return _fail(str(exc))
    files = definition_files(src, args.definitions)
    repo_files = [p.relative_to(src).as_posix() for p in sorted(src.rglob("*")) if p.suffix in SOURCE_SUFFIXES
                  and p.is_file() and not (_SKIP | {CHECKPOINTS}) & set(p.relative_to(src).parts)]
    notebooks = {p: (src / p).read_bytes() for p in repo_files if is_notebook(p)}
    if not files and not notebooks:
        return _fail(f"no job definition files or notebooks in {src}"
                     + (f" match {', '.join(args.definitions)}" if args.definitions else ""))
    try:
        definitions = read_definitions(files, repo_files, parameters, lambda paths: {
            p: (src / p).read_text(encoding="utf-8", errors="replace") for p in paths if (src / p).is_file()})
    except JobDefinitionError as exc:
        return _fail(str(exc))
    options = BundleOptions(name=args.name or src.resolve().name, cloud=args.cloud, compute=args.compute)
    bundle = build_bundle(definitions, options, converted=repo_files, notebooks=notebooks)  # convert keeps the paths
    for rel, text in bundle.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    missing = sorted({_task_file(t) for j in bundle.jobs if j.definition for t in j.definition["tasks"]} - {None}
                     - {p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in SOURCE_SUFFIXES})
    report = {
        "source": str(src), "definition_files": sorted(files),
        "jobs": [{k: v for k, v in asdict(j).items() if k != "definition"} for j in bundle.jobs],
        "problems": [str(p) for p in bundle.problems],
        "scripts_not_in_out": missing,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "g2l_jobs_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    failed = [j for j in bundle.jobs if j.status == "failed"]
    print(f"{len(bundle.jobs)} Databricks jobs from {len(files)} definition files: "
          f"{len(bundle.jobs) - len(failed)} written, {len(failed)} failed; {len(bundle.problems)} problems; bundle in {out}")
    for job in bundle.jobs:
        print(f"  {job.name}: {job.status}, schedule {job.schedule or 'none'}, tasks {', '.join(job.tasks) or 'none'}")
    for p in bundle.problems:
        print(f"problem: {p}")
    for job in failed:
        print(f"error: {job.name}: {'; '.join(job.notes)}")
    jars = [jar for j in bundle.jobs for jar in j.jars]
    if jars:
        print(f"note: {len(jars)} jars to build from Scala Glue jobs ported by hand (their jobs are paused): "
              f"{', '.join(jars)}")
    if missing:
        print(f"note: {len(missing)} task scripts are not in {out} yet (run g2l convert SRC OUT): {', '.join(missing)}")
    return 1 if failed else 0


def _task_file(task: dict) -> str | None:
    """The converted script or notebook a task runs, relative to the bundle root (None for a jar task)."""
    run = task.get("spark_python_task", {}).get("python_file") or task.get("notebook_task", {}).get("notebook_path")
    return run.removeprefix("../") if run else None


def main(argv: list[str] | None = None) -> int:
    return run_subcommand(add_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
