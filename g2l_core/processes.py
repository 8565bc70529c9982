"""Child processes that never outlive the process that started them."""

from __future__ import annotations

import os
import signal
import threading
import time

PARENT_POLL_S = 1.0


def exit_with_parent(parent: int) -> None:
    """End this process group when the parent is gone (re-parented), so no child outlives its parent."""
    def watch():
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent:
                os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="g2l-parent-watch", daemon=True).start()
