"""The project inventory: every entity of the Glue and the Databricks repository in one polars frame.

Incremental by git blob: a file whose blob sha equals the one stored on its rows in ``previous`` keeps
those rows (and their git metadata) without being read or parsed. Only new or changed files are read
(one ``git cat-file --batch``), parsed (process pool when large) and looked up in history (one
``git log`` pass). Cross-file columns (table rows from code references, counterparts, status, sync and
conflict flags, user tags/notes) are recomputed for the whole frame every run, vectorised in polars.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from g2l_core.extract.git_history import file_history, inventory_files
from g2l_core.extract.parse_files import parse_files
from g2l_core.extract.python_source import resolve_placeholders
from g2l_core.extract.report import metadata_markdown
from g2l_core.extract.rows import FILE_LEVEL_TYPES, entity_id
from g2l_core.extract.schema import CATALOG_REF, ENTITY_COLUMNS, empty_frame
from g2l_core.gitrepo import matches_any, read_blobs

SOURCE_TYPES = ("glue", "databricks")


@dataclass
class RepoSnapshot:
    """One repository at one commit: ``files`` maps repo-relative path -> blob sha (inventory files only)."""

    source_type: str
    repo_dir: Path
    commit: str
    files: dict[str, str]
    native_paths: set[str] = field(default_factory=set)

    @classmethod
    def from_git(cls, source_type: str, repo_dir: str | Path, commit: str = "HEAD",
                 native_paths: Iterable[str] = ()) -> RepoSnapshot:
        repo_dir = Path(repo_dir)
        sha = subprocess.run(["git", "rev-parse", "--verify", f"{commit}^{{commit}}"], cwd=repo_dir,
                             capture_output=True, text=True, check=True).stdout.strip()
        return cls(source_type, repo_dir, sha, inventory_files(repo_dir, sha), set(native_paths))


@dataclass
class InventoryResult:
    frame: pl.DataFrame
    parsed_files: int
    reused_files: int
    errors: list[str]
    metadata_md: dict[str, str]


def _conform(previous: pl.DataFrame | None) -> pl.DataFrame | None:
    """The stored table in the current schema (columns added since it was written come back as nulls)."""
    if previous is None or previous.height == 0:
        return None
    cols = [pl.col(c).cast(t) if c in previous.columns else pl.lit(None, dtype=t).alias(c)
            for c, t in ENTITY_COLUMNS.items()]
    return previous.select(cols)


def build_inventory(*, project: str, repos: list[RepoSnapshot], previous: pl.DataFrame | None,
                    workers: int = 2, status: Mapping[str, str] | None = None,
                    conflicts: Iterable[str] = (), job_scripts: Iterable[str] = ()) -> InventoryResult:
    """Inventory of ``repos`` for ``project``, reusing ``previous`` rows of unchanged blobs.

    ``previous`` is the table stored by the last materialization (None or empty on the first run).
    ``status`` maps a file path (or an entity's dotted path) to its migration status from the latest
    conversion/validation; without an entry Glue rows are ``pending`` and Databricks rows ``converted``,
    except native ones (under ``native_paths`` or without a Glue counterpart), which are always
    ``databricks_native``. ``needs_sync`` marks Glue rows of files added or changed since ``previous``.
    ``conflicts`` lists file paths with unresolved sync conflicts (``has_conflicts``).
    ``job_scripts`` are Glue files a job definition runs: their module row is a ``job`` whatever the code.
    """
    prev = _conform(previous)
    status = dict(status or {})
    parts: list[pl.DataFrame] = []
    changed_keys: list[tuple[str, str]] = []
    parsed = reused = 0
    for repo in repos:
        if repo.source_type not in SOURCE_TYPES:
            raise ValueError(f"source_type must be one of {SOURCE_TYPES}, got {repo.source_type!r} for {repo.repo_dir}")
        prev_blobs: dict[str, str] = {}
        stale: set[str] = set()
        if prev is not None:
            known = (prev.filter((pl.col("source_type") == repo.source_type) & pl.col("blob_sha").is_not_null())
                     .select("file_path", "blob_sha").unique(subset="file_path", keep="first"))
            prev_blobs = dict(zip(known["file_path"].to_list(), known["blob_sha"].to_list()))
            stale = _stale_files(prev, repo.source_type)
        changed = sorted(p for p, sha in repo.files.items() if prev_blobs.get(p) != sha)
        # Unchanged files whose stored rows an older g2l wrote without a fact it extracts now: parsed again,
        # but not changed (no needs_sync).
        again = sorted(p for p in stale if p in repo.files and prev_blobs.get(p) == repo.files[p])
        unchanged = [p for p in repo.files if prev_blobs.get(p) == repo.files[p] and p not in stale]
        parsed += len(changed) + len(again)
        reused += len(unchanged)
        if unchanged:
            # Filter by the (few) changed or deleted files rather than the (many) unchanged ones.
            dropped = [p for p, sha in prev_blobs.items() if repo.files.get(p) != sha or p in stale]
            parts.append(prev.filter((pl.col("source_type") == repo.source_type) & pl.col("blob_sha").is_not_null()
                                     & ~pl.col("file_path").is_in(dropped)))
        changed_keys += [(repo.source_type, p) for p in changed]
        changed = sorted({*changed, *again})
        if not changed:
            continue
        blobs = read_blobs(repo.repo_dir, [repo.files[p] for p in changed])
        fresh = pl.DataFrame(parse_files(project, [(repo.source_type, p, blobs[repo.files[p]]) for p in changed],
                                         workers), schema=ENTITY_COLUMNS, orient="row")
        history = file_history(repo.repo_dir, changed, rev=repo.commit)
        meta = pl.DataFrame(
            {
                "file_path": changed,
                "git_commit": [history[p].commit if p in history else None for p in changed],
                "git_author": [history[p].author if p in history else None for p in changed],
                "last_modified": [history[p].date if p in history else None for p in changed],
                "blob_sha": [repo.files[p] for p in changed],
            },
            schema={"file_path": pl.Utf8, "git_commit": pl.Utf8, "git_author": pl.Utf8,
                    "last_modified": ENTITY_COLUMNS["last_modified"], "blob_sha": pl.Utf8},
        )
        fresh = (fresh.drop("git_commit", "git_author", "last_modified", "blob_sha")
                 .join(meta, on="file_path", how="left").select(list(ENTITY_COLUMNS)))
        parts.append(fresh)

    frame = pl.concat(parts, how="vertical") if parts else empty_frame()
    frame, dup_errors = _dedupe(frame)
    frame = _as_jobs(frame, set(job_scripts))
    frame = _resolve_templates(frame)
    frame = _with_code_tables(project, frame, prev)
    # The cross-file columns are one lazy plan, collected once.
    plan = _link_counterparts(frame)
    plan = _with_flags(plan, repos, prev, status, set(conflicts), changed_keys)
    plan = _carry_annotations(plan, prev)
    frame = plan.sort(["source_type", "file_path", "line_start", "full_path"], nulls_last=False).collect()

    errors = [f"{r['source_type']}:{r['file_path']}: {r['parse_error']}"
              for r in frame.filter(pl.col("parse_error").is_not_null())
              .select("source_type", "file_path", "parse_error").iter_rows(named=True)] + dup_errors
    return InventoryResult(frame, parsed, reused, errors, metadata_markdown(frame))


def _stale_files(prev: pl.DataFrame, source_type: str) -> set[str]:
    """Python files whose stored rows lack ``glue_service_calls`` (written before g2l extracted it)."""
    old = prev.filter((pl.col("source_type") == source_type) & pl.col("blob_sha").is_not_null()
                      & pl.col("entity_type").is_in(FILE_LEVEL_TYPES) & pl.col("file_path").str.ends_with(".py")
                      & pl.col("parse_error").is_null() & pl.col("glue_service_calls").is_null())
    return set(old["file_path"].to_list())


def _as_jobs(frame: pl.DataFrame, scripts: set[str]) -> pl.DataFrame:
    if not scripts:
        return frame
    is_script = ((pl.col("source_type") == "glue") & (pl.col("entity_type") == "module")
                 & pl.col("file_path").is_in(sorted(scripts)))
    return frame.with_columns(pl.when(is_script).then(pl.lit("job")).otherwise(pl.col("entity_type")).alias("entity_type"))


def _resolve_templates(frame: pl.DataFrame) -> pl.DataFrame:
    """Fill ``catalog_refs`` of rows whose references use constants imported from other modules.

    ``${risk_common.config.RAW_DB}`` is looked up in the module constants of the same repository, by exact
    module name or by a unique dotted suffix (``src/risk_common/config.py`` is imported as
    ``risk_common.config`` when ``src`` is on the path). Unknown constants drop the reference.
    """
    todo = frame.filter(pl.col("catalog_ref_templates").is_not_null())
    if todo.height == 0:
        return frame
    modules: dict[str, dict[str, dict]] = {}
    for st, module, text in (frame.filter(pl.col("module_constants").is_not_null())
                             .select("source_type", "module_name", "module_constants").iter_rows()):
        modules.setdefault(st, {})[module] = json.loads(text)

    def lookup_for(source_type: str):
        known = modules.get(source_type, {})

        def lookup(module: str, name: str) -> str | None:
            if module in known:
                return known[module].get(name)
            matches = [m for m in known if m.endswith("." + module)]
            return known[matches[0]].get(name) if len(matches) == 1 else None

        return lookup

    lookups = {st: lookup_for(st) for st in modules}
    ids, resolved = [], []
    for eid, st, templates in todo.select("entity_id", "source_type", "catalog_ref_templates").iter_rows():
        refs = set()
        for ref in templates:
            name = resolve_placeholders(ref["table"], lookups.get(st, lambda m, n: None))
            if name and "." in name:
                refs.add((name.replace("`", "").lower(), ref["direction"]))
        ids.append(eid)
        resolved.append([{"table": t, "direction": d} for t, d in sorted(refs)])
    fixes = pl.DataFrame({"entity_id": ids, "_resolved": resolved},
                         schema={"entity_id": pl.Utf8, "_resolved": pl.List(CATALOG_REF)})
    return (frame.join(fixes, on="entity_id", how="left", maintain_order="left")
            .with_columns(pl.coalesce("_resolved", "catalog_refs").alias("catalog_refs")).drop("_resolved"))


def _with_code_tables(project: str, frame: pl.DataFrame, prev: pl.DataFrame | None) -> pl.DataFrame:
    """One ``table`` row per (source, table) referenced in code; DDL-defined tables get ``referenced_by``.

    Only table rows are touched; the (large) rest of the frame is passed through and concatenated.
    """
    refs = (frame.lazy().filter(pl.col("entity_type").is_in(FILE_LEVEL_TYPES) & (pl.col("catalog_refs").list.len() > 0))
            .select("source_type", "file_path", "full_path", "catalog_refs")
            .explode("catalog_refs")
            .with_columns(pl.col("catalog_refs").struct.field("table").alias("table")))
    agg_df = (refs.group_by("source_type", "table")
              .agg(pl.col("file_path").min(), pl.col("full_path").unique().sort().alias("_by"),
                   pl.col("catalog_refs").unique().sort().alias("_refs"))
              .collect())
    is_table = pl.col("entity_type") == "table"
    ddl_tables = frame.filter(is_table)
    missing = agg_df.join(ddl_tables.select("source_type", pl.col("full_path").alias("table")),
                          on=["source_type", "table"], how="anti")
    if prev is not None:
        # Reuse the ids of code tables seen last run; hash only the new ones.
        old = prev.filter(is_table & pl.col("blob_sha").is_null()).select(
            "source_type", pl.col("full_path").alias("table"), "entity_id")
        missing = missing.join(old, on=["source_type", "table"], how="left")
    else:
        missing = missing.with_columns(pl.lit(None, dtype=pl.Utf8).alias("entity_id"))
    missing = missing.sort("source_type", "table")
    if missing["entity_id"].null_count():
        ids = [eid or entity_id(project, st, "table", t)
               for st, t, eid in missing.select("source_type", "table", "entity_id").iter_rows()]
        missing = missing.with_columns(pl.Series("entity_id", ids, dtype=pl.Utf8))
    n = missing.height
    code_tables = missing.select(
        "entity_id", pl.lit(project).alias("project"), pl.lit("table").alias("entity_type"),
        pl.col("table").str.split(".").list.last().alias("name"), pl.col("table").alias("full_path"),
        "source_type", "file_path", pl.col("_by").alias("referenced_by"), pl.col("_refs").alias("catalog_refs"),
    )
    empty_lists = [pl.lit([], dtype=pl.List(pl.Utf8)).alias(c) for c in ("imports", "calls", "s3_paths")]
    code_tables = code_tables.with_columns(*empty_lists, pl.lit("{}").alias("glue_api_calls")) if n else code_tables
    code_tables = code_tables.select(
        [pl.col(c).cast(t) if c in code_tables.columns else pl.lit(None, dtype=t).alias(c)
         for c, t in ENTITY_COLUMNS.items()])
    link = agg_df.select("source_type", pl.col("table").alias("full_path"), "_by", "_refs")
    ddl = (ddl_tables.join(link, on=["source_type", "full_path"], how="left", maintain_order="left")
           .with_columns(pl.coalesce("_by", pl.lit([], dtype=pl.List(pl.Utf8))).alias("referenced_by"),
                         pl.coalesce("_refs", pl.lit([], dtype=pl.List(CATALOG_REF))).alias("catalog_refs"))
           .select(list(ENTITY_COLUMNS)))
    return pl.concat([frame.filter(~is_table), ddl, code_tables], how="vertical")


def _dedupe(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Two files naming the same dotted path (``a.py`` and ``a/__init__.py``) collide; keep the first."""
    if not frame["entity_id"].is_duplicated().any():
        return frame, []
    counts = frame.group_by("entity_id").len().filter(pl.col("len") > 1)
    dups = frame.filter(pl.col("entity_id").is_in(counts["entity_id"].implode())).sort("file_path")
    errors = [f"{st}:{fp}: duplicate {et} {path}; kept the row from {first}"
              for (st, et, path), group in dups.group_by(["source_type", "entity_type", "full_path"], maintain_order=True)
              for first in [group["file_path"][0]] for fp in group["file_path"][1:].to_list()]
    return frame.sort("file_path").unique(subset="entity_id", keep="first", maintain_order=True), errors


def _link_key() -> list[pl.Expr]:
    group = (pl.when(pl.col("entity_type").is_in(FILE_LEVEL_TYPES)).then(pl.lit("file"))
             .otherwise(pl.col("entity_type")).alias("_group"))
    # Databricks tables carry a Unity Catalog name (catalog.db.table); match them on db.table.
    link = (pl.when(pl.col("entity_type") == "table")
            .then(pl.col("full_path").str.split(".").list.slice(-2).list.join("."))
            .otherwise(pl.col("full_path")).alias("_link"))
    return [group, link]


def _link_counterparts(frame: pl.DataFrame) -> pl.LazyFrame:
    if frame["source_type"].n_unique() < 2:
        return frame.lazy().with_columns(pl.lit(None, dtype=pl.Utf8).alias("counterpart_id"))
    keyed = frame.lazy().with_columns(_link_key())
    sides = {
        st: keyed.filter(pl.col("source_type") == st).sort("file_path")
        .select("_group", "_link", pl.col("entity_id").alias(f"_cp_{st}")).unique(subset=["_group", "_link"], keep="first")
        for st in SOURCE_TYPES
    }
    keyed = (keyed.join(sides["glue"], on=["_group", "_link"], how="left")
             .join(sides["databricks"], on=["_group", "_link"], how="left"))
    return keyed.with_columns(
        pl.when(pl.col("source_type") == "glue").then(pl.col("_cp_databricks"))
        .otherwise(pl.col("_cp_glue")).alias("counterpart_id")
    ).select(list(ENTITY_COLUMNS))


def _with_flags(frame: pl.LazyFrame, repos: list[RepoSnapshot], prev: pl.DataFrame | None,
                status: dict[str, str], conflicts: set[str], changed: list[tuple[str, str]]) -> pl.LazyFrame:
    native_files: set[str] = set()
    for repo in repos:
        if repo.source_type == "databricks" and repo.native_paths:
            native_files |= {p for p in repo.files if p in repo.native_paths or matches_any(p, repo.native_paths)}
    is_glue = pl.col("source_type") == "glue"
    code_table = (pl.col("entity_type") == "table") & pl.col("blob_sha").is_null()
    native = (~is_glue) & (pl.col("file_path").is_in(sorted(native_files)) | pl.col("counterpart_id").is_null())
    by_path = pl.col("full_path").replace_strict(status, default=None, return_dtype=pl.Utf8)
    by_file = pl.when(code_table).then(None).otherwise(
        pl.col("file_path").replace_strict(status, default=None, return_dtype=pl.Utf8))
    given = pl.coalesce(by_path, by_file)
    status_expr = (pl.when(native).then(pl.lit("databricks_native"))
                   .otherwise(pl.coalesce(given, pl.when(is_glue).then(pl.lit("pending")).otherwise(pl.lit("converted")))))
    had_previous = set(prev["source_type"].unique()) if prev is not None else set()
    changed_glue = sorted(p for st, p in changed if st == "glue") if "glue" in had_previous else []
    return frame.with_columns(
        status_expr.alias("migration_status"),
        native.alias("is_databricks_native"),
        (is_glue & ~code_table & pl.col("file_path").is_in(changed_glue)).alias("needs_sync"),
        (~code_table & pl.col("file_path").is_in(sorted(conflicts))).alias("has_conflicts"),
    )


def _carry_annotations(frame: pl.LazyFrame, prev: pl.DataFrame | None) -> pl.LazyFrame:
    """User tags and notes belong to the entity, not to the parse: keep them by entity_id."""
    if prev is None:
        return frame.with_columns(pl.lit([], dtype=pl.List(pl.Utf8)).alias("tags"))
    # Only annotated entities matter, usually a handful, which keeps the join tiny.
    notes = (prev.lazy().filter((pl.col("tags").list.len() > 0) | pl.col("notes").is_not_null())
             .select("entity_id", pl.col("tags").alias("_tags"), pl.col("notes").alias("_notes"))
             .unique(subset="entity_id", keep="first"))
    return (frame.join(notes, on="entity_id", how="left")
            .with_columns(pl.coalesce("_tags", pl.lit([], dtype=pl.List(pl.Utf8))).alias("tags"),
                          pl.col("_notes").alias("notes"))
            .select(list(ENTITY_COLUMNS)))
