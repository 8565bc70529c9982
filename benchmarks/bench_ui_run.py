"""A run launched from the UI against ``g2l run`` for the same project, each on a fresh g2l home.

``g2l run`` (the CLI, in-process) is the baseline. The UI run is launched like the launchpad does it: a
GraphQL ``launchPipelineExecution`` of ``g2l_pipeline`` on a real dagster-webserver, queued and started
by ``dagster-daemon``; it is timed from launch to the run's end as the UI shows it. Target: <= 1.3.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
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
SENSOR = "query ($s: SensorSelector!) { sensorOrError(sensorSelector: $s) { ... on Sensor { sensorState { id } } } }"
STOP_SENSOR = "mutation ($id: String) { stopSensor(id: $id) { __typename } }"
DAEMONS = "query { instance { daemonHealth { allDaemonStatuses { daemonType healthy } } } }"


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


def phases(dagster_home: str, run_id: str, launched: float) -> dict[str, float]:
    """Where the UI run's time went, from its event log: queue, run worker start-up, each step, the end."""
    from dagster import DagsterInstance

    with DagsterInstance.from_config(dagster_home) as instance:
        events = [(e.timestamp, e.dagster_event) for e in instance.all_logs(run_id) if e.dagster_event]
    first = {}
    out, starts = {}, {}
    for ts, ev in events:
        kind = ev.event_type.name
        first.setdefault(kind, ts)
        if kind == "STEP_START":
            starts[ev.step_key] = ts
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and ev.step_key in starts:
            out[f"step {ev.step_key}"] = round(ts - starts[ev.step_key], 1)
    end = first.get("RUN_SUCCESS", first.get("RUN_FAILURE"))
    marks = [("launch to enqueued", launched, first.get("RUN_ENQUEUED")),
             ("queued (daemon dequeue)", first.get("RUN_ENQUEUED"), first.get("RUN_STARTING")),
             ("run worker start-up", first.get("RUN_STARTING"), first.get("RUN_START")),
             ("run start to first step", first.get("RUN_START"), first.get("STEP_START")),
             ("last step end to run end", max((ts for ts, ev in events if ev.event_type.name == "STEP_SUCCESS"),
                                              default=None), end)]
    return {**{k: round(b - a, 1) for k, a, b in marks if a is not None and b is not None}, **out}


def ui_seconds(root: Path) -> tuple[float, float, dict[str, float]]:
    """(launch to end, run start to end, phases): the difference is the queue and the run worker's start.

    The launch waits for the daemon's queue to be up (a UI user launches into a running daemon), so the
    daemon's own start-up is not counted."""
    env, _ = fresh(root, "ui")
    from dagster import DagsterInstance

    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    def start(args: list[str], log: str) -> subprocess.Popen:
        # own session: the code servers and run workers they spawn are ended with them (killpg)
        return subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=(root / log).open("w"),
                                start_new_session=True)

    procs = [start([str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
                   "webserver.log")]
    try:
        while True:
            try:
                [repo] = graphql(url, REPOS)["repositoriesOrError"]["nodes"]
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(1)
        # The commit sensor would start its own g2l_pipeline run of the fresh project (and the measured run
        # would queue behind it): switched off as a user can in the UI, before the daemon first ticks.
        where = {"repositoryLocationName": repo["location"]["name"], "repositoryName": repo["name"]}
        state = graphql(url, SENSOR, {"s": {**where, "sensorName": "glue_commit_sensor"}})["sensorOrError"]
        stopped = graphql(url, STOP_SENSOR, {"id": state["sensorState"]["id"]})["stopSensor"]["__typename"]
        if stopped != "StopSensorMutationResult":
            raise RuntimeError(f"glue_commit_sensor not stopped: {stopped}")
        procs.append(start([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"], "daemon.log"))
        while not any(d["daemonType"] == "QUEUED_RUN_COORDINATOR" and d["healthy"]
                      for d in graphql(url, DAEMONS)["instance"]["daemonHealth"]["allDaemonStatuses"]):
            time.sleep(1)
        params = {"selector": {**where, "pipelineName": "g2l_pipeline"}, "mode": "default", "runConfigData": {},
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
        return run["endTime"] - launched, run["endTime"] - run["startTime"], phases(env["DAGSTER_HOME"], run_id, launched)
    finally:
        for p in procs:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=60)


def main() -> None:
    """``--ui-only DIR``: only the UI run, its homes and the servers' logs kept in DIR (to study it)."""
    if sys.argv[1:2] == ["--ui-only"]:
        print(json.dumps(ui_seconds(Path(tempfile.mkdtemp(prefix="g2l-bench-ui-", dir=sys.argv[2])))))
        return
    with tempfile.TemporaryDirectory(prefix="g2l-bench-ui-") as tmp:
        cli = cli_seconds(Path(tmp))
        ui, ui_run, ui_phases = ui_seconds(Path(tmp))
    result = {"cli_seconds": round(cli, 1), "ui_seconds": round(ui, 1), "ui_run_start_to_end_seconds": round(ui_run, 1),
              "ratio": round(ui / cli, 2),
              "target": 1.3, "load_average": os.getloadavg(), "ui_phases": ui_phases}
    out = ROOT / "benchmarks" / ".out"
    out.mkdir(exist_ok=True)
    (out / "ui_run.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
