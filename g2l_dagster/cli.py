"""The ``g2l`` command: run the pipeline headlessly, or convert code and DDL outside Dagster."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from g2l_core.home import default_home

# g2l_core.config (YAML, git patterns) is imported by the commands that read the registry, not here:
# ``g2l convert`` and the other library commands start without it.


def _add_run(sub) -> None:
    p = sub.add_parser("run", help="materialize every stage for registered projects (default: all)")
    p.add_argument("projects", nargs="*", help="project names from the registry (default: every project)")
    p.add_argument("--engine", default=None, help="sail (default) | local | sc://host:port")
    p.add_argument("--home", default=None, help="g2l/Dagster home (default: G2L_HOME, DAGSTER_HOME or ./dagster_home)")
    p.add_argument("--projects-file", default="", help="registry (default: G2L_PROJECTS or ./projects.yaml)")
    p.set_defaults(func=run)


def _add_sync(sub) -> None:
    p = sub.add_parser("sync", help="convert what changed on the Glue side and publish it to the sync branch")
    p.add_argument("project", help="project name from the registry")
    p.add_argument("--dry-run", action="store_true", help="print the plan per file; write nothing")
    p.add_argument("--home", default=None, help="g2l home (default: G2L_HOME, DAGSTER_HOME or ./dagster_home)")
    p.add_argument("--projects-file", default="", help="registry (default: G2L_PROJECTS or ./projects.yaml)")
    p.set_defaults(func=sync)


def sync(args) -> int:
    from g2l_core.config import ConfigError, find_project, load_registry
    from g2l_core.gitrepo import GitError
    from g2l_core.home import Home
    from g2l_core.stages.sync import SyncError, format_report, sync_project

    home = Path(args.home).resolve() if args.home else default_home()
    try:
        project = find_project(load_registry(args.projects_file or None), args.project)
        report = sync_project(project, Home(home), dry_run=args.dry_run)
    except (ConfigError, SyncError, GitError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(format_report(report)))
    return 0


def _add_projects(sub) -> None:
    p = sub.add_parser("projects", help="validate the registry and list its projects")
    p.add_argument("--projects-file", default="", help="registry (default: G2L_PROJECTS or ./projects.yaml)")
    p.set_defaults(func=list_projects)


def list_projects(args) -> int:
    from g2l_core.config import ConfigError, load_registry, registry_warnings
    from g2l_core.redact import redact_url

    try:
        projects = load_registry(args.projects_file or None)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for p in projects:
        print(f"{p.name}: {redact_url(p.glue.url)} ({p.glue.branch}) -> {redact_url(p.target.url)} "
              f"({p.target.sync_branch}), catalog {p.catalog}")
    for warning in registry_warnings(projects):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def run(args) -> int:
    from g2l_core.config import ConfigError, load_registry, registry_warnings

    home = Path(args.home).resolve() if args.home else default_home()
    os.environ.setdefault("DAGSTER_HOME", str(home))
    try:
        registry = load_registry(args.projects_file or None)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if os.environ.get("G2L_RUN_ONE_PROJECT") != "1":  # a per-project child: the parent said it already
        for warning in registry_warnings(registry):
            print(f"warning: {warning}", file=sys.stderr)
    names = args.projects or [p.name for p in registry]
    unknown = [n for n in names if n not in {p.name for p in registry}]
    if unknown:
        print(f"error: project(s) not in the registry: {', '.join(unknown)}", file=sys.stderr)
        return 2

    from g2l_dagster.run_guard import wait_limit
    from g2l_dagster.runner import run_pipeline

    try:
        wait_limit()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return run_pipeline(home, names, projects_file=args.projects_file, engine=args.engine)


def build_parser() -> argparse.ArgumentParser:
    from g2l_core.commands import add_library_commands

    parser = argparse.ArgumentParser(prog="g2l", description="Glue-to-Lakehouse migration and sync.")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub)
    _add_projects(sub)
    _add_sync(sub)
    add_library_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
