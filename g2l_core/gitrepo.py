"""Git at the edges: seeding sample remotes, keeping working clones, reading blobs at a commit,
and committing generated files to the sync branch.

Stages read file contents from git objects at the recorded commit (never from a work tree that a later
fetch may have moved), so every stage of one run sees the same Glue commit.
"""

from __future__ import annotations

import fcntl
import fnmatch
import hashlib
import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from g2l_core.redact import redact_url, split_credentials

G2L_AUTHOR = "g2l <g2l@localhost>"
SEED_HISTORY_FILE = "g2l_seed_history.yaml"


class GitError(RuntimeError):
    """A git command failed; the message carries the command, the repository and git's own words."""


def git(cwd: str | Path | None, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None,
        strip: bool = True) -> str:
    """Run git; credentials from a URL argument go to git through a credential helper fed by the
    environment, never onto the command line, into ``.git/config`` or into an error message."""
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    argv, secrets = _without_credentials(args)
    if secrets:
        full_env |= secrets
        argv = ["-c", "credential.helper=", "-c", f"credential.helper={_CREDENTIAL_HELPER}", *argv]
    proc = subprocess.run(["git", *argv], cwd=cwd, input=input, capture_output=True, env=full_env)
    if proc.returncode != 0:
        msg = proc.stderr.decode(errors="replace").strip() or proc.stdout.decode(errors="replace").strip()
        raise GitError(redact_url(f"git {' '.join(args)} (in {cwd or os.getcwd()}) failed: {msg}"))
    out = proc.stdout.decode(errors="replace")
    return out.strip() if strip else out


_CREDENTIAL_HELPER = ('!f() { test "$1" = get || exit 0; echo "username=$G2L_GIT_USERNAME"; '
                      'echo "password=$G2L_GIT_PASSWORD"; }; f')


def _without_credentials(args: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    argv, secrets = [], {}
    for arg in args:
        clean, user, password = split_credentials(arg)
        if user is not None:
            secrets = {"G2L_GIT_USERNAME": user, "G2L_GIT_PASSWORD": password or ""}
        argv.append(clean)
    return argv, secrets


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
    fetch_clone(url, dest)
    try:
        return git(dest, "rev-parse", "--verify", "-q", f"refs/remotes/origin/{branch}^{{commit}}")
    except GitError:
        raise GitError(redact_url(f"branch {branch!r} not found on remote {url}")) from None


def fetch_clone(url: str, dest: Path) -> None:
    """g2l's own clone of ``url``: never checked out (nobody edits it, g2l reads and writes git objects
    only), its ``origin`` recorded without credentials, every branch fetched."""
    clean = split_credentials(url)[0]
    if not (dest / ".git").exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            _rmtree(dest)
        git(None, "clone", "-q", "--no-checkout", url, str(dest))
        git(dest, "config", "user.name", "g2l")
        git(dest, "config", "user.email", "g2l@localhost")
    git(dest, "remote", "set-url", "origin", clean)
    git(dest, "fetch", "-q", "--prune", url, "+refs/heads/*:refs/remotes/origin/*")


def remote_head(url: str, branch: str, timeout: float = 30.0) -> str:
    """The commit ``branch`` points at on ``url`` without cloning (``git ls-remote``)."""
    argv, secrets = _without_credentials(["ls-remote", "--heads", url, branch])
    if secrets:
        argv = ["-c", "credential.helper=", "-c", f"credential.helper={_CREDENTIAL_HELPER}", *argv]
    try:
        proc = subprocess.run(["git", *argv], capture_output=True, timeout=timeout,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **secrets})
    except subprocess.TimeoutExpired:
        raise GitError(redact_url(f"git ls-remote {url} timed out after {timeout:.0f}s")) from None
    if proc.returncode != 0:
        raise GitError(redact_url(f"git ls-remote {url} failed: {proc.stderr.decode(errors='replace').strip()}"))
    for line in proc.stdout.decode().splitlines():
        sha, ref = line.split("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    raise GitError(redact_url(f"branch {branch!r} not found on remote {url}"))


@dataclass(frozen=True)
class TreeFile:
    path: str
    blob: str
    size: int


def unsafe_path(path: str) -> bool:
    """A tree entry git itself refuses to check out (``..``, ``.``, ``.git`` or empty segments, a backslash
    that Windows reads as one): ``git mktree`` writes such trees, so a hostile repository can carry them, and
    joined to a folder its path climbs out of it or into a ``.git``."""
    return "\\" in path or any(part in ("", ".", "..") or part.lower() == ".git" for part in path.split("/"))


def list_tree(repo: Path, commit: str, prefixes: Iterable[str] = ("",),
              unsafe: list[TreeFile] | None = None) -> list[TreeFile]:
    """Files at ``commit`` under any of ``prefixes`` (repo-relative, '/'-separated). Entries whose path is
    unsafe (``unsafe_path``) are never returned, so nothing downstream writes or reads by them; they go to
    ``unsafe`` for the caller to report."""
    out = git(repo, "ls-tree", "-r", "-l", "-z", commit)
    prefixes = tuple(prefixes) or ("",)
    files = []
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob, size = meta.split()
        if kind == "blob" and path.startswith(prefixes):
            found = TreeFile(path, blob, int(size) if size.isdigit() else 0)
            if not unsafe_path(path):
                files.append(found)
            elif unsafe is not None:
                unsafe.append(found)
    return files


def read_blobs(repo: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """Contents of many blobs with one ``git cat-file --batch`` process."""
    found = read_objects(repo, blobs)
    missing = [sha for sha, data in found.items() if data is None]
    if missing:
        raise GitError(f"blob {missing[0]} missing in {repo}")
    return found


def read_objects(repo: Path, specs: Iterable[str]) -> dict[str, bytes | None]:
    """Many objects (``sha`` or ``commit:path``) with one ``git cat-file --batch``; None for a missing one."""
    wanted = list(dict.fromkeys(specs))
    if not wanted:
        return {}
    proc = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input="\n".join(wanted).encode() + b"\n",
                          capture_output=True, check=True)
    data = proc.stdout
    result: dict[str, bytes | None] = {}
    pos = 0
    for spec in wanted:
        header_end = data.index(b"\n", pos)
        header = data[pos:header_end].split()
        if len(header) < 3 or header[-1] == b"missing":
            result[spec] = None
            pos = header_end + 1
            continue
        size = int(header[2])
        start = header_end + 1
        result[spec] = data[start:start + size]
        pos = start + size + 1
    return result


def remote_heads(repo: Path) -> dict[str, str]:
    """Branch name -> commit for every remote-tracking branch of ``origin``, in one call."""
    out = git(repo, "for-each-ref", "--format=%(refname:lstrip=3) %(objectname)", "refs/remotes/origin/")
    return dict(line.rsplit(" ", 1) for line in out.splitlines() if line)


def git_dir(repo: Path) -> Path:
    return repo / ".git" if (repo / ".git").is_dir() else repo


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Glob or folder-prefix match, as used for ``native`` paths in the registry."""
    for pat in patterns:
        if pat.endswith("/") and path.startswith(pat):
            return True
        if fnmatch.fnmatchcase(path, pat):
            return True
    return False


def ref_commit(repo: Path, ref: str) -> str | None:
    """The commit ``ref`` names, or None when it does not exist."""
    try:
        return git(repo, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
    except GitError:
        return None


def tree_blobs(repo: Path, commit: str | None) -> dict[str, str]:
    """Every file at ``commit`` with its blob sha (empty for no commit)."""
    return {f.path: f.blob for f in list_tree(repo, commit)} if commit else {}


def blob_sha(data: bytes) -> str:
    """The sha git gives ``data`` as a blob, without writing it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def write_blobs(repo: Path, texts: Mapping[str, str]) -> dict[str, str]:
    """Store ``texts`` as blobs in ``repo``'s object database; returns path -> blob sha."""
    if not texts:
        return {}
    with tempfile.TemporaryDirectory(prefix="g2l-blobs-") as tmp:
        files = []
        for i, text in enumerate(texts.values()):
            f = Path(tmp) / str(i)
            f.write_bytes(text.encode(errors="surrogateescape"))  # bytes that were not UTF-8 go back as they were
            files.append(str(f))
        shas = git(repo, "hash-object", "-w", "--no-filters", "--stdin-paths", input="\n".join(files).encode()).split()
    return dict(zip(texts, shas))


def write_tree(repo: Path, start: str | None, changes: Mapping[str, str | None]) -> str:
    """The tree of commit ``start`` (None: empty) with ``changes`` (path -> blob sha, None deletes) applied,
    built in a private index so no work tree or shared index is touched."""
    index = git_dir(repo).resolve() / f"g2l-index-{os.getpid()}"
    env = {"GIT_INDEX_FILE": str(index)}
    try:
        if start:
            git(repo, "read-tree", start, env=env)
        else:
            git(repo, "read-tree", "--empty", env=env)
        lines = [f"0 {'0' * 40}\t{path}" if blob is None else f"100644 {blob}\t{path}" for path, blob in changes.items()]
        if lines:
            git(repo, "update-index", "-z", "--index-info", input="\0".join(lines).encode() + b"\0", env=env)
        return git(repo, "write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)


def commit_tree(repo: Path, tree: str, parents: Iterable[str], message: str) -> str:
    args = ["commit-tree", tree]
    for parent in parents:
        args += ["-p", parent]
    env = {"GIT_AUTHOR_NAME": "g2l", "GIT_AUTHOR_EMAIL": "g2l@localhost",
           "GIT_COMMITTER_NAME": "g2l", "GIT_COMMITTER_EMAIL": "g2l@localhost"}
    return git(repo, *args, "-m", message, env=env)


def push_commit(repo: Path, url: str, commit: str, branch: str, expect: str | None, force: bool = False) -> None:
    """Point ``branch`` on the remote at ``commit`` in one atomic ref update. ``force`` only with the lease
    ``expect`` (the head this run started from; None: the branch must not exist), so a push someone made
    meanwhile is never overwritten."""
    args = ["push", "-q", "--porcelain"]
    if force:
        args.append(f"--force-with-lease=refs/heads/{branch}:{expect or ''}")
    try:
        git(repo, *args, url, f"{commit}:refs/heads/{branch}")
    except GitError as exc:
        remote = ref_of_remote(repo, url, branch)
        if remote != expect:
            raise GitError(redact_url(f"branch {branch!r} on {url} moved while g2l worked (now {str(remote)[:12]}, "
                                      f"expected {str(expect)[:12]}): nothing was pushed; run the sync again")) from None
        raise exc
    git(repo, "update-ref", f"refs/remotes/origin/{branch}", commit)


def renamed(repo: Path, old: str, new: str) -> dict[str, str]:
    """Files renamed between two commits (old path -> new path), by git's rename detection."""
    out = git(repo, "diff", "--name-status", "-M", "-z", old, new, strip=False).split("\0")
    renames, i = {}, 0
    while i < len(out) - 1:
        status = out[i]
        if status.startswith(("R", "C")):
            if status.startswith("R"):
                renames[out[i + 1]] = out[i + 2]
            i += 3
        else:
            i += 2
    return renames


def ref_of_remote(repo: Path, url: str, branch: str) -> str | None:
    out = git(repo, "ls-remote", "--heads", url, branch)
    return next((line.split()[0] for line in out.splitlines() if line.endswith(f"refs/heads/{branch}")), None)


def read_text(repo: Path, commit: str, path: str) -> str | None:
    """A file's text at ``commit`` (None when absent)."""
    try:
        return git(repo, "cat-file", "blob", f"{commit}:{path}", strip=False)
    except GitError:
        return None


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
