from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "examples" / "risk_engine"


VALIDATION = """    validation:
      reference_data: data/
      lake_roots: {"s3://risk-data-lake/": "", "s3://risk-landing/": landing/}
      params: {business_date: "2024-03-28"}
"""


def write_registry(path: Path, remotes: Path, names=("risk_engine",), validation: bool = True,
                   databricks: str | None = None) -> Path:
    """A registry whose projects are the bundled sample, with remotes seeded under ``remotes``; with
    ``validation`` the converted jobs also run on the sample's reference data; with ``databricks`` (a
    workspace URL) DDL is applied to, and drift read from, that workspace (token in G2L_TEST_DATABRICKS_TOKEN)."""
    entries = []
    for name in names:
        workspace = (f"    databricks: {{host: \"{databricks}\", warehouse_id: wh1, token_env: G2L_TEST_DATABRICKS_TOKEN}}\n"
                     if databricks else "")
        entries.append(f"""
  - name: {name}
    glue: {{url: {remotes}/{name}/glue.git, seed: {SAMPLE}/glue, paths: [jobs/, src/], ddl_paths: [ddl/], job_config: jobs/job_config.json}}
    target: {{url: {remotes}/{name}/databricks.git, seed: {SAMPLE}/databricks, native: [jobs/liquidity_stress.py, monitoring/]}}
    path_map: {{"s3://risk-data-lake/": {remotes}/lake/}}
""" + workspace + (VALIDATION if validation else ""))
    path.write_text("projects:" + "".join(entries))
    return path


@pytest.fixture
def sample_home(tmp_path):
    """(home, registry) for a fresh g2l home serving the sample project."""
    home = tmp_path / "home"
    home.mkdir()
    return home, write_registry(tmp_path / "projects.yaml", tmp_path / "remotes")
