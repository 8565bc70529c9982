"""Where g2l keeps its local state: working clones, the local warehouse, stage tables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_home() -> Path:
    """``G2L_HOME``, else ``DAGSTER_HOME``, else the project's own ``dagster_home/``."""
    return Path(os.environ.get("G2L_HOME") or os.environ.get("DAGSTER_HOME") or REPO_ROOT / "dagster_home").resolve()


@dataclass(frozen=True)
class Home:
    root: Path

    @property
    def warehouse(self) -> Path:
        """Local Unity Catalog stand-in: Delta folders at ``<catalog>/<schema>/<table>``."""
        return self.root / "warehouse"

    @property
    def stages(self) -> Path:
        """Stage tables written by the Dagster IO manager."""
        return self.root / "stages"

    def workspace(self, project: str) -> Path:
        return self.root / "workspace" / project

    def glue_clone(self, project: str) -> Path:
        return self.workspace(project) / "glue"

    def target_clone(self, project: str) -> Path:
        return self.workspace(project) / "target"
