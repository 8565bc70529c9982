"""A run launched the way the UI's launchpad launches it (GraphQL ``launchPipelineExecution``, queued, started
by the daemon) leaves ``migration_progress`` current: materialized by that run, after the stages it wrote."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.ui.conftest import stop

RUN_TIMEOUT_S = 900

REPOSITORIES = """
query { repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } } } } }
"""

LAUNCH = """
mutation ($executionParams: ExecutionParams!) {
  launchPipelineExecution(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidSubsetError { message }
  }
}
"""

RUN = """
query ($runId: ID!) {
  runOrError(runId: $runId) { ... on Run { status startTime endTime } }
}
"""

LATEST = """
query ($path: [String!]!) {
  assetNodeOrError(assetKey: {path: $path}) {
    ... on AssetNode { staleStatus assetMaterializations(limit: 1) { runId timestamp } }
  }
}
"""


@pytest.fixture
def daemon(webserver, tmp_path):
    """``dagster-daemon run`` over the webserver's instance: it dequeues the runs the UI launches."""
    log = tmp_path / "daemon.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("dagster-daemon")), "run",
                                 "-w", str(REPO_ROOT / "workspace.yaml")],
                                cwd=REPO_ROOT, env=webserver.env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield log
    finally:
        stop(proc, 60)


def test_a_ui_launched_run_leaves_progress_current(webserver, daemon):
    [repo] = webserver.graphql(REPOSITORIES)["repositoriesOrError"]["nodes"]
    params = {
        "selector": {"repositoryLocationName": repo["location"]["name"], "repositoryName": repo["name"],
                     "pipelineName": "g2l_catch_up"},
        "mode": "default",
        "runConfigData": {},
        "executionMetadata": {"tags": [{"key": "dagster/partition", "value": "risk_engine"}]},
    }
    launched = webserver.graphql(LAUNCH, {"executionParams": params})["launchPipelineExecution"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while True:
        run = webserver.graphql(RUN, {"runId": run_id})["runOrError"]
        if run["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        assert time.monotonic() < deadline, f"run {run_id} still {run['status']}:\n{daemon.read_text()[-3000:]}"
        time.sleep(2)
    assert run["status"] == "SUCCESS", daemon.read_text()[-3000:]
    print(f"g2l_catch_up launched from the UI: {run['endTime'] - run['startTime']:.1f}s from start to end")

    progress = webserver.graphql(LATEST, {"path": ["migration_progress"]})["assetNodeOrError"]
    [latest] = progress["assetMaterializations"]
    assert latest["runId"] == run_id
    converted = webserver.graphql(LATEST, {"path": ["converted_code"]})["assetNodeOrError"]
    assert float(latest["timestamp"]) >= float(converted["assetMaterializations"][0]["timestamp"])
    assert progress["staleStatus"] == "FRESH"
