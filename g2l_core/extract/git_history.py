"""Last commit, author and date per file from ONE ``git log --name-only`` pass, and the file list of a commit.

``git log`` lists commits newest first, so the first commit naming a path is the last one that touched it.
The walk stops as soon as every requested path has been seen, so asking about a few changed files in a
long history costs only the commits since they last changed.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from g2l_core.ddl import formats as ddl_formats
from g2l_core.gitrepo import GitError

INVENTORY_SUFFIXES = (".py", *ddl_formats.suffixes())  # Python, and every file a DDL format reads
_COMMIT_MARK = "\x1e"
# A pathspec list longer than this is slower than filtering git's output ourselves.
_MAX_PATHSPECS = 200


@dataclass(frozen=True)
class FileHistory:
    commit: str
    author: str
    author_email: str
    date: datetime


def file_history(repo_dir: str | Path, paths: Iterable[str], rev: str = "HEAD") -> dict[str, FileHistory]:
    """Last commit touching each of ``paths`` as of ``rev``; paths git never saw are absent."""
    wanted = set(paths)
    if not wanted:
        return {}
    cmd = ["git", "-c", "core.quotePath=false", "log", "--no-renames", "--name-only",
           f"--format={_COMMIT_MARK}%H%x1f%an%x1f%ae%x1f%aI", rev]
    if len(wanted) <= _MAX_PATHSPECS:
        cmd += ["--", *(f":(literal){p}" for p in sorted(wanted))]
    found: dict[str, FileHistory] = {}
    proc = subprocess.Popen(cmd, cwd=repo_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    current: FileHistory | None = None
    try:
        for raw in proc.stdout:
            line = raw.decode("utf-8", errors="surrogateescape").rstrip("\n")
            if line.startswith(_COMMIT_MARK):
                sha, name, email, date = line[1:].split("\x1f")
                current = FileHistory(sha, name, email, datetime.fromisoformat(date))
            elif line and current is not None and line in wanted and line not in found:
                found[line] = current
                if len(found) == len(wanted):
                    break
    finally:
        if proc.poll() is None:
            proc.kill()
        stderr = proc.stderr.read().decode(errors="replace")
        code = proc.wait()
    if code not in (0, -9) and len(found) < len(wanted):
        raise GitError(f"git log in {repo_dir} failed: {stderr.strip()}")
    return found


def inventory_files(repo_dir: str | Path, commit: str, suffixes: Iterable[str] = INVENTORY_SUFFIXES) -> dict[str, str]:
    """Repo-relative path -> blob sha at ``commit`` for the files the inventory reads.

    Plain ``ls-tree`` without sizes: asking for sizes makes git open every object, several times slower.
    """
    suffixes = tuple(suffixes)
    proc = subprocess.run(["git", "ls-tree", "-r", "-z", commit], cwd=repo_dir, capture_output=True)
    if proc.returncode != 0:
        raise GitError(f"git ls-tree -r {commit} in {repo_dir} failed: {proc.stderr.decode(errors='replace').strip()}")
    files: dict[str, str] = {}
    for entry in proc.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _mode, kind, blob = meta.split()
        if kind == "blob" and path.endswith(suffixes):
            files[path] = blob
    return files
