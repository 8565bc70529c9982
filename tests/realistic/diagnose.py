"""Build one realistic shape, run `g2l run` on it and print where it failed, from the stage tables.

    python -m tests.realistic.diagnose studio_datalake [--keep DIR]

Prints the run summary, then: converted files with residue or flags, DDL statements that failed to apply
or were skipped, failed validation checks and open drift; with --keep the repositories and home stay in
DIR for a closer look."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import polars as pl

from tests.realistic.builders import SHAPES, build
from tests.realistic.test_realistic_runs import Run, g2l_run


def _stage(run: Run, asset: str) -> pl.DataFrame | None:
    try:
        return run.stage(asset)
    except Exception:  # noqa: BLE001 - the stage never materialized
        return None


def report(run: Run) -> str:
    out = [f"exit {run.done.returncode}", run.done.stdout.strip()]
    out += [line for line in run.done.stderr.splitlines() if line.startswith("  step ") or "Error:" in line][:20]
    code = _stage(run, "converted_code")
    if code is not None:
        bad = code.filter((pl.col("residue") > 0) | (pl.col("flagged") > 0) | pl.col("error").is_not_null())
        out += [f"code  {r['source_path']}: {r['status']}, residue {r['residue']}, flagged {r['flagged']}"
                + (f", error {r['error']}" if r["error"] else "") for r in bad.iter_rows(named=True)]
    ddl = _stage(run, "uc_ddl")
    if ddl is not None:
        for r in ddl.iter_rows(named=True):
            if r["apply_action"] == "failed":
                out.append(f"ddl   {r['source_file']}#{r['statement_index']} {r['target_full_name']}: {r['apply_error']}")
            elif r["target_full_name"] is None:
                out.append(f"ddl   {r['source_file']}#{r['statement_index']} skipped: {'; '.join(r['warnings'])}")
    checks = _stage(run, "validation_results")
    if checks is not None:
        out += [f"check {r['source_path']} {r['check']} ({r['severity']}): {r['message']}"
                for r in checks.filter(~pl.col("passed")).iter_rows(named=True)]
    drift = _stage(run, "schema_drift")
    if drift is not None:
        out += [f"drift {r['table']} {r['drift_type']} ({r['severity']}): {r['details']}"
                for r in drift.filter(~pl.col("resolved")).iter_rows(named=True)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=SHAPES)
    parser.add_argument("--keep", type=Path, help="build and run in this folder and keep it")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix=f"g2l-{args.shape}-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        print(report(g2l_run(root, build(args.shape, root))))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
