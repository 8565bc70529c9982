"""``g2l ddl SRC OUT --catalog NAME [--schema-map DB=SCHEMA ...]``: convert a DDL file or folder,
write ``OUT/<schema>/<table>.sql`` and ``OUT/g2l_ddl_report.json``. Exit 0 whatever the
statements contain (their errors are in the report); exit 2 when the arguments are wrong."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from g2l_core.cli_args import parse_pairs, run_subcommand


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser("ddl", help="convert Glue/Hive DDL to Unity Catalog DDL",
                              description=__doc__.splitlines()[0])
    p.add_argument("src", help="DDL file (.sql/.hql/.ddl), Glue JSON export, CloudFormation template, or a folder")
    p.add_argument("out", help="output folder")
    p.add_argument("--catalog", required=True, help="Unity Catalog catalog name")
    p.add_argument("--schema-map", action="append", default=[], metavar="DB=SCHEMA",
                   help="map a Glue database to a UC schema (repeatable)")
    p.add_argument("--external", action="append", default=None, metavar="DB.TABLE",
                   help="keep LOCATION for this table (repeatable); 'all' keeps it for every table")
    p.add_argument("--cluster-by", action="store_true", help="liquid clustering instead of PARTITIONED BY")
    p.set_defaults(func=run)
    return p


def _fail(message: str) -> int:
    print(f"g2l ddl: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: ``g2l`` builds every subcommand's parser, and sqlglot is for this one only.
    from g2l_core.ddl.convert import convert_path
    from g2l_core.ddl.model import STATUS_ERROR
    from g2l_core.ddl.output_files import relative_path, render_file
    from g2l_core.options import DdlOptions

    src, out = Path(args.src), Path(args.out)
    if not src.exists():
        return _fail(f"SRC {args.src!r} does not exist")
    if not args.catalog.strip() or "." in args.catalog:
        return _fail(f"--catalog {args.catalog!r} must be a single non-empty name")
    try:
        schema_map = parse_pairs(args.schema_map, "--schema-map", "DB=SCHEMA")
    except ValueError as exc:
        return _fail(str(exc))
    if out.exists() and not out.is_dir():
        return _fail(f"OUT {args.out!r} exists and is not a folder")
    external: bool | list[str] = False
    if args.external:
        external = True if "all" in args.external else list(args.external)
    options = DdlOptions(catalog=args.catalog, schema_map=schema_map, external=external,
                         cluster_by_partitions=args.cluster_by)
    results = convert_path(src, options)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for r in results:
        rel = relative_path(r)
        if rel is not None:
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_file(r), encoding="utf-8")
            written.append(path.relative_to(out).as_posix())
    report = {
        "source": str(src), "catalog": args.catalog, "schema_map": schema_map,
        "counts": {s: sum(r.status == s for r in results) for s in ("converted", "flagged", "skipped", "error")},
        "files": sorted(set(written)), "results": [r.as_dict() for r in results],
    }
    (out / "g2l_ddl_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    c = report["counts"]
    print(f"{len(results)} statements: {c['converted']} converted, {c['flagged']} flagged, {c['skipped']} skipped, "
          f"{c['error']} errors; "
          f"{len(set(written))} files in {out}")
    for r in results:
        if r.status == STATUS_ERROR:
            print("error: " + "; ".join(r.warnings))
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_subcommand(add_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
