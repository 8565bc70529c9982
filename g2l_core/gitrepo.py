"""Git at the edges: seeding sample remotes, keeping working clones, reading blobs at a commit,
and committing generated files to the sync branch.

Stages read file contents from git objects at the recorded commit (never from a work tree that a later
fetch may have moved), so every stage of one run sees the same Glue commit.
"""

from __future__ import annotations

import fcntl
import fnmatch
import os
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

G2L_AUTHOR = "g2l <g2l@localhost>"
SEED_HISTORY_FILE = "g2l_seed_history.yaml"


class GitError(RuntimeError):
    """A git command failed; the message carries the command, the repository and git's own words."""


def git(cwd: str | Path | None, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None) -> str:
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    proc = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, env=full_env)
    if proc.returncode != 0:
        msg = proc.stderr.decode(errors="replace").strip() or proc.stdout.decode(errors="replace").strip()
        raise GitError(f"git {' '.join(args)} (in {cwd or os.getcwd()}) failed: {msg}")
    return proc.stdout.decode(errors="replace").strip()


def is_local(url: str) -> bool:
    return "://" not in url and not (":" in url.split("/")[0] and "@" in url)


def ensure_seeded_remote(url: str, seed: str | None, branch: str = "main") -> bool:
    """Create a local bare repository at ``url`` from the ``seed`` folder once; True when created.

    A seed folder may hold ``g2l_seed_history.yaml`` (a list of commits, each with ``message``, ``author``,
    ``date`` and the ``paths`` it adds) so the sample remote has a believable history.
    """
    if not seed or not is_local(url) or Path(url).exists():
        return False
    seed_dir = Path(seed)
    if not seed_dir.is_dir():
        raise GitError(f"seed folder {seed_dir} for remote {url} does not exist")
    bare = Path(url)
    bare.parent.mkdir(parents=True, exist_ok=True)
    staging = bare.with_name(bare.name + ".seeding")
    if staging.exists():
        _rmtree(staging)
    staging.mkdir(parents=True)
    git(staging, "init", "-q", "-b", branch)
    files = sorted(p for p in seed_dir.rglob("*") if p.is_file() and p.name != SEED_HISTORY_FILE
                   and "__pycache__" not in p.parts)
    history_file = seed_dir / SEED_HISTORY_FILE
    steps = yaml.safe_load(history_file.read_text())["commits"] if history_file.exists() else []
    remaining = {p.relative_to(seed_dir).as_posix(): p for p in files}
    steps = steps + [{"message": f"Import {seed_dir.name}", "paths": [""]}]
    for step in steps:
        chosen = [rel for rel in remaining if any(rel.startswith(prefix) for prefix in step["paths"])]
        if not chosen:
            continue
        for rel in chosen:
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(remaining.pop(rel).read_bytes())
        git(staging, "add", "-A")
        author = step.get("author", G2L_AUTHOR)
        name, email = author.split(" <")
        env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email.rstrip(">"),
               "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email.rstrip(">")}
        if step.get("date"):
            env |= {"GIT_AUTHOR_DATE": str(step["date"]), "GIT_COMMITTER_DATE": str(step["date"])}
        git(staging, "commit", "-q", "-m", step["message"], env=env)
    git(None, "clone", "-q", "--bare", str(staging), str(bare))
    _rmtree(staging)
    return True


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def ensure_clone(url: str, branch: str, dest: Path) -> str:
    """Clone or fetch ``url`` into ``dest`` and return the head commit of ``branch`` on the remote."""
    if not (dest / ".git").exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            _rmtree(dest)
        git(None, "clone", "-q", "--no-checkout", url, str(dest))
        git(dest, "config", "user.name", "g2l")
        git(dest, "config", "user.email", "g2l@localhost")
    else:
        git(dest, "remote", "set-url", "origin", url)
        git(dest, "fetch", "-q", "--prune", "origin")
    try:
        return git(dest, "rev-parse", f"refs/remotes/origin/{branch}")
    except GitError:
        raise GitError(f"branch {branch!r} not found on remote {url}") from None


def remote_head(url: str, branch: str, timeout: float = 30.0) -> str:
    """The commit ``branch`` points at on ``url`` without cloning (``git ls-remote``)."""
    try:
        proc = subprocess.run(
            ["git", "ls-remote", "--heads", url, branch], capture_output=True, timeout=timeout,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git ls-remote {url} timed out after {timeout:.0f}s") from None
    if proc.returncode != 0:
        raise GitError(f"git ls-remote {url} failed: {proc.stderr.decode(errors='replace').strip()}")
    for line in proc.stdout.decode().splitlines():
        sha, ref = line.split("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    raise GitError(f"branch {branch!r} not found on remote {url}")


@dataclass(frozen=True)
class TreeFile:
    path: str
    blob: str
    size: int


def list_tree(repo: Path, commit: str, prefixes: Iterable[str] = ("",)) -> list[TreeFile]:
    """Files at ``commit`` under any of ``prefixes`` (repo-relative, '/'-separated)."""
    out = git(repo, "ls-tree", "-r", "-l", "-z", commit)
    prefixes = tuple(prefixes) or ("",)
    files = []
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob, size = meta.split()
        if kind == "blob" and path.startswith(prefixes):
            files.append(TreeFile(path, blob, int(size) if size.isdigit() else 0))
    return files


def read_blobs(repo: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """Contents of many blobs with one ``git cat-file --batch`` process."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    proc = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input="\n".join(wanted).encode() + b"\n",
                          capture_output=True, check=True)
    data = proc.stdout
    result: dict[str, bytes] = {}
    pos = 0
    for sha in wanted:
        header_end = data.index(b"\n", pos)
        header = data[pos:header_end].split()
        if len(header) < 3:
            raise GitError(f"blob {sha} missing in {repo}")
        size = int(header[2])
        start = header_end + 1
        result[sha] = data[start:start + size]
        pos = start + size + 1
    return result


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Glob or folder-prefix match, as used for ``native`` paths in the registry."""
    for pat in patterns:
        if pat.endswith("/") and path.startswith(pat):
            return True
        if fnmatch.fnmatchcase(path, pat):
            return True
    return False


def checkout_sync_branch(repo: Path, base_branch: str, sync_branch: str) -> None:
    """Put the work tree on ``sync_branch``: the remote's copy if it exists, else a new branch off base."""
    remote_branches = git(repo, "branch", "-r", "--format=%(refname:short)").splitlines()
    if f"origin/{sync_branch}" in remote_branches:
        git(repo, "checkout", "-q", "-B", sync_branch, f"origin/{sync_branch}")
    else:
        git(repo, "checkout", "-q", "-B", sync_branch, f"origin/{base_branch}")
    git(repo, "clean", "-q", "-fd")


def commit_all(repo: Path, message: str) -> str | None:
    """Commit everything staged-or-not in the work tree; None when there was nothing to commit."""
    git(repo, "add", "-A")
    if not git(repo, "status", "--porcelain"):
        return None
    git(repo, "commit", "-q", "-m", message, "--author", G2L_AUTHOR)
    return git(repo, "rev-parse", "HEAD")


def push_branch(repo: Path, branch: str) -> None:
    git(repo, "push", "-q", "origin", f"HEAD:refs/heads/{branch}")


@contextmanager
def repo_lock(repo: Path) -> Iterator[None]:
    """Serialise writers of one work tree (stages of one run may execute in parallel processes)."""
    repo.parent.mkdir(parents=True, exist_ok=True)
    with open(repo.parent / f".{repo.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
