"""Stage ``converted_code`` / ``conversion_decisions``: convert the Glue code that changed, publish it to
the sync branch, and record per file what happened and per call site what the converter decided.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import polars as pl

from g2l_core.config import Project
from g2l_core.convert import FLAGGED as FLAGGED_ACTION
from g2l_core.convert import automation_pct, glue_residue
from g2l_core.gitrepo import read_blobs
from g2l_core.home import Home
from g2l_core.migrate_code import migrate_code
from g2l_core.stages.repository import CODE, JOB_CONFIG, glue_commit, glue_files
from g2l_core.stages.status import CONVERTED, FAILED, FLAGGED
from g2l_core.stages.tables import CONVERSION_DECISIONS, CONVERTED_CODE, read_stage
from g2l_core.sync import SyncOutcome

FILE_SCHEMA = {
    "project": pl.String, "source_path": pl.String, "target_path": pl.String, "source_blob": pl.String,
    "glue_commit": pl.String, "status": pl.String, "sync_action": pl.String, "conflict": pl.String,
    "detail": pl.String, "decisions": pl.Int64, "flagged": pl.Int64, "automation_pct": pl.Float64,
    "residue": pl.Int64, "error": pl.String, "sync_commit": pl.String,
}
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
    reused: int
    conflicts: list[SyncOutcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be converted, with the reason

    @property
    def automation_pct(self) -> float:
        return automation_pct(self.decisions.to_dicts())

    @property
    def failed(self) -> int:
        return int((self.files["status"] == FAILED).sum())


def _job_config_text(home: Home, project: Project, files: pl.DataFrame) -> str | None:
    blobs = list(glue_files(files, JOB_CONFIG).values())
    if not blobs:
        return None
    return read_blobs(home.glue_clone(project.name), blobs[:1])[blobs[0]].decode()


def convert_code(project: Project, home: Home, files: pl.DataFrame) -> Conversion:
    """Convert changed Glue code files (``glue_repo`` rows) and publish them without touching Databricks work.

    Files whose blob and converter settings are unchanged keep their previous status and decisions.
    """
    commit = glue_commit(files)
    code = glue_files(files, CODE)
    target_dir = home.target_clone(project.name)
    migration = migrate_code(project, home.glue_clone(project.name), code, target_dir, commit,
                             _job_config_text(home, project, files))
    outcome = {o.path: o for o in migration.published.plan.outcomes}

    prev_files = read_stage(home.stages, CONVERTED_CODE, project.name)
    prev_status = dict(zip(prev_files["source_path"], prev_files["status"])) if prev_files is not None else {}
    prev_decisions = read_stage(home.stages, CONVERSION_DECISIONS, project.name)
    reused_decisions: dict[str, list[dict]] = {}
    if prev_decisions is not None:
        for d in prev_decisions.filter(pl.col("file").is_in(migration.reused)).iter_rows(named=True):
            reused_decisions.setdefault(d["file"], []).append(d)

    decision_rows: list[dict] = []
    file_rows: list[dict] = []
    errors: list[str] = []
    for path, blob in sorted(code.items()):
        result = migration.results.get(path)
        o = outcome.get(path)
        decisions = reused_decisions.get(path, [])
        if result is not None:
            decisions = [{"project": project.name, **asdict(d), "glue_commit": commit} for d in result.decisions]
            if result.code is None:
                status = FAILED
                errors.append(f"{path}: {result.error}")
            else:
                status = FLAGGED if any(d["action"] == FLAGGED_ACTION for d in decisions) else CONVERTED
        else:
            status = prev_status.get(path, CONVERTED)
        decision_rows += decisions
        published = target_dir / path
        text = published.read_text() if published.is_file() and o and o.conflict is None else None
        file_rows.append({
            "project": project.name, "source_path": path, "target_path": path, "source_blob": blob,
            "glue_commit": commit, "status": status,
            "sync_action": o.action if o else "skipped", "conflict": o.conflict if o else None,
            "detail": (o.detail if o else "") or (result.error if result and result.error else ""),
            "decisions": len(decisions), "flagged": sum(d["action"] == FLAGGED_ACTION for d in decisions),
            "automation_pct": automation_pct(decisions),
            "residue": len(glue_residue(text)) if text is not None else 0,
            "error": result.error if result else None,
            "sync_commit": migration.published.head,
        })
    return Conversion(
        files=pl.DataFrame(file_rows, schema=FILE_SCHEMA), decisions=pl.DataFrame(decision_rows, schema=DECISION_SCHEMA),
        glue_commit=commit, sync_commit=migration.published.head, converted_this_run=len(migration.results),
        reused=len(migration.reused), conflicts=list(migration.published.plan.conflicts), errors=errors,
    )


def residue_files(files: pl.DataFrame) -> pl.DataFrame:
    """Published files that still carry Glue API uses without a review marker."""
    return files.filter(pl.col("residue") > 0)


def conflict_keys(files: pl.DataFrame) -> list[str]:
    """``path: kind`` for every file the sync left alone because of a conflict."""
    rows = files.filter(pl.col("conflict").is_not_null())
    return sorted({f"{path}: {kind}" for path, kind in zip(rows["source_path"], rows["conflict"])})
