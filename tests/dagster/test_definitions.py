import subprocess
import sys

import dagster as dg

from g2l_dagster.definitions import build_definitions, defs
from tests.conftest import REPO_ROOT

STAGES = {"glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
          "validation_results", "schema_drift"}


def test_definitions_load_with_six_stages_and_lineage():
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert STAGES <= keys

    def parents(key):
        return {p.to_user_string() for p in graph.get(dg.AssetKey(key)).parent_keys}

    assert parents("source_entities") == {"glue_repo"}
    assert parents("converted_code") == {"glue_repo", "source_entities"}
    assert parents("uc_ddl") == {"glue_repo"}
    assert parents("validation_results") == {"converted_code", "uc_ddl"}
    assert parents("schema_drift") == {"glue_repo", "uc_ddl"}
    for key in STAGES:
        node = graph.get(dg.AssetKey(key))
        assert node.partitions_def.name == "glue_project"
        assert node.metadata["partition_expr"] == "project"


def test_dagster_cli_validates_workspace():
    proc = subprocess.run([sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_nothing_touches_state_at_import(tmp_path):
    """Building definitions for a home creates nothing: resources act only when a run uses them."""
    build_definitions(tmp_path / "home", projects_file=str(tmp_path / "missing.yaml"))
    assert not (tmp_path / "home").exists()
