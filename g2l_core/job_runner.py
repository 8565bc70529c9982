"""Run one converted job in a child process against a scratch warehouse and lake, recording what it reads
and writes.

Started as ``python -m g2l_core.job_runner PLAN.json`` with ``SPARK_REMOTE`` pointing at the parent's Sail
server. Sail keeps its catalog per session, so the runner registers the scratch warehouse tables in the
job's own session (the one ``SparkSession.builder.getOrCreate()`` returns) before it runs the script with
``runpy.run_path`` and ``sys.argv`` set, exactly as ``python jobs/x.py --name value`` would.
The tables are created in that session from the project's UC DDL (``apply_tables``) in an empty warehouse.

Inputs are materialised on first read: the first time the job reads a catalog table (``spark.read.table``,
``spark.table``, or a name in ``spark.sql``) or a path under the scratch lake, the reference rows or files
are loaded into it, unless the job wrote it first. Tables and paths the job only writes therefore start
empty, as they would before the Glue run that produced the reference snapshot. Every write
(``saveAsTable``, ``insertInto``, ``writeTo``, ``save`` and its format shorthands) is recorded for the
comparison with the reference outputs.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from g2l_core.processes import exit_with_parent
from g2l_core.reference_data import inside

STDERR_TAIL_LINES = 25
PASSED_THROUGH = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "JAVA_HOME", "SPARK_HOME", "PYSPARK_PYTHON",
                  "VIRTUAL_ENV", "SPARK_LOCAL_IP", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
SCRATCH_PREFIX = "g2l-validate-"


def job_environment(environ: Mapping[str, str], home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The converted job's whole environment: the names Python and Spark need, those listed (comma- or
    space-separated) in ``G2L_JOB_ENV``, a private ``HOME``/``TMPDIR``, and ``extra``."""
    wanted = set(PASSED_THROUGH) | {n for n in re.split(r"[,\s]+", environ.get("G2L_JOB_ENV", "")) if n}
    env = {k: v for k, v in environ.items() if k in wanted}
    env.update({"HOME": str(home), "TMPDIR": str(home), **(extra or {})})
    return env


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def scratch_dir(base: Path | None = None) -> Path:
    """A new ``g2l-validate-<pid>-*`` folder; those left by processes that died are removed first."""
    base = Path(base or tempfile.gettempdir())
    for old in base.glob(f"{SCRATCH_PREFIX}*"):
        m = re.match(rf"{SCRATCH_PREFIX}(\d+)-", old.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=base))


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@dataclass
class JobRun:
    """Outcome of one job run: exit code (None on timeout), seconds, stderr tail and the runner's record."""

    job: str
    returncode: int | None
    seconds: float
    stderr_tail: str
    record: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_job(plan: Mapping, plan_path: Path, spark_remote: str, timeout: float, env: Mapping[str, str] | None = None) -> JobRun:
    """Write ``plan`` to ``plan_path`` and run it in a child Python; bounded by ``timeout`` seconds."""
    plan_path.write_text(json.dumps(plan, indent=1))
    record_path = Path(plan["record"])
    record_path.unlink(missing_ok=True)
    root = str(Path(__file__).resolve().parents[1])
    home = plan_path.with_suffix(".home")
    home.mkdir(parents=True, exist_ok=True)
    child_env = job_environment(os.environ, home, {
        **(env or {}),
        "SPARK_REMOTE": spark_remote, "SPARK_CONNECT_MODE_ENABLED": "1", "RUST_LOG": "error",
        # a converted job that still reads s3:// must fail fast, not wait on instance metadata
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHONPATH": os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])]),
        "PYTHONUNBUFFERED": "1", "G2L_PARENT_PID": str(os.getpid()),
    })
    start = time.monotonic()
    stderr_file = plan_path.with_suffix(".stderr")
    with open(stderr_file, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "g2l_core.job_runner", str(plan_path)], env=child_env,
                                cwd=plan["cwd"], stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        try:
            code: int | None = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            _kill_group(proc.pid)  # the job's own children too, on timeout and after a normal exit
            proc.wait()
    seconds = time.monotonic() - start
    lines = stderr_file.read_text(errors="replace").rstrip().splitlines()
    record = json.loads(record_path.read_text()) if record_path.is_file() else {}
    return JobRun(plan["job"], code, seconds, "\n".join(lines[-STDERR_TAIL_LINES:]), record)


class _Recorder:
    """Hooks on the Spark Connect reader/writer classes: lazy input loading and a log of reads and writes."""

    def __init__(self, spark, plan: Mapping):
        self.spark = spark
        self.tables: dict[str, dict] = {k.lower(): v for k, v in plan["tables"].items()}
        self.lake: list[tuple[str, str]] = [(p, r) for p, r in plan["lake"]]
        self.written_tables: set[str] = set()
        self.written_paths: list[str] = []
        self.loaded: set[str] = set()
        self.record: dict = {"reads": [], "writes": [], "loaded": [], "missing_inputs": []}
        self.busy = False

    def resolve(self, name: str) -> str | None:
        """Lower-case three-level name of a known table; a ``schema.table`` name is matched by suffix, a bare
        name is left alone (it is a temporary view or a table of the current schema)."""
        parts = [p.strip("`") for p in name.lower().split(".")]
        full = ".".join(parts)
        if full in self.tables:
            return full
        if len(parts) != 2:
            return None
        hits = [t for t in self.tables if t.endswith("." + full)]
        return hits[0] if len(hits) == 1 else None

    def on_table_read(self, name: str) -> None:
        full = self.resolve(name)
        self.record["reads"].append({"kind": "table", "name": full or name})
        if full is None or full in self.loaded or full in self.written_tables:
            return
        self.loaded.add(full)
        t = self.tables[full]
        files = t.get("reference")
        if not files or not Path(files).exists():
            self.record["missing_inputs"].append({"name": full, "reference": t.get("reference")})
            return
        from g2l_core.reference_data import ReferenceTable, load_reference_table

        spec = ReferenceTable(**{k: t[k] for k in ("full_name", "location", "format", "options")},
                              partition_columns=tuple(t["partition_columns"]),
                              columns=tuple(tuple(c) for c in t["columns"]))
        self.busy = True
        try:
            rows = load_reference_table(self.spark, spec, Path(files), Path(t["warehouse_location"]))
        finally:
            self.busy = False
        self.record["loaded"].append({"name": full, "rows": rows})

    def on_path_read(self, paths) -> None:
        for p in [paths] if isinstance(paths, str) else list(paths or []):
            self.record["reads"].append({"kind": "path", "name": p})
            local = p[len("file://"):] if p.startswith("file://") else p
            for prefix, reference in self.lake:
                if not local.startswith(prefix) or local in self.loaded:
                    continue
                if any(local.startswith(w) or w.startswith(local) for w in self.written_paths):
                    continue
                self.loaded.add(local)
                source = inside(Path(reference), local[len(prefix):])
                if source is None or inside(Path(prefix), local[len(prefix):]) is None:
                    self.record["missing_inputs"].append({"name": p, "reference": "outside the reference data"})
                elif not source.exists():
                    self.record["missing_inputs"].append({"name": p, "reference": str(source)})
                elif source.is_dir():
                    shutil.copytree(source, local, dirs_exist_ok=True)
                    self.record["loaded"].append({"name": p, "rows": None})
                else:
                    Path(local).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, local)
                    self.record["loaded"].append({"name": p, "rows": None})

    def on_sql(self, query: str) -> None:
        import sqlglot
        from sqlglot import exp

        try:
            tree = sqlglot.parse(query, read="databricks")
        except Exception:  # noqa: BLE001 - Spark reports bad SQL itself
            return
        for statement in tree:
            for t in statement.find_all(exp.Table) if statement is not None else []:
                name = ".".join(p for p in (t.catalog, t.db, t.name) if p)
                if name and self.resolve(name):
                    self.on_table_read(name)

    def on_table_write(self, name: str, how: str) -> None:
        full = self.resolve(name) or name.lower()
        self.written_tables.add(full)
        self.record["writes"].append({"kind": "table", "name": full, "how": how})

    def on_path_write(self, path: str, fmt: str | None, mode: str | None) -> None:
        local = path[len("file://"):] if path.startswith("file://") else path
        self.written_paths.append(local)
        self.record["writes"].append({"kind": "path", "name": local, "format": fmt or "parquet", "mode": mode})

    def install(self) -> None:
        from pyspark.sql.connect import readwriter
        from pyspark.sql.connect.session import SparkSession

        rec = self
        reader, writer, writer2 = readwriter.DataFrameReader, readwriter.DataFrameWriter, readwriter.DataFrameWriterV2
        orig = {"table": reader.table, "load": reader.load, "sql": SparkSession.sql, "save": writer.save,
                "saveAsTable": writer.saveAsTable, "insertInto": writer.insertInto}

        def table(self, tableName, *a, **k):
            if not rec.busy:
                rec.on_table_read(tableName)
            return orig["table"](self, tableName, *a, **k)

        def load(self, path=None, format=None, schema=None, **options):
            if not rec.busy and path is not None:
                rec.on_path_read(path)
            return orig["load"](self, path, format, schema, **options)

        def sql(self, sqlQuery, *a, **k):
            if not rec.busy and isinstance(sqlQuery, str):
                rec.on_sql(sqlQuery)
            return orig["sql"](self, sqlQuery, *a, **k)

        def save(self, path=None, format=None, mode=None, partitionBy=None, **options):
            if not rec.busy and path is not None:
                rec.on_path_write(path, format or self._write.source, mode or self._write.mode)
            return orig["save"](self, path, format, mode, partitionBy, **options)

        def saveAsTable(self, name, *a, **k):
            rec.on_table_write(name, "saveAsTable")
            return orig["saveAsTable"](self, name, *a, **k)

        def insertInto(self, tableName, *a, **k):
            rec.on_table_write(tableName, "insertInto")
            return orig["insertInto"](self, tableName, *a, **k)

        reader.table, reader.load, SparkSession.sql = table, load, sql
        writer.save, writer.saveAsTable, writer.insertInto = save, saveAsTable, insertInto
        for method in ("append", "create", "replace", "createOrReplace", "overwrite", "overwritePartitions"):
            original = getattr(writer2, method)

            def hooked(self, *a, _original=original, _method=method, **k):
                rec.on_table_write(self._table_name, f"writeTo.{_method}")
                return _original(self, *a, **k)

            setattr(writer2, method, hooked)


def _create_tables(spark, ddl_pickle: str, warehouse: str) -> list[str]:
    """Apply the UC DDL in the job's own session: Sail keeps its catalog per session, and a partitioned
    Delta folder registered by location loses its partitioning (appends with ``partitionBy`` then fail),
    so the tables are created here, in empty folders, rather than registered."""
    import pickle

    from g2l_core.ddl import apply_tables

    results = pickle.loads(Path(ddl_pickle).read_bytes())
    return [f"{o.target_full_name}: {o.error}" for o in apply_tables(spark, results, Path(warehouse)) if o.action == "failed"]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("G2L_PARENT_PID", "").isdigit():
        exit_with_parent(int(os.environ["G2L_PARENT_PID"]))
    plan = json.loads(Path(argv[0]).read_text())
    os.environ.setdefault("SPARK_CONNECT_MODE_ENABLED", "1")
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    recorder = _Recorder(spark, plan)
    code = 1
    try:
        recorder.record["apply_failures"] = _create_tables(spark, plan["ddl"], plan["warehouse"])
        recorder.install()
        script = plan["script"]
        sys.argv = [script, *plan["argv"]]
        sys.path[:0] = [str(Path(script).parent), *plan["sys_path"]]
        try:
            runpy.run_path(script, run_name="__main__")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if exc.code not in (None, 0) and not isinstance(exc.code, int):
                print(exc.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - the parent reports the traceback tail
        traceback.print_exc()
        code = 1
    finally:
        recorder.record["exit_code"] = code
        Path(plan["record"]).write_text(json.dumps(recorder.record, indent=1))
    return code


if __name__ == "__main__":
    sys.exit(main())
