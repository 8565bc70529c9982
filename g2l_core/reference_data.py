"""Reference data for runtime validation: where each Glue table's files live in the reference copy of the
lake, in which format, and how to read them with Spark.

The Glue repository keeps a sample of the lake (``validation.reference_data``) with the raw inputs and
snapshots of the tables the jobs produce. ``lake_roots`` maps lake prefixes to sub-folders of it, so the
Glue table ``LOCATION 's3://risk-data-lake/raw/trades/'`` is found at ``<reference>/raw/trades/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from g2l_core.ddl import DdlOptions, convert_ddl_file, read_source
from g2l_core.ddl.hints import detect_storage
from g2l_core.gitrepo import list_tree, read_blobs

READABLE_FORMATS = ("parquet", "csv", "json", "orc", "avro", "delta", "text")


@dataclass(frozen=True)
class ReferenceTable:
    """A Glue table as runtime validation needs it: UC name, Glue location, file format and read options."""

    full_name: str  # Unity Catalog three-level name, lower case
    location: str | None  # Glue-side LOCATION (s3://...)
    format: str
    options: Mapping[str, str] = field(default_factory=dict)
    partition_columns: tuple[str, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()  # (name, Databricks type) of the UC table

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def reference_tables(ddl_files: Mapping[str, str], options: DdlOptions) -> dict[str, ReferenceTable]:
    """Tables declared by the Glue DDL files (path -> text), by lower-case UC name."""
    tables: dict[str, ReferenceTable] = {}
    for path, text in sorted(ddl_files.items()):
        glue = {s.table.qualified_name.lower(): s.table for s in read_source(path, text, options.read_dialect, options.ddl_vars)
                if s.table is not None and s.table.kind == "table"}
        for r in convert_ddl_file(path, text, options):
            source = glue.get((r.source_table or "").lower())
            if source is None or not r.target_full_name or not r.is_table:
                continue
            storage = detect_storage(source)
            tables[r.target_full_name.lower()] = ReferenceTable(
                full_name=r.target_full_name.lower(), location=source.location, format=storage.format,
                options=dict(storage.options), partition_columns=tuple(r.partition_columns),
                columns=tuple((c.name, c.type) for c in r.columns),
            )
    return tables


def lake_relative(url: str, lake_roots: Mapping[str, str]) -> str | None:
    """Path of a lake URL inside the reference data by the longest matching prefix; None when no root matches."""
    best = max((p for p in lake_roots if url.startswith(p)), key=len, default=None)
    if best is None:
        return None
    rel = lake_roots[best].strip("/") + "/" + url[len(best):].strip("/")
    return rel.strip("/")


def table_by_location(tables: Mapping[str, ReferenceTable], url: str) -> ReferenceTable | None:
    """The table whose Glue LOCATION is ``url`` (trailing slashes ignored)."""
    want = url.rstrip("/")
    for t in tables.values():
        if t.location and t.location.rstrip("/") == want:
            return t
    return None


def inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` when it stays inside ``root`` once resolved (no ``..`` climb, no absolute path, no
    symlink out); None otherwise."""
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or relative.startswith("/") or any(p in ("..", "") for p in parts):
        return None
    base = root.resolve()
    target = (base / PurePosixPath(*parts)).resolve()
    return target if target != base and target.is_relative_to(base) else None


def extract_reference_data(repo: Path, commit: str, prefix: str, dest: Path,
                           skipped: list[str] | None = None) -> int:
    """Write the files under ``prefix`` at ``commit`` into ``dest`` (git objects, not the work tree); returns the
    count. Tree entries whose path would leave ``dest`` are not written; their paths go to ``skipped``."""
    prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
    unsafe: list = []
    files = list_tree(repo, commit, [prefix], unsafe)
    safe = [(f, inside(dest, f.path[len(prefix):])) for f in files]
    if skipped is not None:
        skipped.extend(sorted([f.path for f in unsafe] + [f.path for f, target in safe if target is None]))
    blobs = read_blobs(repo, [f.blob for f, target in safe if target is not None])
    written = 0
    for f, target in safe:
        if target is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blobs[f.blob])
        written += 1
    return written


def has_data(path: Path) -> bool:
    """A file, or a folder holding at least one non-hidden file (Spark skips ``_``/``.`` names)."""
    if path.is_file():
        return True
    return path.is_dir() and any(p.is_file() and not p.name.startswith(("_", ".")) for p in path.rglob("*"))


def read_files(spark, path: Path, fmt: str, options: Mapping[str, str] | None = None, schema: str | None = None):
    """Read reference files with the table's format and SerDe-derived options (header, sep, ...)."""
    if fmt not in READABLE_FORMATS:
        raise ValueError(f"{path}: format {fmt!r} cannot be read for validation")
    reader = spark.read.format(fmt)
    if schema and fmt in ("json", "csv"):
        reader = reader.schema(schema)  # by name for JSON; CSV without a header keeps declared order
    for k, v in (options or {}).items():
        reader = reader.option(k, v)
    return reader.load(Path(path).as_posix())


def _q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def cast_to_columns(df, columns: tuple[tuple[str, str], ...]):
    """Columns of ``df`` cast by name to the table's columns; a column the files lack becomes NULL."""
    have = {c.lower(): c for c in df.columns}
    exprs = []
    for name, typ in columns:
        source = have.get(name.lower())
        value = f"CAST({_q(source)} AS {typ})" if source is not None else f"CAST(NULL AS {typ})"
        exprs.append(f"{value} AS {_q(name)}")
    return df.selectExpr(*exprs)


def load_reference_table(spark, table: ReferenceTable, files: Path, location: Path) -> int:
    """Append the reference rows of ``table`` to its Delta folder; returns the row count."""
    schema = ", ".join(f"{_q(n)} {t}" for n, t in table.columns) if table.format == "json" else None
    if table.format == "csv" and str(table.options.get("header", "")).lower() != "true":
        schema = ", ".join(f"{_q(n)} STRING" for n, _ in table.columns)
    df = cast_to_columns(read_files(spark, files, table.format, table.options, schema), table.columns)
    df.write.format("delta").mode("append").save(Path(location).as_posix())
    return spark.read.format("delta").load(Path(location).as_posix()).count()
