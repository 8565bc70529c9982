"""``g2l convert SRC OUT``: convert a Glue code tree outside Dagster.

Exit status: 0 when every file was converted, 1 when some were skipped (unreadable, not Python, too
deeply nested, crashing the converter; each is listed in the report's ``errors``, the others are written),
2 for bad arguments (an OUT inside SRC, or where an output would overwrite a source)."""

from __future__ import annotations

import argparse
import os
import stat
import tempfile
from dataclasses import fields
from pathlib import Path

from g2l_core.cli_args import parse_pairs, run_subcommand
from g2l_core.convert.model import FLAGGED, REVIEW_MARKER, ConversionResult, Decision, automation_pct
from g2l_core.json_text import dumps_indented
from g2l_core.notebook import CHECKPOINTS, SOURCE_SUFFIXES, python_of
from g2l_core.options import ConvertOptions
from g2l_core.convert.residue import glue_residue

REPORT = "g2l_report.json"
CONVERTED_FILE, UNCHANGED, SKIPPED = "converted", "unchanged", "skipped"
SETTING_FLAGS = {"secret_scope": "--secret-scope", "secret_key_pattern": "--secret-key-pattern"}
# Decision holds plain values: a dict of its fields is what dataclasses.asdict gives, at a tenth of the
# cost (asdict copies recursively; a thousand jobs have tens of thousands of decisions).
_DECISION_FIELDS = tuple(f.name for f in fields(Decision))


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("convert", help="convert Glue PySpark files to Databricks PySpark",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", help="a .py file, a notebook (.ipynb) or a folder of Glue code")
    parser.add_argument("out", help="output folder (same relative paths)")
    parser.add_argument("--catalog", default="main", help="Unity Catalog catalog name (default: main)")
    parser.add_argument("--schema-map", action="append", default=[], metavar="DB=SCHEMA",
                        help="Glue database -> Unity Catalog schema (repeatable)")
    parser.add_argument("--path-map", action="append", default=[], metavar="PREFIX=TARGET",
                        help="S3 prefix -> volume / external location / local path (repeatable)")
    parser.add_argument("--params", choices=("argv", "widgets"), default="argv",
                        help="how converted jobs read parameters (default: argv)")
    parser.add_argument("--secret-scope", default=ConvertOptions.secret_scope, metavar="SCOPE",
                        help="Databricks secret scope holding the Glue connections' credentials "
                             f"(default: {ConvertOptions.secret_scope})")
    parser.add_argument("--secret-key-pattern", default=ConvertOptions.secret_key_pattern, metavar="PATTERN",
                        help="secret key of one field of a connection, with {connection} and {field} "
                             f"(default: {ConvertOptions.secret_key_pattern}); off Databricks the same key, "
                             "upper case with _, is read from the environment")
    parser.add_argument("--ddl", action="append", default=[], metavar="PATH",
                        help="Glue DDL (catalog JSON export, CloudFormation, .sql): a file or folder (repeatable); "
                             "catalog tables over Kinesis/Kafka streams in it convert to stream reads with their "
                             "stream and record schema")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    parser.set_defaults(func=run)
    return parser


class UsageError(Exception):
    pass


def _source_files(src: Path) -> dict[str, Path]:
    if src.is_file():
        return {src.name: src}
    found = sorted(p for suffix in SOURCE_SUFFIXES for p in src.rglob(f"*{suffix}"))
    return {p.relative_to(src).as_posix(): p for p in found
            if p.is_file() and CHECKPOINTS not in p.relative_to(src).parts}


def _stream_tables(paths: list[str]) -> dict:
    """Stream tables declared in the ``--ddl`` files and folders."""
    if not paths:
        return {}
    from g2l_core.ddl.sources import is_ddl_source
    from g2l_core.ddl.streams import read_stream_tables

    texts = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise UsageError(f"--ddl {given!r}: no such file or folder")
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and is_ddl_source(p))
        texts.update({str(p): p.read_text(encoding="utf-8", errors="replace") for p in found})
    return read_stream_tables(texts)


def _refuse_overwriting_sources(paths: dict[str, Path], out: Path) -> None:
    """A converted file or the report landing on a source (``g2l convert jobs/a.py jobs``, or SRC inside OUT
    at a path its own files repeat) would destroy the Glue code it came from."""
    sources = {p.resolve(): rel for rel, p in paths.items()}
    for rel in [*paths, REPORT]:
        hit = sources.get((out / rel).resolve())
        if hit is not None:
            raise UsageError(f"OUT {str(out)!r}: writing {rel} there would overwrite the source {hit}; "
                             "choose a folder outside SRC")


def _write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write via a temp file in the same folder and rename, so OUT never holds half a file; ``mode``:
    the permission bits to give it (the source's), else the default for new files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # mkstemp makes 0600 files
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_entry(result: ConversionResult) -> dict:
    """What the report says of one written file, read from the file's text itself, so the two agree:
    ``unchanged`` when the converter had nothing to do, the review notes written into it, the Glue
    names left in it without a note. A notebook's lines are those of its code cells as one module
    (``notebook.notebook_script``)."""
    code = python_of(result.path, result.code) if result.code else ""
    notes = _review_notes(code) if REVIEW_MARKER in code else []  # most files have none: no line split
    residue = [{"line": line, "name": name} for line, name in glue_residue(code)]
    entry = {"file": result.path, "status": CONVERTED_FILE if result.changed else UNCHANGED,
             "decisions": len(result.decisions), "review_notes": notes, "residue": residue}
    if result.session:  # a notebook's Glue session settings, and the cluster they size
        entry["session"] = result.session
    return entry


def _review_notes(code: str) -> list[dict]:
    return [{"line": i, "note": line.strip()[len(REVIEW_MARKER):].strip()}
            for i, line in enumerate(code.splitlines(), 1) if line.strip().startswith(REVIEW_MARKER)]


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: ``g2l`` builds every subcommand's parser, and libcst is for this one only.
    from g2l_core.convert.driver import convert_files, helper_dir, helper_module_source
    from g2l_core.convert.packages import package_folders

    try:
        options = ConvertOptions(
            catalog=args.catalog,
            schema_map=parse_pairs(args.schema_map, "--schema-map", "DB=SCHEMA"),
            path_map=parse_pairs(args.path_map, "--path-map", "PREFIX=TARGET"),
            params=args.params,
            secret_scope=args.secret_scope,
            secret_key_pattern=args.secret_key_pattern,
            stream_tables=_stream_tables(args.ddl),
        )
        if args.workers is not None and args.workers < 1:
            raise UsageError(f"--workers {args.workers}: expected a positive number")
        src, out = Path(args.src), Path(args.out)
        if not src.exists():
            raise UsageError(f"SRC {args.src!r}: no such file or folder")
        if out.exists() and not out.is_dir():
            raise UsageError(f"OUT {args.out!r}: exists and is not a folder")
        if src.is_dir() and (out.resolve() == src.resolve() or src.resolve() in out.resolve().parents):
            raise UsageError(f"OUT {args.out!r} is SRC {args.src!r} or inside it: converted files would "
                             "overwrite or be read back as sources; choose a folder outside SRC")
        paths = _source_files(src)
        _refuse_overwriting_sources(paths, out)
    except (UsageError, ValueError) as exc:
        message = str(exc)
        setting = message.split(":", 1)[0]
        if setting in SETTING_FLAGS:  # ConvertOptions names its field; the user typed the flag
            message = SETTING_FLAGS[setting] + message[len(setting) + 1:]
        print(f"g2l convert: error: {message}")
        return 2
    sources = {rel: p.read_bytes() for rel, p in paths.items()}
    results = convert_files(sources, options, workers=args.workers)
    packages = package_folders(sources)
    helper_dirs = set()
    errors = []
    files = []
    for result in results:
        if result.error is not None:
            errors.append({"file": result.path, "error": result.error})
            files.append({"file": result.path, "status": SKIPPED, "error": result.error})
            continue
        _write_atomic(out / result.path, result.code or "", stat.S_IMODE(paths[result.path].stat().st_mode))
        if result.helpers_used:
            helper_dirs.add(out / helper_dir(result.path, paths, packages))
        files.append(file_entry(result))
    for folder in sorted(helper_dirs):
        _write_atomic(folder / f"{options.helper_module}.py", helper_module_source(options))
    decisions = [{name: getattr(d, name) for name in _DECISION_FIELDS} for r in results for d in r.decisions]
    summary = {
        "files": len(results),
        "converted": sum(f["status"] == CONVERTED_FILE for f in files),
        "unchanged": sum(f["status"] == UNCHANGED for f in files),
        "changed": sum(r.changed for r in results),
        "errors": len(errors),
        "decisions": len(decisions),
        "flagged": sum(d["action"] == FLAGGED for d in decisions),
        "review_notes": sum(len(f.get("review_notes", ())) for f in files),
        "residue": sum(len(f.get("residue", ())) for f in files),
        "automation_pct": automation_pct(decisions),
    }
    report = {"summary": summary, "files": files, "errors": errors, "decisions": decisions}
    _write_atomic(out / REPORT, dumps_indented(report, indent=2) + "\n")
    print(f"converted {summary['converted']}/{summary['files']} files into {out}, {summary['unchanged']} unchanged "
          f"({summary['decisions']} decisions, {summary['flagged']} flagged for review, "
          f"{summary['automation_pct']}% automated)")
    for error in errors:
        print(f"  skipped {error['error']}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    return run_subcommand(add_parser, argv)


if __name__ == "__main__":
    raise SystemExit(main())
