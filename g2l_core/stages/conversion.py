"""Stage ``converted_code`` / ``conversion_decisions``: convert the Glue code that changed, publish it to
the sync branch, and record per file what happened and per call site what the converter decided.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import polars as pl

from g2l_core.config import Project
from g2l_core.gitrepo import matches_any
from g2l_core.convert import FLAGGED as FLAGGED_ACTION
from g2l_core.convert import automation_pct, glue_residue
from g2l_core.convert.magics import BOILERPLATE as NOTEBOOK_SESSION
from g2l_core.home import Home
from g2l_core.notebook import python_of
from g2l_core.publish import Published
from g2l_core.extract.scala_source import NOT_CONVERTED as SCALA_NOT_CONVERTED
from g2l_core.stages.repository import CODE, DDL, JOB_DEFINITIONS, SCALA, glue_commit, glue_files
from g2l_core.stages.status import FAILED, FILE_STATUSES, code_file_status, needs_a_human
from g2l_core.stages.tables import CONVERSION_DECISIONS, read_stage
from g2l_core.sync import SyncOutcome

FILE_SCHEMA = {
    "project": pl.String, "source_path": pl.String, "target_path": pl.String, "source_blob": pl.String,
    "glue_commit": pl.String, "status": pl.String, "sync_action": pl.String, "conflict": pl.String,
    "detail": pl.String, "decisions": pl.Int64, "flagged": pl.Int64, "automation_pct": pl.Float64,
    "residue": pl.Int64, "error": pl.String, "sync_commit": pl.String,
    "review_notes": pl.String, "diff": pl.String, "needs_human": pl.Boolean,
}
HUMAN_COLUMNS = ["source_path", "status", "flagged", "residue", "review_notes"]  # narrow enough for metadata
# Glue plumbing every job carries: converting it says nothing about how much of the job's logic migrated, so
# automation % counts the other constructs (reads, writes, transforms, connectors, bookmarks) only.
BOILERPLATE = frozenset({
    "SparkContext", "GlueContext", "GlueContext.spark_session", "GlueContext.get_logger", "Job", "Job.init",
    "Job.commit", "getResolvedOptions", "DynamicFrame.toDF", "DynamicFrame.fromDF", "Spark SQL ANSI mode",
    "Spark table name",  # a Spark call's table name qualified for Unity Catalog: no Glue construct
}) | NOTEBOOK_SESSION


def meaningful(decisions: list[dict]) -> list[dict]:
    return [d for d in decisions if d["api"] not in BOILERPLATE]
DECISION_SCHEMA = {
    "project": pl.String, "file": pl.String, "line": pl.Int64, "api": pl.String, "action": pl.String,
    "rule": pl.String, "message": pl.String, "glue_commit": pl.String,
}


@dataclass
class Conversion:
    files: pl.DataFrame  # FILE_SCHEMA, one row per Glue code file
    decisions: pl.DataFrame  # DECISION_SCHEMA, one row per Glue call site
    glue_commit: str
    sync_commit: str
    converted_this_run: int
    unchanged_this_run: int
    published: Published  # the publish (or, on a dry run, the plan) of this conversion
    started: datetime  # when the conversion began (a dry run's sync_history row starts then)
    conflicts: list[SyncOutcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be converted, with the reason
    warnings: list[str] = field(default_factory=list)  # settings that select nothing

    @property
    def automation_pct(self) -> float:
        """Over meaningful constructs; boilerplate is counted apart (``boilerplate_sites``)."""
        return automation_pct(meaningful(self.decisions.to_dicts()))

    @property
    def boilerplate_sites(self) -> int:
        return int(self.decisions["api"].is_in(list(BOILERPLATE)).sum())

    def count(self, status: str) -> int:
        return int((self.files["status"] == status).sum())

    def needing_a_human(self) -> pl.DataFrame:
        """Files someone has to look at, in the order of ``FILE_STATUSES`` (failed first)."""
        order = pl.col("status").replace_strict({s: i for i, s in enumerate(FILE_STATUSES)}, default=len(FILE_STATUSES),
                                                return_dtype=pl.Int64)
        return self.files.filter(pl.col("needs_human")).sort(order, "source_path")


def convert_code(project: Project, home: Home, files: pl.DataFrame, dry_run: bool = False) -> Conversion:
    """Convert changed Glue code files (``glue_repo`` rows) and publish them without touching Databricks work;
    with ``dry_run``, only plan: nothing is written to the target repository.

    Files whose blob and converter settings are unchanged keep their previous status and decisions.
    """
    from g2l_core.migrate_code import migrate_code  # libcst: loaded by the step that converts, not by its importers
    from g2l_core.stages.jobs import job_definitions

    started = datetime.now(timezone.utc)
    commit = glue_commit(files)
    code = glue_files(files, CODE)
    warnings = selection_warnings(project, files)
    target_dir = home.target_clone(project.name)
    migration = migrate_code(project, home.glue_clone(project.name), code, target_dir, commit,
                             job_definitions(project, home, files), dry_run=dry_run, ddl_files=glue_files(files, DDL))
    outcome = {o.path: o for o in migration.published.plan.outcomes}

    prev_decisions = read_stage(home.stages, CONVERSION_DECISIONS, project.name)
    reused_decisions: dict[str, list[dict]] = {}
    if prev_decisions is not None:
        for d in prev_decisions.filter(pl.col("file").is_in(migration.reused)).iter_rows(named=True):
            reused_decisions.setdefault(d["file"], []).append(d)

    decision_rows: list[dict] = []
    file_rows: list[dict] = []
    errors: list[str] = []
    published = migration.published
    for path, blob in sorted(code.items()):
        result = migration.results.get(path)
        o = outcome.get(path)
        decisions = reused_decisions.get(path, [])
        if result is not None:
            decisions = [{"project": project.name, **asdict(d), "glue_commit": commit} for d in result.decisions]
            if result.code is None:
                errors.append(f"{path}: {result.error}")
        decision_rows += decisions
        flags = [d for d in decisions if d["action"] == FLAGGED_ACTION]
        held = migration.held_back.get(path)
        error = result.error if result else None
        if held:
            error = held_back_message(path, held)
            errors.append(error)
        failed = result is not None and (result.code is None or held is not None)
        status = code_file_status(failed=failed, conflict=o.conflict if o and not held else None, flagged=len(flags),
                                  converted_this_run=result is not None)
        text = migration.published.text(path) if o and o.conflict is None else None
        residue = len(held) if held else len(glue_residue(python_of(path, text))) if text is not None else 0
        file_rows.append({
            "project": project.name, "source_path": path, "target_path": path, "source_blob": blob,
            "glue_commit": commit, "status": status,
            "sync_action": o.action if o else "skipped", "conflict": o.conflict if o else None,
            "detail": (o.detail if o and not held else "") or error or "",
            "decisions": len(decisions), "flagged": len(flags),
            "automation_pct": automation_pct(meaningful(decisions)), "residue": residue,
            "error": error,
            "sync_commit": published.head,
            "review_notes": "; ".join(f"line {d['line']}: {d['message']}" for d in flags),
            "diff": None if failed else diff_command(project, path, o.action if o else None, published.commit),
            "needs_human": needs_a_human(status, residue),
        })
    for path, blob in sorted(glue_files(files, SCALA).items()):
        errors.append(f"{path}: {SCALA_NOT_CONVERTED}")
        file_rows.append({
            "project": project.name, "source_path": path, "target_path": None, "source_blob": blob,
            "glue_commit": commit, "status": FAILED, "sync_action": "skipped", "conflict": None,
            "detail": SCALA_NOT_CONVERTED, "decisions": 0, "flagged": 0, "automation_pct": 0.0, "residue": 0,
            "error": SCALA_NOT_CONVERTED, "sync_commit": published.head, "review_notes": "", "diff": None,
            "needs_human": True,
        })
    return Conversion(
        files=pl.DataFrame(file_rows, schema=FILE_SCHEMA), decisions=pl.DataFrame(decision_rows, schema=DECISION_SCHEMA),
        glue_commit=commit, sync_commit=published.head, converted_this_run=len(migration.results),
        unchanged_this_run=len(migration.reused), published=published, started=started,
        conflicts=list(published.plan.conflicts), errors=errors,
        warnings=warnings,
    )


def selection_warnings(project: Project, files: pl.DataFrame) -> list[str]:
    """Settings that select nothing at this commit: never a silent 0."""
    commit = glue_commit(files)[:12]
    glue = project.glue
    out = []
    code, ddl, definitions = (list(glue_files(files, role)) for role in (CODE, DDL, JOB_DEFINITIONS))
    excludes = f"after glue.exclude: {', '.join(glue.exclude) or 'none'}"
    if not code:
        out.append(f"glue.paths ({', '.join(glue.paths) or 'none'}) match no Python file at Glue commit "
                   f"{commit} ({excludes}); nothing converted")
    else:
        out += [f"glue.paths entry {p!r} matches no Python file at Glue commit {commit} ({excludes})"
                for p in glue.paths if not any(path.startswith(p) for path in code)]
    if ddl:  # none at all is the uc_ddl stage's note
        out += [f"glue.ddl_paths entry {p!r} matches no file at Glue commit {commit} ({excludes})"
                for p in glue.ddl_paths if not any(path.startswith(p) for path in ddl)]
    missing = [p for p in glue.job_definitions if not any(matches_any(path, [p]) for path in definitions)]
    if missing and not definitions:
        named = " and ".join(sorted({glue.setting_of(p) for p in missing}))
        out.append(f"{named} ({', '.join(missing)}) match no file in the Glue repository at commit {commit}; "
                   "jobs convert without their job definitions (bookmarks, default arguments)")
    else:
        out += [f"{glue.setting_of(p)} entry {p!r} matches no file in the Glue repository at commit {commit}"
                for p in missing]
    return out


WRITTEN = ("added", "updated", "merged", "protected", "renamed")


def diff_command(project: Project, target_path: str, action: str | None, commit: str | None) -> str:
    """How to see what g2l changed in a file: the sync commit of this run when it wrote the file, else the
    sync branch against the base branch."""
    if commit and action in WRITTEN:  # the sync commit's first parent is the base branch
        return f"git diff {commit}^ {commit} -- {target_path}"
    return f"git diff {project.target.branch}...{project.target.sync_branch} -- {target_path}"


def held_back_message(path: str, residue: list[tuple[int, str]]) -> str:
    """Why a converted file was not published: the Glue API uses left without a review marker."""
    uses = "; ".join(f"line {line}: {snippet}" for line, snippet in residue)
    return (f"{path}: held back, not published: {len(residue)} Glue API use{'s' if len(residue) != 1 else ''} "
            f"without a `# g2l: review:` marker ({uses})")


def residue_files(files: pl.DataFrame) -> pl.DataFrame:
    """Published files that still carry Glue API uses without a review marker (held-back files are failed)."""
    return files.filter((pl.col("residue") > 0) & ~(pl.col("status") == FAILED).fill_null(False))


def residue_summary(files: pl.DataFrame) -> str:
    """The residue check's cause, first: which published files carry how much residue."""
    residue = residue_files(files)
    if not residue.height:
        return "no unflagged Glue API in published code"
    return "; ".join(f"{p}: {n} Glue API uses without a review marker" for p, n in zip(residue["source_path"], residue["residue"]))


def conflict_keys(files: pl.DataFrame) -> list[str]:
    """``path: kind`` for every file the sync left alone because of a conflict."""
    rows = files.filter(pl.col("conflict").is_not_null())
    return sorted({f"{path}: {kind}" for path, kind in zip(rows["source_path"], rows["conflict"])})
