"""Real git repositories for sync scenarios: a bare target remote, a Databricks developer's clone of it,
and a publish with a fake conversion (the Glue text itself), so each test reads as a week of work."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from g2l_core import gitrepo
from g2l_core.config import GlueSource, Project, TargetRepo
from g2l_core.publish import Published, publish
from g2l_core.sync import GeneratedFile

REPO_ROOT = Path(__file__).resolve().parents[2]
MARKERS = ("<<<<<<<", ">>>>>>>", "|||||||")


def run_git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env_args = ["-c", "user.name=Dana", "-c", "user.email=dana@example.com", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, capture_output=True, text=True, check=check)


@dataclass
class Target:
    """The target remote and the Databricks team's clone of it (their work goes to ``main``)."""

    remote: Path
    dev: Path
    clone: Path  # g2l's own clone

    def commit(self, files: dict[str, str | None], message: str = "Databricks work") -> str:
        if run_git(self.dev, "ls-remote", "origin", "main").stdout.strip():
            run_git(self.dev, "checkout", "-q", "main")
            run_git(self.dev, "pull", "-q", "--ff-only", "origin", "main")
        for rel, text in files.items():
            path = self.dev / rel
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        run_git(self.dev, "add", "-A")
        run_git(self.dev, "commit", "-q", "-m", message)
        run_git(self.dev, "push", "-q", "origin", "main")
        return run_git(self.dev, "rev-parse", "HEAD").stdout.strip()

    def merge_sync(self, branch: str = "g2l/sync") -> subprocess.CompletedProcess:
        """Merge the sync branch into main the way a reviewer would; returns git's result."""
        run_git(self.dev, "fetch", "-q", "origin")
        run_git(self.dev, "checkout", "-q", "main")
        run_git(self.dev, "pull", "-q", "--ff-only", "origin", "main")
        result = run_git(self.dev, "merge", "--no-ff", "--no-edit", f"origin/{branch}", check=False)
        if result.returncode == 0:
            run_git(self.dev, "push", "-q", "origin", "main")
        return result

    def read(self, ref: str, path: str) -> str | None:
        proc = run_git(self.remote, "show", f"{ref}:{path}", check=False)
        return proc.stdout if proc.returncode == 0 else None

    def files(self, ref: str) -> dict[str, str]:
        out = run_git(self.remote, "ls-tree", "-r", "--name-only", ref).stdout.split()
        return {p: self.read(ref, p) for p in out}

    def head(self, ref: str) -> str | None:
        proc = run_git(self.remote, "rev-parse", "--verify", "-q", ref, check=False)
        return proc.stdout.strip() or None


def make_target(root: Path, files: dict[str, str] | None = None, empty: bool = False) -> Target:
    remote = root / "target.git"
    run_git(root, "init", "-q", "--bare", str(remote))
    dev = root / "dev"
    run_git(root, "clone", "-q", str(remote), str(dev))
    run_git(dev, "symbolic-ref", "HEAD", "refs/heads/main")
    target = Target(remote, dev, root / "home" / "target")
    if not empty:
        target.commit(files or {"README.md": "Databricks team repo\n"}, "start")
    return target


def project_for(target: Target, native: tuple[str, ...] = (), **target_settings) -> Project:
    return Project(name="demo", glue=GlueSource(url=str(target.remote.parent / "glue.git")),
                   target=TargetRepo(url=str(target.remote), native=native, **target_settings))


def generated(files: dict[str, str], kind: str = "code") -> list[GeneratedFile]:
    """The fake conversion: every Glue file is published as it is, at its own path."""
    return [GeneratedFile(p, p, gitrepo.blob_sha(t.encode()), t, kind, "fp") for p, t in sorted(files.items())]


def sync(target: Target, glue: dict[str, str], native: tuple[str, ...] = (), dry_run: bool = False,
         project: Project | None = None, **kw) -> Published:
    project = project or project_for(target, native)
    return publish(project, target.clone, generated(glue), "code", "g2l: sync", dry_run=dry_run, **kw)


def actions(published: Published) -> dict[str, tuple[str, str | None]]:
    return {o.path: (o.action, o.conflict) for o in published.plan.outcomes}


def no_markers(texts) -> bool:
    return not any(m in (t or "") for t in texts for m in MARKERS)


@pytest.fixture
def target(tmp_path) -> Target:
    return make_target(tmp_path)
