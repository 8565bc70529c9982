"""What one sync does to each file of the target repository: the plan, a pure function of contents.

Every sync builds the sync branch as "the base branch as it is now, plus this sync's Glue changes", so
the Databricks team's work on the base branch is the input. Per target path there are three versions:
``base`` (what g2l generated that the base branch's copy derives from, from the manifest), ``ours`` (the
file on the base branch now) and ``theirs`` (the new conversion). The outcome of each path is one of
``added``, ``updated``, ``merged``, ``protected``, ``renamed``, ``conflict``, ``orphaned``, ``unchanged``.

Databricks work always wins a disagreement: native files (registry ``native`` globs, or ``# g2l:
native`` in the first lines) are never written, renamed or deleted; protected regions
(``# g2l: protect begin NAME`` ... ``# g2l: protect end``) are kept byte for byte; overlapping edits
leave the base branch's file as it is and are reported as a conflict (with the hunks of both sides)
at every sync until resolved; a file whose Glue source was deleted stays and is reported ``orphaned``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from g2l_core.gitrepo import matches_any
from g2l_core.merge import Hunk, has_native_marker, merge_file
from g2l_core.notebook import NotebookError, is_notebook, notebook_script, read_notebook

MANIFEST_PATH = ".g2l/manifest.json"
# Manifest sources of the files g2l writes for itself (no Glue file behind them): the helper module next to
# the converted code, the dashboard App.
HELPER_SOURCE, APP_SOURCE = "g2l", "g2l dashboard"
SUPPORT_SOURCES = (HELPER_SOURCE, APP_SOURCE)
OUTCOMES = ("added", "updated", "merged", "protected", "renamed", "conflict", "orphaned", "unchanged")


@dataclass(frozen=True)
class GeneratedFile:
    """One output g2l wants in the target repo; ``content=None`` means its source is unchanged since the
    last conversion, whose output is reused."""

    path: str
    source: str
    source_blob: str
    content: str | None
    kind: str = "code"
    fingerprint: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)  # more facts to keep in the manifest


@dataclass(frozen=True)
class FileState:
    """The three versions of one target path (None: absent)."""

    path: str
    base: str | None
    ours: str | None
    theirs: str | None
    source: str = ""
    kind: str = "code"
    renamed_from: str | None = None  # target path of the Glue source this one was renamed from


@dataclass(frozen=True)
class SyncOutcome:
    path: str
    source: str
    action: str  # one of OUTCOMES
    conflict: str | None = None  # native | exists | deleted | overlap | region_anchor | renamed
    detail: str = ""
    kind: str = "code"
    hunks: tuple[Hunk, ...] = ()
    settled: bool = False  # the sync branch now holds Glue's version: it is the next merge's base


@dataclass
class SyncPlan:
    writes: dict[str, str] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    outcomes: list[SyncOutcome] = field(default_factory=list)

    @property
    def conflicts(self) -> list[SyncOutcome]:
        return [o for o in self.outcomes if o.action == "conflict"]

    def counts(self) -> dict[str, int]:
        c = Counter(o.action for o in self.outcomes)
        return {name: c.get(name, 0) for name in OUTCOMES}

    def by_path(self) -> dict[str, SyncOutcome]:
        return {o.path: o for o in self.outcomes}


def content_sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def is_native(path: str, text: str | None, native: Iterable[str]) -> bool:
    """A notebook carries its ``# g2l: native`` in its first code cell."""
    if matches_any(path, native):
        return True
    if text is None:
        return False
    if is_notebook(path):
        try:
            text = notebook_script(read_notebook(text, path)).split("\n", 1)[-1]
        except NotebookError:
            return False
    return has_native_marker(text)


def readable(path: str, text: str) -> bool:
    """A merge of a notebook's JSON lines can be valid text yet broken JSON: such a merge is not written."""
    if not is_notebook(path):
        return True
    try:
        read_notebook(text, path)
    except NotebookError:
        return False
    return True


def plan_sync(states: Iterable[FileState], native: Iterable[str] = ()) -> SyncPlan:
    """Decide every path. Pure: the same states always give the same plan (dry run and apply share it)."""
    native = tuple(native)
    states = {s.path: s for s in states}
    plan = SyncPlan()
    moved: set[str] = set()
    for s in states.values():
        old = states.get(s.renamed_from) if s.renamed_from else None
        if old is not None and old.theirs is None:
            moved.add(old.path)
            _decide_rename(old, s, native, plan)
    for s in states.values():
        if s.path not in moved and not (s.renamed_from in moved):
            _add(plan, _decide(s, native, plan))
    return plan


def _add(plan: SyncPlan, outcome: SyncOutcome | None) -> None:
    if outcome is not None:
        plan.outcomes.append(outcome)


def _out(s: FileState, action: str, conflict: str | None = None, detail: str = "", hunks=(), settled=False) -> SyncOutcome:
    return SyncOutcome(s.path, s.source, action, conflict, detail, s.kind, tuple(hunks), settled)


def _decide(s: FileState, native: tuple[str, ...], plan: SyncPlan) -> SyncOutcome | None:
    if s.theirs is None:  # the Glue source is gone (or no longer converts to this path)
        if s.ours is None:
            return None
        return _out(s, "orphaned", detail="its Glue source was deleted; the file stays until removed on the base branch")
    if is_native(s.path, s.ours, native):
        return _out(s, "conflict", "native", "the path is Databricks-native (registry 'native' or '# g2l: native'); "
                                             "g2l output not written")
    if s.ours is None:
        if s.base is None:
            plan.writes[s.path] = s.theirs
            return _out(s, "added", settled=True)
        if s.theirs == s.base:
            return _out(s, "unchanged", detail="deleted on the base branch; not recreated", settled=True)
        return _out(s, "conflict", "deleted", "deleted on the base branch after g2l wrote it, and Glue changed it since; "
                                              "not recreated")
    if s.ours == s.theirs:
        return _out(s, "unchanged", settled=True)
    if s.base is None:
        return _out(s, "conflict", "exists", "a file g2l did not write already exists at this path on the base branch; "
                                             "not overwritten")
    if s.theirs == s.base:
        return _out(s, "unchanged", settled=True)
    if s.ours == s.base:
        plan.writes[s.path] = s.theirs
        return _out(s, "updated", settled=True)
    merged = merge_file(s.base, s.ours, s.theirs)
    if merged.text is None:
        if merged.problem == "region_anchor":
            return _out(s, "conflict", "region_anchor", "the lines around a protected region changed on the Glue side; "
                                                        "the base branch's file is kept", merged.hunks)
        return _out(s, "conflict", "overlap", f"{len(merged.hunks)} Glue change(s) overlap edits on the base branch; "
                                              "the base branch's file is kept", merged.hunks)
    if merged.text == s.ours:
        return _out(s, "unchanged", settled=True)
    if not readable(s.path, merged.text):
        return _out(s, "conflict", "overlap", "Glue changes and edits on the base branch merge line by line into a "
                                              "notebook that is no longer valid JSON; the base branch's file is kept")
    plan.writes[s.path] = merged.text
    if merged.regions:
        return _out(s, "protected", detail=f"Glue changes merged around {merged.regions} protected region(s)", settled=True)
    return _out(s, "merged", detail="Glue changes merged with edits on the base branch", settled=True)


def _decide_rename(old: FileState, new: FileState, native: tuple[str, ...], plan: SyncPlan) -> None:
    """A Glue source renamed: the target file moves only when nobody touched it since the last sync."""
    if old.ours is None:  # gone from the old path (moved by hand, or deleted): the old output is the base
        _add(plan, _decide(FileState(new.path, old.base, new.ours, new.theirs, new.source, new.kind), native, plan))
        return
    blocked = ""
    if is_native(old.path, old.ours, native) or is_native(new.path, new.ours, native):
        blocked = "native"
    elif new.ours is not None and new.ours != new.theirs:
        blocked = "exists"
    elif old.ours != old.base:
        blocked = "renamed"
    if blocked:
        detail = {"native": "a Databricks-native file is involved",
                  "exists": f"{new.path} already exists on the base branch",
                  "renamed": "it was edited on the base branch since the last sync"}[blocked]
        plan.outcomes.append(_out(old, "conflict", blocked, f"Glue renamed its source to {new.source}; not moved to "
                                                            f"{new.path}: {detail}"))
        return
    plan.writes[new.path] = new.theirs
    plan.deletes.append(old.path)
    plan.outcomes.append(_out(new, "renamed", detail=f"moved from {old.path}", settled=True))
