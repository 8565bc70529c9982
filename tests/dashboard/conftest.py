"""The sample pipeline run once, and ``g2l dashboard`` serving its stage tables on a loopback port."""

import os
import shutil
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
from tests.ui.conftest import OUTPUT, chromium, free_port, materialize_sample  # noqa: F401 - fixtures

SERVER_START_TIMEOUT_S = 120


@pytest.fixture(scope="session")
def sample_stages(tmp_path_factory) -> Path:
    """A g2l home after one real g2l_pipeline run of the sample and migration_progress."""
    root = tmp_path_factory.mktemp("dashboard")
    dagster_home, home = root / "dagster_home", root / "home"
    dagster_home.mkdir()
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    registry = write_registry(root / "projects.yaml", root / "remotes")
    try:
        materialize_sample(dagster_home, home, registry)
    except Exception as exc:
        pytest.fail(f"materializing the sample failed: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-4)}")
    return home


@pytest.fixture(scope="session")
def dashboard(sample_stages, tmp_path_factory):
    """``g2l dashboard --home HOME --port P`` as a user starts it; yields its URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("dashboard-log") / "streamlit.log"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HOME": str(log.parent)}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "g2l_dagster.cli", "dashboard", "--home", str(sample_stages),
                                 "--port", str(port)], cwd=log.parent, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"g2l dashboard exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"g2l dashboard not up after {SERVER_START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(timeout=10)
