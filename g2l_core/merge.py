"""Three-way merge of one file: what g2l generated last time (base), the file on the base branch (ours)
and the new conversion (theirs), with protected regions kept byte for byte.

The line merge is git's own (``git merge-file``); a conflicting merge yields no text, only the hunks of
both sides, so conflict markers never reach a commit. Protected regions are taken out of ``ours``
before the merge and put back by the alignment of ``ours`` with the merged text: a region follows the
line it followed (or precedes the line it preceded) when that line survived the merge; when neither
neighbour survived, its place is unknown and the file is a conflict.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BEGIN = re.compile(r"^\s*#\s*g2l:\s*protect\s+begin\b")
END = re.compile(r"^\s*#\s*g2l:\s*protect\s+end\b")
NATIVE = re.compile(r"^\s*#\s*g2l:\s*native\b")
NATIVE_MARKER_LINES = 5
_MARKER = 32  # conflict-marker width: longer than any marker a Python file plausibly holds


@dataclass(frozen=True)
class Hunk:
    """One overlapping change: the lines each side wants where the other side changed too."""

    ours: str
    base: str
    theirs: str


@dataclass(frozen=True)
class Merged:
    text: str | None  # None: conflict, nothing to write
    hunks: tuple[Hunk, ...] = ()
    regions: int = 0  # protected regions carried through
    problem: str = ""  # "overlap" | "region_anchor" when text is None


def has_native_marker(text: str) -> bool:
    """``# g2l: native`` in the first lines marks a file the Databricks side owns outright."""
    return any(NATIVE.match(line) for line in text.splitlines()[:NATIVE_MARKER_LINES])


def has_regions(text: str) -> bool:
    return any(BEGIN.match(line) for line in text.splitlines())


@dataclass(frozen=True)
class Region:
    gap: int  # number of unprotected lines before the region
    text: str  # the region with its marker lines, byte for byte


def split_regions(text: str) -> tuple[list[str], list[Region]]:
    """Unprotected lines (with their ends) and the protected regions between them.
    A region with no end marker runs to the end of the file (protecting too much beats losing work)."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if BEGIN.match(lines[i]):
            j = i
            while j < len(lines) - 1 and not END.match(lines[j]):
                j += 1
            regions.append(Region(len(kept), "".join(lines[i:j + 1])))
            i = j + 1
        else:
            kept.append(lines[i])
            i += 1
    return kept, regions


def merge_lines(base: str, ours: str, theirs: str) -> Merged:
    """Plain three-way line merge; trivial cases never start git."""
    if ours == theirs or theirs == base:
        return Merged(ours)
    if ours == base:
        return Merged(theirs)
    with tempfile.TemporaryDirectory(prefix="g2l-merge-") as tmp:
        paths = [Path(tmp) / n for n in ("ours", "base", "theirs")]
        for path, text in zip(paths, (ours, base, theirs)):
            path.write_bytes(text.encode(errors="surrogateescape"))
        proc = subprocess.run(
            ["git", "merge-file", "-p", "--diff3", f"--marker-size={_MARKER}", "-L", "ours", "-L", "base",
             "-L", "theirs", *map(str, paths)], capture_output=True)
    if proc.returncode < 0 or proc.returncode > 127:
        raise RuntimeError(f"git merge-file failed: {proc.stderr.decode(errors='replace').strip()}")
    out = proc.stdout.decode(errors="surrogateescape")
    if proc.returncode == 0:
        return Merged(out)
    return Merged(None, tuple(_hunks(out)), problem="overlap")


def _hunks(text: str) -> list[Hunk]:
    hunks: list[Hunk] = []
    side: str | None = None
    parts: dict[str, list[str]] = {}
    for line in text.splitlines(keepends=True):
        marker = line[:_MARKER]
        if marker == "<" * _MARKER:
            side, parts = "ours", {"ours": [], "base": [], "theirs": []}
        elif side and marker == "|" * _MARKER:
            side = "base"
        elif side and marker == "=" * _MARKER:
            side = "theirs"
        elif side and marker == ">" * _MARKER:
            hunks.append(Hunk(*("".join(parts[k]) for k in ("ours", "base", "theirs"))))
            side = None
        elif side:
            parts[side].append(line)
    return hunks


def merge_file(base: str, ours: str, theirs: str) -> Merged:
    """Merge with ``ours``' protected regions lifted out first and put back byte for byte."""
    kept, regions = split_regions(ours)
    if not regions:
        return merge_lines(base, ours, theirs)
    stripped = "".join(kept)
    merged = merge_lines(base, stripped, theirs)
    if merged.text is None:
        return merged
    out = merged.text.splitlines(keepends=True)
    where = _line_map(kept, out)
    placed: list[tuple[int, int, str]] = []
    for order, region in enumerate(regions):
        if region.gap == 0:
            at = 0
        elif region.gap == len(kept):
            at = len(out)
        elif region.gap - 1 in where:
            at = where[region.gap - 1] + 1
        elif region.gap in where:
            at = where[region.gap]
        else:
            return Merged(None, (Hunk(region.text, "", ""),), problem="region_anchor")
        placed.append((at, order, region.text))
    if out and not out[-1].endswith(("\n", "\r")) and any(at == len(out) for at, _, _ in placed):
        out[-1] += "\n"
    for at, _, text in sorted(placed, reverse=True):
        out.insert(at, text)
    return Merged("".join(out), regions=len(regions))


def _line_map(old: list[str], new: list[str]) -> dict[int, int]:
    """Index in ``new`` of every line of ``old`` that the alignment keeps."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return {a + k: b + k for a, b, size in matcher.get_matching_blocks() for k in range(size)}
