"""What keeps in-process ``g2l run`` from colliding, hanging or leaving debris.

``g2l run`` executes jobs in its own process, so it bypasses the run queue of ``dagster.yaml`` (one run
per project) and nobody reaps its runs when the process dies. Here:

- a per-project lock file (``<home>/locks/<project>.lock``, ``flock``) held for the whole run: a second
  ``g2l run`` of the project sees it and says so, and the kernel releases it when the holder dies, so a
  run tagged ``g2l/trigger=cli`` that is still in progress while its lock is free belongs to a dead
  process;
- at start-up such runs are marked failed and the pool slots of finished runs are freed (a ``kill -9``
  during ``uc_ddl`` used to keep the ``databricks`` slot forever);
- before a run, a wait for the pools its steps use that says what it waits for and gives up with a message
  after ``G2L_RUN_WAIT_S`` seconds;
- during the run, a watchdog for a step still blocked on a pool (a slot taken in between): Dagster's
  in-process executor then spins without checking for interrupts, so after the same limit the watchdog
  marks the run failed, frees its claims and ends the process with a message (exit code 3);
- when the instance is opened, an event index whose creation a killed run interrupted is made again:
  Dagster creates ``index.db`` only when the file is missing, so a half-made one failed every later run.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable
from contextlib import closing
from pathlib import Path

import dagster as dg

CLI_TAG = ("g2l/trigger", "cli")
PARTITION_TAG = "dagster/partition"
UNPARTITIONED = "_unpartitioned"
DEFAULT_WAIT_S = 600.0
CREATION_GRACE_S = 10.0
IN_PROGRESS = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.CANCELING]


def wait_limit(environ: dict[str, str] | None = None) -> float:
    """``G2L_RUN_WAIT_S``: how long ``g2l run`` waits for a pool slot before giving up."""
    raw = (os.environ if environ is None else environ).get("G2L_RUN_WAIT_S", "")
    if not raw:
        return DEFAULT_WAIT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ValueError(f"G2L_RUN_WAIT_S: {raw!r} is not a positive number of seconds")
    return value


class ProjectLock:
    """An exclusive, non-blocking ``flock`` on ``<home>/locks/<key>.lock``; released when the process dies."""

    def __init__(self, home: Path, key: str):
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key) or UNPARTITIONED
        self.path = home / "locks" / f"{safe}.lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def open_instance(say: Callable[[str], None], grace_s: float = CREATION_GRACE_S) -> dg.DagsterInstance:
    """``DagsterInstance.get()``, after making again an event index left half-created by a killed process.

    An index younger than ``grace_s`` may be one another process is creating right now: it gets that long
    to finish before it counts as abandoned."""
    instance = dg.DagsterInstance.get()
    index = half_created_event_index(instance)
    if index is None:
        return instance
    while time.time() < index.stat().st_mtime + grace_s:
        time.sleep(0.2)
        if half_created_event_index(instance) is None:
            return instance
    instance.dispose()
    for path in (index, index.with_name(index.name + "-wal"), index.with_name(index.name + "-shm")):
        path.unlink(missing_ok=True)
    say(f"the run database's event index {index} was left half-created by a process that was killed "
        "(no events in it): made again")
    return dg.DagsterInstance.get()


def half_created_event_index(instance: dg.DagsterInstance) -> Path | None:
    """The SQLite event index when its creation never finished: Dagster stamps the schema version last,
    so an unstamped index that holds no events is one a killed process left (never a user's history)."""
    path_for_shard = getattr(instance.event_log_storage, "path_for_shard", None)
    if path_for_shard is None:
        return None  # not SQLite: the database server creates its schema atomically
    index = Path(path_for_shard("index"))
    if not index.is_file():
        return None
    with closing(sqlite3.connect(index, timeout=30)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" in tables and db.execute("SELECT count(*) FROM alembic_version").fetchone()[0]:
            return None
        if "event_logs" in tables and db.execute("SELECT EXISTS (SELECT 1 FROM event_logs)").fetchone()[0]:
            return None
    return index


def runs_in_progress(instance: dg.DagsterInstance, project: str | None = None) -> list[dg.DagsterRun]:
    tags = {PARTITION_TAG: project} if project else {}
    return list(instance.get_runs(dg.RunsFilter(statuses=IN_PROGRESS, tags=tags)))


def recover_dead_runs(instance: dg.DagsterInstance, home: Path, held: Collection[str] = ()) -> list[str]:
    """Mark failed the ``g2l run`` runs whose process is gone and free pool slots of finished runs; returns
    one line per repair. ``held``: projects whose lock this process already holds (their earlier runs are
    dead: no other g2l run can hold that lock)."""
    repaired = []
    for run in runs_in_progress(instance):
        if run.tags.get(CLI_TAG[0]) != CLI_TAG[1]:
            continue  # launched by the daemon or the UI: their run monitor owns them
        key = run.tags.get(PARTITION_TAG, UNPARTITIONED)
        lock = ProjectLock(home, key)
        if key not in held and not lock.acquire():
            continue  # its g2l run is alive
        try:
            instance.report_run_failed(run, message="the g2l run process of this run died (killed or crashed); "
                                                    "marked failed by the next g2l run")
        finally:
            lock.release()
        repaired.append(f"run {run.run_id[:8]} ({run.job_name}, {run.tags.get(PARTITION_TAG, 'all projects')}) "
                        "was left in progress by a g2l run that died: marked failed")
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        for run_id in sorted(storage.get_concurrency_run_ids()):
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished:
                storage.free_concurrency_slots_for_run(run_id)
                repaired.append(f"freed the pool slots held by finished run {run_id[:8]}")
    return repaired


def job_pools(job: dg.JobDefinition) -> list[str]:
    return sorted({n.definition.pool for n in job.graph.nodes if getattr(n.definition, "pool", None)})


def pool_holders(instance: dg.DagsterInstance, pool: str) -> str:
    info = instance.event_log_storage.get_concurrency_info(pool)
    holders = []
    for slot in info.claimed_slots:
        run = instance.get_run_by_id(slot.run_id)
        where = f" of {run.tags.get(PARTITION_TAG)}" if run is not None and run.tags.get(PARTITION_TAG) else ""
        holders.append(f"run {slot.run_id[:8]}{where} (step {slot.step_key})")
    return ", ".join(holders) or "no run"


def busy_pools(instance: dg.DagsterInstance, pools: Iterable[str]) -> list[str]:
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return []
    busy = []
    for pool in pools:
        info = storage.get_concurrency_info(pool)
        if info.limit is not None and len(info.claimed_slots) >= info.limit:
            busy.append(pool)
    return busy


def wait_for_pools(instance: dg.DagsterInstance, pools: Iterable[str], limit: float, say: Callable[[str], None],
                   poll: float = 1.0) -> str | None:
    """None once every pool has a free slot; after ``limit`` seconds, why it gave up."""
    deadline = time.monotonic() + limit
    announced = False
    while busy := busy_pools(instance, pools):
        holders = "; ".join(f"pool '{p}' held by {pool_holders(instance, p)}" for p in busy)
        if time.monotonic() > deadline:
            return (f"gave up after waiting {limit:.0f}s for a free slot: {holders}. If that run is dead, free its "
                    "slots in the UI (Deployment > Concurrency) or with `dagster instance concurrency`")
        if not announced:
            say(f"g2l: waiting for a free slot: {holders}; giving up after {limit:.0f}s (G2L_RUN_WAIT_S)")
            announced = True
        time.sleep(poll)
    return None


class PoolWatchdog:
    """While ``run_id`` executes: report a step blocked on a pool once, and interrupt the run after ``limit``."""

    def __init__(self, instance: dg.DagsterInstance, run_id: str, pools: Iterable[str], limit: float,
                 say: Callable[[str], None], poll: float = 1.0):
        self.instance, self.run_id, self.pools = instance, run_id, list(pools)
        self.limit, self.say, self.poll = limit, say, poll
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="g2l-pool-watchdog", daemon=True)

    def _blocked(self) -> list[str]:
        storage = self.instance.event_log_storage
        return [p for p in self.pools
                if any(s.run_id == self.run_id and s.assigned_timestamp is None
                       for s in storage.get_concurrency_info(p).pending_steps)]

    def _watch(self) -> None:
        since: float | None = None
        while not self._stop.wait(self.poll):
            try:
                blocked = self._blocked()
            except Exception:  # noqa: BLE001 - the watchdog must never take the run down by itself
                continue
            if not blocked:
                since = None
                continue
            holders = "; ".join(f"pool '{p}' held by {pool_holders(self.instance, p)}" for p in blocked)
            if since is None:
                since = time.monotonic()
                self.say(f"g2l: waiting for a free slot: {holders}; giving up after {self.limit:.0f}s "
                         "(G2L_RUN_WAIT_S)")
            elif time.monotonic() - since > self.limit:
                self.say(f"g2l: gave up after waiting {self.limit:.0f}s for a free slot during run {self.run_id[:8]}: "
                         f"{holders}; the run is marked failed")
                run = self.instance.get_run_by_id(self.run_id)
                if run is not None and not run.is_finished:
                    self.instance.report_run_failed(run, message=f"gave up waiting for a pool slot: {holders}")
                self.instance.event_log_storage.free_concurrency_slots_for_run(self.run_id)
                os._exit(3)

    def __enter__(self) -> PoolWatchdog:
        if self.pools:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
