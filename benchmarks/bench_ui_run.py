"""A run launched from the UI against ``g2l run`` for the same project, each on a fresh g2l home.

``g2l run`` (the CLI, in-process) is the baseline. The UI run is launched like the launchpad does it: a
GraphQL ``launchPipelineExecution`` of ``g2l_pipeline`` on a real dagster-webserver, queued and started
by ``dagster-daemon``; it is timed from launch to the run's end as the UI shows it. Target: <= 1.3.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.dagster.conftest import write_registry  # noqa: E402
from tests.ui.conftest import free_port  # noqa: E402

BIN = Path(sys.executable).parent
LAUNCH = """mutation ($p: ExecutionParams!) { launchPipelineExecution(executionParams: $p) {
  __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }"""
RUN = "query ($id: ID!) { runOrError(runId: $id) { ... on Run { status startTime endTime } } }"
REPOS = "query { repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } } } } }"


def graphql(url: str, query: str, variables: dict | None = None) -> dict:
    import urllib.request

    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(f"{url}/graphql", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        payload = json.loads(resp.read())
    if "errors" in payload:
        raise RuntimeError(payload["errors"])
    return payload["data"]


def fresh(root: Path, name: str) -> tuple[dict, Path]:
    base = root / name
    (base / "dagster_home").mkdir(parents=True)
    (base / "home").mkdir()
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", base / "dagster_home" / "dagster.yaml")
    registry = write_registry(base / "projects.yaml", base / "remotes")
    env = {**os.environ, "DAGSTER_HOME": str(base / "dagster_home"), "G2L_HOME": str(base / "home"),
           "G2L_PROJECTS": str(registry), "PYTHONPATH": str(ROOT)}
    return env, registry


def cli_seconds(root: Path) -> float:
    env, registry = fresh(root, "cli")
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "g2l_dagster.cli", "run", "risk_engine", "--home", env["G2L_HOME"],
                    "--projects-file", str(registry)], env=env, cwd=ROOT, check=True, capture_output=True)
    return time.monotonic() - start


def ui_seconds(root: Path) -> float:
    env, _ = fresh(root, "ui")
    from dagster import DagsterInstance

    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
             subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        while True:
            try:
                [repo] = graphql(url, REPOS)["repositoriesOrError"]["nodes"]
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(1)
        params = {"selector": {"repositoryLocationName": repo["location"]["name"], "repositoryName": repo["name"],
                               "pipelineName": "g2l_pipeline"}, "mode": "default", "runConfigData": {},
                  "executionMetadata": {"tags": [{"key": "dagster/partition", "value": "risk_engine"}]}}
        launched = time.time()
        run_id = graphql(url, LAUNCH, {"p": params})["launchPipelineExecution"]["run"]["runId"]
        while True:
            run = graphql(url, RUN, {"id": run_id})["runOrError"]
            if run["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
                break
            time.sleep(1)
        if run["status"] != "SUCCESS":
            raise RuntimeError(f"UI run {run_id}: {run['status']}")
        return run["endTime"] - launched
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=60)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="g2l-bench-ui-") as tmp:
        cli = cli_seconds(Path(tmp))
        ui = ui_seconds(Path(tmp))
    result = {"cli_seconds": round(cli, 1), "ui_seconds": round(ui, 1), "ratio": round(ui / cli, 2),
              "target": 1.3, "load_average": os.getloadavg()}
    out = ROOT / "benchmarks" / ".out"
    out.mkdir(exist_ok=True)
    (out / "ui_run.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
