"""Decide what g2l may write into the Databricks target repository, without ever deleting work.

The target repository holds three kinds of content: files g2l generated (recorded in the manifest with
the hash of what it wrote), Databricks-native files (listed in the registry's ``native`` globs, or simply
not written by g2l), and protected regions inside generated files::

    # g2l: protect begin monitoring
    ...hand-written code kept across every re-conversion...
    # g2l: protect end

A generated file is replaced only when its content outside protected regions is still exactly what g2l
wrote last time. Anything else is a conflict: reported, left as it is.

``plan_sync`` is pure (contents in, decisions out); ``apply_plan`` does the file I/O.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from g2l_core.gitrepo import matches_any

MANIFEST_PATH = ".g2l/manifest.json"
_BEGIN = re.compile(r"^\s*#\s*g2l:\s*protect\s+begin\b(.*)$")
_END = re.compile(r"^\s*#\s*g2l:\s*protect\s+end\b")


@dataclass(frozen=True)
class GeneratedFile:
    """One output g2l wants in the target repo; ``content=None`` means its source is unchanged."""

    path: str
    source: str
    source_blob: str
    content: str | None
    kind: str = "code"
    fingerprint: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)  # more facts to keep in the manifest


@dataclass(frozen=True)
class SyncOutcome:
    path: str
    source: str
    action: str  # created | updated | unchanged | removed | conflict
    conflict: str | None = None  # native | modified | deleted | unowned | region_anchor | source_removed
    detail: str = ""


@dataclass
class SyncPlan:
    writes: dict[str, str] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    outcomes: list[SyncOutcome] = field(default_factory=list)
    manifest: dict[str, dict] = field(default_factory=dict)

    @property
    def conflicts(self) -> list[SyncOutcome]:
        return [o for o in self.outcomes if o.action == "conflict"]


def content_sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Region:
    anchor: str | None  # the line just before the region in the file it was found in
    text: str  # the region including its begin/end marker lines


def split_regions(text: str) -> tuple[str, list[Region]]:
    """Text with protected regions removed, and the regions with the line that precedes each."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if _BEGIN.match(lines[i]):
            j = i
            while j < len(lines) and not _END.match(lines[j]):
                j += 1
            anchor = kept[-1] if kept else None
            regions.append(Region(anchor, "".join(lines[i:j + 1])))
            i = j + 1
            continue
        kept.append(lines[i])
        i += 1
    return "".join(kept), regions


def insert_regions(text: str, regions: Iterable[Region]) -> tuple[str, list[Region]]:
    """Re-insert regions after their anchor line in ``text``; returns the text and regions with no anchor."""
    lines = text.splitlines(keepends=True)
    lost: list[Region] = []
    for region in regions:
        if region.anchor is None:
            lines.insert(0, region.text)
            continue
        try:
            at = lines.index(region.anchor)
        except ValueError:
            lost.append(region)
            continue
        lines.insert(at + 1, region.text)
    return "".join(lines), lost


def plan_sync(
    generated: Iterable[GeneratedFile],
    current: Mapping[str, str | None],
    manifest: Mapping[str, dict],
    native: Iterable[str] = (),
    kind: str | None = None,
) -> SyncPlan:
    """Decide writes for one kind of output (``code`` or ``ddl``).

    ``current`` maps every path of interest to its text in the target work tree (None when absent);
    ``manifest`` is what g2l recorded when it last wrote. Manifest entries of ``kind`` whose source is
    no longer generated are removed only if nobody edited them.
    """
    native = tuple(native)
    plan = SyncPlan(manifest={k: dict(v) for k, v in manifest.items()})
    produced: set[str] = set()
    for gen in generated:
        produced.add(gen.path)
        plan.outcomes.append(_decide(gen, current.get(gen.path), manifest.get(gen.path), native, plan))
    for path, entry in manifest.items():
        if path in produced or (kind is not None and entry.get("kind", "code") != kind):
            continue
        text = current.get(path)
        if text is None:
            plan.manifest.pop(path, None)
            continue
        stripped, regions = split_regions(text)
        if content_sha(stripped) == entry.get("output_sha") and not regions:
            plan.deletes.append(path)
            plan.manifest.pop(path, None)
            plan.outcomes.append(SyncOutcome(path, entry.get("source", ""), "removed", None,
                                             "source removed on the Glue side"))
        else:
            plan.outcomes.append(SyncOutcome(path, entry.get("source", ""), "conflict", "source_removed",
                                             "source removed on the Glue side but the file was edited on Databricks; kept"))
    return plan


def _decide(gen: GeneratedFile, text: str | None, entry: dict | None, native: tuple[str, ...], plan: SyncPlan) -> SyncOutcome:
    def record(written: str) -> None:
        plan.manifest[gen.path] = {
            "source": gen.source, "source_blob": gen.source_blob, "kind": gen.kind,
            "fingerprint": gen.fingerprint, "output_sha": content_sha(split_regions(written)[0]), **gen.extra,
        }

    if matches_any(gen.path, native):
        return SyncOutcome(gen.path, gen.source, "conflict", "native",
                           "path is Databricks-native (registry 'native'); g2l output not written")
    if text is None:
        if entry is not None:
            return SyncOutcome(gen.path, gen.source, "conflict", "deleted",
                               "file was deleted on Databricks after g2l wrote it; not recreated")
        if gen.content is None:
            return SyncOutcome(gen.path, gen.source, "conflict", "deleted", "output missing and source unchanged")
        plan.writes[gen.path] = gen.content
        record(gen.content)
        return SyncOutcome(gen.path, gen.source, "created")
    if entry is None:
        return SyncOutcome(gen.path, gen.source, "conflict", "unowned",
                           "a file g2l did not write already exists at this path; not overwritten")
    stripped, regions = split_regions(text)
    if content_sha(stripped) != entry.get("output_sha"):
        return SyncOutcome(gen.path, gen.source, "conflict", "modified",
                           "edited on Databricks outside protected regions since g2l wrote it; not overwritten")
    if gen.content is None:
        return SyncOutcome(gen.path, gen.source, "unchanged")
    merged, lost = insert_regions(gen.content, regions)
    if lost:
        return SyncOutcome(gen.path, gen.source, "conflict", "region_anchor",
                           f"{len(lost)} protected region(s) lost their anchor line in the new conversion; not overwritten")
    if merged == text:
        record(merged)
        return SyncOutcome(gen.path, gen.source, "unchanged")
    plan.writes[gen.path] = merged
    record(merged)
    return SyncOutcome(gen.path, gen.source, "updated", None,
                       f"{len(regions)} protected region(s) kept" if regions else "")


def read_manifest(repo: Path) -> dict[str, dict]:
    path = repo / MANIFEST_PATH
    if not path.exists():
        return {}
    return json.loads(path.read_text())["files"]


def read_current(repo: Path, paths: Iterable[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for rel in paths:
        p = repo / rel
        out[rel] = p.read_text(errors="replace") if p.is_file() else None
    return out


def apply_plan(repo: Path, plan: SyncPlan) -> None:
    """Write the plan into the work tree: atomic per file, manifest last."""
    for rel, text in plan.writes.items():
        _atomic_write(repo / rel, text)
    for rel in plan.deletes:
        (repo / rel).unlink(missing_ok=True)
    _atomic_write(repo / MANIFEST_PATH, json.dumps({"files": dict(sorted(plan.manifest.items()))}, indent=1) + "\n")


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.g2l-tmp")
    tmp.write_text(text)
    os.replace(tmp, path)
