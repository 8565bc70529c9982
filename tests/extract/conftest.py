"""Real git repositories with controlled authors and dates for the inventory tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def commit_files(repo: Path, files: dict[str, str | bytes | None], *, author: str = "Ada Lovelace <ada@example.com>",
                 date: str = "2024-01-01T10:00:00+00:00", message: str = "change") -> str:
    """Write (or delete, for None) ``files`` in ``repo`` and commit them as ``author`` at ``date``; returns the sha."""
    repo.mkdir(parents=True, exist_ok=True)
    if not (repo / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    for rel, content in files.items():
        target = repo / rel
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    name, email = author[:-1].split(" <")
    env = {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
           "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def commit():
    return commit_files
