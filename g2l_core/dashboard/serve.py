"""``g2l dashboard``: the Streamlit server over a local home's stage tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).with_name("app.py")


def streamlit_command(port: int, address: str = "127.0.0.1", app: Path = APP) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
            "--server.port", str(port), "--server.address", address, "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"]


def dashboard_environment(stages: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: the stage folder, and g2l on the path wherever it is started from."""
    env = dict(os.environ if base is None else base)
    root = str(Path(__file__).resolve().parents[2])
    env["G2L_STAGES"] = str(stages)
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    return env


def serve(stages: Path, port: int = 8501, address: str = "127.0.0.1") -> int:
    if not stages.is_dir():
        print(f"error: no stage tables at {stages}: run `g2l run` first (or pass --home)", file=sys.stderr)
        return 2
    print(f"g2l: dashboard of {stages} on http://{address}:{port} (Ctrl-C stops it)", flush=True)
    try:
        return subprocess.call(streamlit_command(port, address), env=dashboard_environment(stages))
    except KeyboardInterrupt:
        return 0
