"""The sample pipeline run once, and ``g2l dashboard`` serving its stage tables on a loopback port."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.ui.conftest import chromium, free_port, sampled_home, wait_until_up  # noqa: F401 - fixtures

SERVER_START_TIMEOUT_S = 120


@pytest.fixture(scope="session")
def sample_stages(tmp_path_factory) -> Path:
    """A g2l home after one real g2l_pipeline run of the sample and migration_progress."""
    _, home, _ = sampled_home(tmp_path_factory.mktemp("dashboard"))
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
        wait_until_up(proc, f"{url}/_stcore/health", "g2l dashboard", lambda: log.read_text()[-3000:],
                      SERVER_START_TIMEOUT_S)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(timeout=10)
