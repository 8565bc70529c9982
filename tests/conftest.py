"""Shared fixtures: a real Spark Connect session on an in-process pysail server, real git repositories."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from g2l_core.engine import spark_session

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def no_dagster_context_left_open():
    """Dagster instances and evaluation contexts entered but never exited reset dagster's current
    definitions-state storage when the garbage collector finds them, at a random later moment, which breaks
    whatever test is loading definitions then. Collect at the end of each module so a leak fails here."""
    yield
    from dagster._core.storage.defs_state.base import _current_storage

    gc.collect()
    leaked = _current_storage.get()
    _current_storage.set(None)
    assert leaked is None, f"a dagster instance or context was left open in this module: {leaked!r}"


@pytest.fixture(scope="module", autouse=True)
def fresh_helper_module():
    """Converted code imports ``g2l_helpers``, written per test with that test's options (schema_map, secret
    scope): a copy another test module imported must not answer for this one."""
    sys.modules.pop("g2l_helpers", None)
    yield
    sys.modules.pop("g2l_helpers", None)


@pytest.fixture(scope="session")
def spark():
    """One pysail session for the whole test run (ANSI mode on, like Databricks)."""
    with spark_session("sail") as session:
        yield session


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def make_git_repo(path: Path, files: dict[str, str], message: str = "initial", author: str = "Ada <ada@example.com>") -> str:
    """A real git repository at ``path`` with ``files`` committed; returns the commit sha."""
    path.mkdir(parents=True, exist_ok=True)
    if not (path / ".git").exists():
        git(path, "init", "-q", "-b", "main")
        git(path, "config", "user.email", "tests@example.com")
        git(path, "config", "user.name", "g2l tests")
    for rel, text in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message, "--author", author)
    return git(path, "rev-parse", "HEAD")


@pytest.fixture
def tmp_git_repo(tmp_path):
    """Factory: ``tmp_git_repo(files, name="repo")`` makes a committed git repository under tmp_path."""

    def _make(files: dict[str, str], name: str = "repo", **kw) -> Path:
        path = tmp_path / name
        make_git_repo(path, files, **kw)
        return path

    return _make
