"""``g2l dashboard``: serve the migration dashboard over the stage tables, or write it as a Databricks App."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from g2l_core.home import default_home


def add_parser(sub: argparse._SubParsersAction) -> None:
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
    from g2l_core.config import ConfigError, load_registry
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
    catalog, schema = project.databricks.stage_location
    files = write_databricks_app(Path(args.write_app), catalog, project.databricks.warehouse_id, schema)
    print(f"g2l: wrote the dashboard app ({len(files)} files) under {Path(args.write_app).resolve()}")
    print(f"g2l: it reads {catalog}.{schema}, which every run of {project.name} publishes; grant the App's service "
          f"principal USE CATALOG on {catalog} and USE SCHEMA, SELECT on {catalog}.{schema}")
    return 0
