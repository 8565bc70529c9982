"""The Dagster UI over a real g2l home: GraphQL answers for the stages and their lineage, a materialization's
metadata, and a headless Chromium rendering of the asset graph."""

import subprocess

from tests.ui.conftest import OUTPUT

STAGES = {"glue_repo", "source_entities", "converted_code", "conversion_decisions", "uc_ddl",
          "validation_results", "schema_drift"}
LINEAGE = {
    "source_entities": {"glue_repo"},
    "converted_code": {"glue_repo", "source_entities"},
    "uc_ddl": {"glue_repo"},
    "validation_results": {"converted_code", "uc_ddl"},
    "schema_drift": {"glue_repo", "uc_ddl"},
    "migration_progress": {"source_entities", "converted_code", "uc_ddl", "validation_results", "schema_drift",
                           "sync_history"},
}

ASSET_NODES = """
query {
  assetNodes {
    assetKey { path }
    groupName
    kinds
    owners { ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
    dependencyKeys { path }
    isPartitioned
  }
}
"""

MATERIALIZATION = """
query ($path: [String!]!) {
  assetOrError(assetKey: {path: $path}) {
    ... on Asset {
      assetMaterializations(limit: 1, partitions: ["risk_engine"]) {
        partition
        runId
        metadataEntries {
          label
          __typename
          ... on TextMetadataEntry { text }
          ... on MarkdownMetadataEntry { mdStr }
          ... on FloatMetadataEntry { floatValue }
          ... on IntMetadataEntry { intValue }
          ... on PathMetadataEntry { path }
        }
      }
    }
  }
}
"""

LOCATIONS = """
query {
  workspaceOrError {
    ... on Workspace {
      locationEntries { name locationOrLoadError { __typename ... on PythonError { message } } }
    }
  }
}
"""


def test_code_location_loads(webserver):
    entries = webserver.graphql(LOCATIONS)["workspaceOrError"]["locationEntries"]
    assert [(e["name"], e["locationOrLoadError"]["__typename"]) for e in entries] == [
        ("g2l_dagster.definitions", "RepositoryLocation")], entries


def test_graphql_lists_the_stages_with_their_lineage(webserver):
    nodes = {"/".join(n["assetKey"]["path"]): n for n in webserver.graphql(ASSET_NODES)["assetNodes"]}
    assert STAGES <= set(nodes)
    for key in STAGES:
        assert nodes[key]["groupName"] == "g2l_migration" and nodes[key]["isPartitioned"], key
        assert "deltalake" in nodes[key]["kinds"] and nodes[key]["owners"], key
    for key, upstream in LINEAGE.items():
        assert {"/".join(d["path"]) for d in nodes[key]["dependencyKeys"]} == upstream, key
    progress = nodes["migration_progress"]
    assert progress["groupName"] == "g2l_reporting" and not progress["isPartitioned"]


def test_graphql_returns_the_materialization_metadata(webserver):
    data = webserver.graphql(MATERIALIZATION, {"path": ["converted_code"]})
    [mat] = data["assetOrError"]["assetMaterializations"]
    assert mat["partition"] == "risk_engine"
    entries = {e["label"]: e for e in mat["metadataEntries"]}
    assert len(entries["glue_commit"]["text"]) == 40
    assert len(entries["sync_commit"]["text"]) == 40
    assert entries["automation_pct"]["floatValue"] > 0
    assert entries["flagged_constructs"]["__typename"] == "MarkdownMetadataEntry"
    assert entries["target_clone"]["path"].startswith(str(webserver.home))


def test_chromium_renders_the_asset_graph(webserver, chromium, tmp_path):
    """A real browser loads the lineage page; the screenshot lands in test-output/ for a human to look at."""
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "asset_graph.png"
    shot.unlink(missing_ok=True)
    url = f"{webserver.url}/locations/g2l_dagster.definitions/asset-groups/g2l_migration"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1600,1100",
             "--virtual-time-budget=20000"]
    dom = subprocess.run([chromium, *flags, f"--user-data-dir={tmp_path / 'dom'}", "--dump-dom", url],
                         capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for asset in ("glue_repo", "converted_code", "schema_drift"):
        assert asset in dom.stdout, f"{asset} not in the rendered page"
    shot_run = subprocess.run([chromium, *flags, f"--user-data-dir={tmp_path / 'shot'}", f"--screenshot={shot}", url],
                              capture_output=True, text=True, timeout=180)
    assert shot_run.returncode == 0, shot_run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_webserver_stops_cleanly_on_sigterm(webserver):
    """Runs last in this module: the server shuts down on SIGTERM within a bounded wait."""
    webserver.proc.terminate()
    assert webserver.proc.wait(timeout=30) is not None
    assert webserver.proc.returncode is not None
