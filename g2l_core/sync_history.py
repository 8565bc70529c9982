"""The ``sync_history`` stage table: one row per sync (or dry run) of a project, kept across runs."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from g2l_core.config import Project
from g2l_core.publish import Published, publish
from g2l_core.stages.tables import SYNC_HISTORY
from g2l_core.sync import OUTCOMES

__all__ = ["OUTCOMES", "SCHEMA", "append", "current_sync", "history_row", "now", "with_row"]

SCHEMA = {
    "sync_id": pl.String, "project": pl.String, "glue_commit_from": pl.String, "glue_commit_to": pl.String,
    "base_commit": pl.String, "sync_commit": pl.String, **{name: pl.Int64 for name in OUTCOMES},
    "conflicts": pl.String, "started": pl.Datetime("us", "UTC"), "finished": pl.Datetime("us", "UTC"),
    "dry_run": pl.Boolean,
}


def now() -> datetime:
    return datetime.now(timezone.utc)


def history_row(project: str, published: Published, started: datetime, finished: datetime) -> dict:
    """One row: commits, counts per outcome, and the open conflicts (path, kind, detail) as JSON."""
    conflicts = [{"path": o.path, "conflict": o.conflict, "detail": o.detail} for o in published.plan.conflicts]
    return {
        "sync_id": uuid.uuid4().hex, "project": project,
        "glue_commit_from": published.glue_commits[0] or None, "glue_commit_to": published.glue_commits[1] or None,
        "base_commit": published.base_commit or None, "sync_commit": None if published.dry_run else published.head,
        **published.plan.counts(), "conflicts": json.dumps(conflicts), "started": started, "finished": finished,
        "dry_run": published.dry_run,
    }


def current_sync(project: Project, target_dir: Path, glue_commit: str = "") -> Published:
    """The plan the sync branch stands for now (latest generation against the base branch), for recording
    a sync made in separate steps (code, then DDL)."""
    return publish(project, target_dir, [], "", "", dry_run=True, glue_commit=glue_commit)


def with_row(previous: pl.DataFrame | None, row: dict) -> pl.DataFrame:
    new = pl.DataFrame([row], schema=SCHEMA)
    return new if previous is None else pl.concat([previous.select(list(SCHEMA)).cast(SCHEMA), new])


def append(stages: Path, row: dict) -> None:
    """Add a row to ``<stages>/sync_history`` (partitioned by project, like every stage table)."""
    table = stages / SYNC_HISTORY
    table.parent.mkdir(parents=True, exist_ok=True)
    pl.DataFrame([row], schema=SCHEMA).write_delta(
        str(table), mode="append", delta_write_options={"partition_by": ["project"]})
