"""Publish generated files to the target repository's sync branch, protecting Databricks work.

One lock per target clone, the sync branch checked out, ``plan_sync`` decides, the plan is written,
committed and pushed. Conflicts are in the returned plan; nothing conflicting is touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from g2l_core import gitrepo
from g2l_core.config import Project
from g2l_core.sync import GeneratedFile, SyncPlan, apply_plan, plan_sync, read_current, read_manifest


@dataclass
class Published:
    plan: SyncPlan
    commit: str | None  # the sync-branch commit made by this publish (None: nothing changed)
    head: str  # the sync-branch head after publishing


def source_fingerprint(*parts: str, code_dirs: Iterable[Path] = ()) -> str:
    """Hash of settings and generator source: a change to either re-generates every file."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
    for d in code_dirs:
        for f in sorted(Path(d).rglob("*.py")):
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def manifest_for(project: Project, target_dir: Path) -> dict[str, dict]:
    """The sync branch's manifest (read under the lock so it matches what publish will see)."""
    with gitrepo.repo_lock(target_dir):
        gitrepo.checkout_sync_branch(target_dir, project.target.branch, project.target.sync_branch)
        return read_manifest(target_dir)


def publish(project: Project, target_dir: Path, generated: list[GeneratedFile], kind: str, message: str,
            push: bool = True) -> Published:
    with gitrepo.repo_lock(target_dir):
        gitrepo.checkout_sync_branch(target_dir, project.target.branch, project.target.sync_branch)
        manifest = read_manifest(target_dir)
        paths = {g.path for g in generated} | {p for p, e in manifest.items() if e.get("kind", "code") == kind}
        plan = plan_sync(generated, read_current(target_dir, paths), manifest, project.target.native, kind=kind)
        apply_plan(target_dir, plan)
        commit = gitrepo.commit_all(target_dir, message)
        if commit and push:
            gitrepo.push_branch(target_dir, project.target.sync_branch)
        head = gitrepo.git(target_dir, "rev-parse", "HEAD")
    return Published(plan, commit, head)
