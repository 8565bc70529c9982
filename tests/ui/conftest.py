"""A real dagster-webserver on a loopback port over a g2l home with one materialized sample run."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.dagster.conftest import write_registry

SERVER_START_TIMEOUT_S = 180
CHROMIUM = "/usr/bin/chromium"
OUTPUT = REPO_ROOT / "test-output"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Webserver:
    def __init__(self, url: str, proc: subprocess.Popen, log: Path, home: Path, env: dict[str, str]):
        self.url, self.proc, self.log, self.home, self.env = url, proc, log, home, env

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(f"{self.url}/graphql", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            payload = json.loads(resp.read())
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def materialize_sample(dagster_home: Path, home: Path, registry: Path) -> None:
    """One g2l_pipeline run of the sample, and migration_progress, recorded in the instance the server reads."""
    from dagster import DagsterInstance

    from g2l_dagster.definitions import build_definitions
    from g2l_dagster.runner import refresh_progress

    defs = build_definitions(home, projects_file=str(registry))
    with DagsterInstance.from_config(str(dagster_home)) as instance:
        instance.add_dynamic_partitions("glue_project", ["risk_engine"])
        result = defs.resolve_job_def("g2l_pipeline").execute_in_process(
            partition_key="risk_engine", instance=instance, raise_on_error=False)
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        progress = refresh_progress(defs, instance)
        assert progress is not None and progress["project"].to_list() == ["risk_engine"], progress


def sampled_home(root: Path) -> tuple[Path, Path, Path]:
    """(dagster_home, home, registry) under ``root`` after one materialized sample run; fails the session
    with the cause when that run fails."""
    dagster_home, home = root / "dagster_home", root / "home"
    dagster_home.mkdir()
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    registry = write_registry(root / "projects.yaml", root / "remotes")
    try:
        materialize_sample(dagster_home, home, registry)
    except Exception as exc:
        # The first line names the cause (it is what the short test summary shows); the traceback follows.
        OUTPUT.mkdir(exist_ok=True)
        (OUTPUT / "ui-setup-error.txt").write_text(traceback.format_exc())
        first = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        pytest.fail(f"materializing the sample for the UI failed: {first}\n{traceback.format_exc(limit=-4)}")
    return dagster_home, home, registry


@pytest.fixture(scope="session")
def webserver(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    dagster_home, home, registry = sampled_home(root)

    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home), "G2L_HOME": str(home), "G2L_PROJECTS": str(registry)}
    log = root / "webserver.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("dagster-webserver")), "-w", str(REPO_ROOT / "workspace.yaml"),
             "-h", "127.0.0.1", "-p", str(port)],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    server = Webserver(f"http://127.0.0.1:{port}", proc, log, home, env)
    try:
        wait_until_up(proc, f"{server.url}/server_info", "dagster-webserver", server.log_tail, SERVER_START_TIMEOUT_S)
        yield server
    finally:
        if not stop(proc, 30):
            pytest.fail(f"dagster-webserver ignored SIGTERM for 30s:\n{server.log_tail()}")


def wait_until_up(proc: subprocess.Popen, url: str, name: str, log_tail, timeout_s: float) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log when it exits or stays down."""
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{name} exited with {proc.returncode}:\n{log_tail()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{name} not up after {timeout_s}s:\n{log_tail()}")
        time.sleep(0.5)


def stop(proc: subprocess.Popen, grace_s: float) -> bool:
    """SIGTERM, then SIGKILL after ``grace_s``; False when it took the kill."""
    if proc.poll() is not None:
        return True
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        return False


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium from Debian, installed here when missing (the tests run as root)."""
    if not Path(CHROMIUM).exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        steps = (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"])
        for cmd in steps:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
            if proc.returncode != 0:
                pytest.skip(f"could not install chromium ({' '.join(cmd)} exited {proc.returncode}): "
                            f"{proc.stderr.strip()[-500:]}")
    return CHROMIUM
