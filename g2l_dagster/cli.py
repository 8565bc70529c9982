"""The ``g2l`` command: run the pipeline headlessly, or convert code and DDL outside Dagster."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from g2l_core.config import ConfigError, load_registry, redact_url, registry_warnings
from g2l_core.home import default_home


def _add_run(sub) -> None:
    p = sub.add_parser("run", help="materialize every stage for registered projects (default: all)")
    p.add_argument("projects", nargs="*", help="project names from the registry (default: every project)")
    p.add_argument("--engine", default=None, help="sail (default) | local | sc://host:port")
    p.add_argument("--home", default=None, help="g2l/Dagster home (default: G2L_HOME, DAGSTER_HOME or ./dagster_home)")
    p.add_argument("--projects-file", default="", help="registry (default: G2L_PROJECTS or ./projects.yaml)")
    p.set_defaults(func=run)


def _add_projects(sub) -> None:
    p = sub.add_parser("projects", help="validate the registry and list its projects")
    p.add_argument("--projects-file", default="", help="registry (default: G2L_PROJECTS or ./projects.yaml)")
    p.set_defaults(func=list_projects)


def _add_dashboard(sub) -> None:
    p = sub.add_parser("dashboard", help="serve the migration dashboard over the stage tables, or write it as a Databricks App")
    p.add_argument("--home", default=None, help="g2l/Dagster home (default: G2L_HOME, DAGSTER_HOME or ./dagster_home)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--write-app", metavar="BUNDLE_DIR", default=None,
                   help="write app.yaml and the app folder into this bundle folder instead of serving")
    p.add_argument("--project", default=None, help="with --write-app: the project whose databricks section to use")
    p.add_argument("--projects-file", default="", help="registry (default: G2L_PROJECTS or ./projects.yaml)")
    p.set_defaults(func=dashboard)


def dashboard(args) -> int:
    if args.write_app is None:
        from g2l_core.dashboard.serve import serve

        home = Path(args.home).resolve() if args.home else default_home()
        return serve(home / "stages", args.port, args.address)
    from g2l_core.dashboard.deploy import write_databricks_app

    try:
        registry = {p.name: p for p in load_registry(args.projects_file or None)}
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    project = registry.get(args.project) if args.project else next(iter(registry.values()), None)
    if project is None or project.databricks is None:
        print(f"error: --write-app needs a project with a databricks section (got {args.project or 'none'})",
              file=sys.stderr)
        return 2
    files = write_databricks_app(Path(args.write_app), project.catalog, project.databricks.warehouse_id)
    print(f"g2l: wrote the dashboard app ({len(files)} files) under {Path(args.write_app).resolve()}")
    return 0


def list_projects(args) -> int:
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
    _add_dashboard(sub)
    add_library_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
