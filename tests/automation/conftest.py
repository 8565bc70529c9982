"""Registries of small real git repositories for the sensor and schedule tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_git_repo


def write_projects(path: Path, projects: dict[str, dict]) -> Path:
    """A registry with one entry per project; each value holds ``glue_url`` and optionally ``seed``."""
    lines = ["projects:"]
    for name, spec in projects.items():
        seed = f", seed: {spec['seed']}" if spec.get("seed") else ""
        lines.append(f"  - name: {name}")
        lines.append(f"    glue: {{url: {spec['glue_url']}, branch: main{seed}}}")
        lines.append(f"    target: {{url: {path.parent / 'targets' / name}.git}}")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def glue_remotes(tmp_path):
    """Factory: ``glue_remotes("a", "b")`` makes one committed Glue repo per name and a registry for them."""

    def _make(*names: str) -> tuple[Path, dict[str, Path]]:
        repos = {}
        for name in names:
            repos[name] = tmp_path / "remotes" / name
            make_git_repo(repos[name], {"jobs/job.py": f"# {name}\n"})
        registry = write_projects(tmp_path / "projects.yaml", {n: {"glue_url": str(p)} for n, p in repos.items()})
        return registry, repos

    return _make
