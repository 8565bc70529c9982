"""``g2l run`` against crashes and concurrency, with real processes: SIGKILL mid-run, two runs at once,
a pool slot held by another run."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import dagster as dg
import pytest

from g2l_dagster.run_guard import ProjectLock, open_instance, recover_dead_runs, wait_limit
from tests.conftest import REPO_ROOT
from tests.dagster.conftest import write_registry

KILL_DEADLINE_S = 300


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    registry = write_registry(tmp_path / "projects.yaml", tmp_path / "remotes", validation=False)
    env = {**os.environ, "DAGSTER_HOME": str(home), "G2L_HOME": str(home), "G2L_PROJECTS": str(registry),
           "PYTHONPATH": str(REPO_ROOT)}
    return home, env


def g2l_run(env, *args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "g2l_dagster.cli", "run", *args], env=env, cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def finish(proc: subprocess.Popen, timeout: float = 600) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def instance(home: Path) -> dg.DagsterInstance:
    return dg.DagsterInstance.from_config(str(home))


def test_sigkill_during_uc_ddl_frees_the_pool_slot_and_the_next_run_succeeds(home):
    home, env = home
    proc = g2l_run(env, start_new_session=True)
    deadline = time.monotonic() + KILL_DEADLINE_S
    held = None
    with instance(home) as inst:
        while held is None:
            assert proc.poll() is None, f"g2l run ended before uc_ddl took its slot: {proc.communicate()}"
            assert time.monotonic() < deadline, "uc_ddl never claimed the databricks slot"
            if inst.event_log_storage.supports_global_concurrency_limits:
                slots = inst.event_log_storage.get_concurrency_info("databricks").claimed_slots
                held = slots[0].run_id if slots else None
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # kill -9 of g2l run and the project process it runs
        proc.wait(timeout=30)
        assert inst.get_run_by_id(held).status == dg.DagsterRunStatus.STARTED
        assert inst.event_log_storage.get_concurrency_info("databricks").claimed_slots

    code, out, err = finish(g2l_run(env))
    assert code == 0, out + err
    assert f"run {held[:8]} (g2l_pipeline, risk_engine) was left in progress by a g2l run that died: marked failed" in err
    assert f"freed the pool slots held by finished run {held[:8]}" in err
    assert "risk_engine: run" in out and "succeeded" in out
    with instance(home) as inst:
        assert inst.get_run_by_id(held).status == dg.DagsterRunStatus.FAILURE
        assert not inst.event_log_storage.get_concurrency_info("databricks").claimed_slots
        assert not [r for r in inst.get_runs() if r.status == dg.DagsterRunStatus.STARTED]


def lock_holder(lock: Path, proc: subprocess.Popen) -> int:
    """The pid the project lock names once a run of ``proc`` holds it."""
    deadline = time.monotonic() + KILL_DEADLINE_S
    while not (lock.is_file() and lock.read_text().strip().isdigit()):
        assert proc.poll() is None and time.monotonic() < deadline, "the run never took the project lock"
        time.sleep(0.05)
    return int(lock.read_text())


def test_killing_g2l_run_alone_ends_its_project_process(home):
    home, env = home
    proc = g2l_run(env, "risk_engine")
    child = lock_holder(home / "locks" / "risk_engine.lock", proc)
    assert child != proc.pid
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 60
    while os.path.exists(f"/proc/{child}") and not open(f"/proc/{child}/stat").read().split(") ")[1].startswith("Z"):
        assert time.monotonic() < deadline, f"project process {child} outlived g2l run"
        time.sleep(0.2)
    code, out, err = finish(g2l_run(env, "risk_engine"))
    assert code == 0, out + err
    with instance(home) as inst:
        assert not [r for r in inst.get_runs() if r.status == dg.DagsterRunStatus.STARTED]


def test_a_second_run_of_the_same_project_says_another_is_in_progress(home):
    home, env = home
    first = g2l_run(env, "risk_engine")
    holder = lock_holder(home / "locks" / "risk_engine.lock", first)
    assert holder != first.pid
    os.kill(holder, signal.SIGSTOP)  # the first run is mid-way while the second starts, however fast it is
    try:
        code2, out2, err2 = finish(g2l_run(env, "risk_engine"))
    finally:
        os.kill(holder, signal.SIGCONT)
    code1, out1, err1 = finish(first)
    assert code1 == 0, out1 + err1
    assert code2 == 1
    assert "g2l: risk_engine: another g2l run of this project is in progress; not started" in err2
    assert "Traceback" not in err2 and "CommitFailedError" not in err2
    assert "running g2l_pipeline" not in out2


def test_an_in_progress_run_from_the_ui_also_blocks_g2l_run(home):
    home, env = home
    with instance(home) as inst:
        inst.add_dynamic_partitions("glue_project", ["risk_engine"])
        run = inst.create_run_for_job(dg.JobDefinition(graph_def=dg.GraphDefinition(name="g2l_pipeline")),
                                      run_id=str(uuid.uuid4()), tags={"dagster/partition": "risk_engine"},
                                      status=dg.DagsterRunStatus.STARTED)
    code, out, err = finish(g2l_run(env, "risk_engine"))
    assert code == 1
    assert f"g2l: risk_engine: run {run.run_id[:8]} (g2l_pipeline) of this project is in progress; not started" in err
    with instance(home) as inst:  # not a g2l run: left to the daemon's run monitor
        assert inst.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.STARTED


def test_a_slot_held_by_a_live_run_is_waited_for_out_loud_then_given_up(home):
    home, env = home
    with instance(home) as inst:
        other = inst.create_run_for_job(dg.JobDefinition(graph_def=dg.GraphDefinition(name="g2l_pipeline")),
                                        run_id=str(uuid.uuid4()), tags={"dagster/partition": "payments"},
                                        status=dg.DagsterRunStatus.STARTED)
        inst.event_log_storage.initialize_concurrency_limit_to_default("databricks")
        assert inst.event_log_storage.claim_concurrency_slot("databricks", other.run_id, "uc_ddl").is_claimed
    code, out, err = finish(g2l_run(env, "risk_engine"), timeout=900)
    assert code == 1, out + err
    holder = f"pool 'databricks' held by run {other.run_id[:8]} of payments (step uc_ddl)"
    assert f"g2l: waiting for a free slot: {holder}; giving up after 5s (G2L_RUN_WAIT_S)" in err
    assert f"g2l: risk_engine: gave up after waiting 5s for a free slot: {holder}" in err
    assert "Traceback" not in err
    with instance(home) as inst:
        assert [r.run_id for r in inst.get_runs() if r.job_name == "g2l_pipeline"] == [other.run_id]
        slots = inst.event_log_storage.get_concurrency_info("databricks")
        assert [s.run_id for s in slots.claimed_slots] == [other.run_id]
        assert {s.run_id for s in slots.pending_steps} == {other.run_id}


WATCHDOG = """
import sys, time, uuid
import dagster as dg
from g2l_dagster.run_guard import PoolWatchdog
home = sys.argv[1]
with dg.DagsterInstance.from_config(home) as inst:
    job = dg.JobDefinition(graph_def=dg.GraphDefinition(name="g2l_pipeline"))
    other = inst.create_run_for_job(job, run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED,
                                    tags={"dagster/partition": "payments"})
    mine = inst.create_run_for_job(job, run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED)
    inst.event_log_storage.initialize_concurrency_limit_to_default("databricks")
    assert inst.event_log_storage.claim_concurrency_slot("databricks", other.run_id, "uc_ddl").is_claimed
    assert not inst.event_log_storage.claim_concurrency_slot("databricks", mine.run_id, "uc_ddl").is_claimed
    print(mine.run_id, flush=True)
    with PoolWatchdog(inst, mine.run_id, ["databricks"], 2, lambda s: print(s, file=sys.stderr, flush=True), 0.2):
        while True:  # what Dagster's in-process executor does while a pool is full
            time.sleep(0.05)
"""


def test_a_run_blocked_on_a_pool_mid_run_is_failed_and_the_process_ends(tmp_path):
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    proc = subprocess.run([sys.executable, "-c", WATCHDOG, str(tmp_path)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, cwd=REPO_ROOT)
    assert proc.returncode == 3, proc.stderr[-3000:]
    mine = proc.stdout.strip()
    assert "g2l: waiting for a free slot: pool 'databricks' held by run" in proc.stderr
    assert f"g2l: gave up after waiting 2s for a free slot during run {mine[:8]}" in proc.stderr
    with instance(tmp_path) as inst:
        assert inst.get_run_by_id(mine).status == dg.DagsterRunStatus.FAILURE
        info = inst.event_log_storage.get_concurrency_info("databricks")
        assert not [s for s in info.pending_steps if s.run_id == mine]


@pytest.fixture(autouse=True)
def short_wait(request, monkeypatch):
    monkeypatch.setenv("G2L_RUN_WAIT_S", "5")


def test_recover_dead_runs_leaves_live_g2l_runs_alone(tmp_path):
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    with instance(tmp_path) as inst:
        run = inst.create_run_for_job(dg.JobDefinition(graph_def=dg.GraphDefinition(name="g2l_pipeline")),
                                      run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED,
                                      tags={"dagster/partition": "p", "g2l/trigger": "cli"})
        with ProjectLock(tmp_path, "p") as held:
            assert held
            assert recover_dead_runs(inst, tmp_path) == []
        assert inst.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.STARTED
        assert len(recover_dead_runs(inst, tmp_path)) == 1
        assert inst.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.FAILURE


@pytest.mark.parametrize("raw,expected", [("", 600.0), ("30", 30.0), ("2.5", 2.5)])
def test_wait_limit(raw, expected):
    assert wait_limit({"G2L_RUN_WAIT_S": raw}) == expected


@pytest.mark.parametrize("raw", ["0", "-1", "soon"])
def test_wait_limit_refuses_nonsense(raw):
    with pytest.raises(ValueError, match=f"G2L_RUN_WAIT_S: '{raw}' is not a positive number of seconds"):
        wait_limit({"G2L_RUN_WAIT_S": raw})


def half_created(home: Path, *, events: bool = False) -> Path:
    """The event index as a process killed while Dagster created it leaves it: some tables, no version."""
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    with instance(home) as inst:
        if events:
            inst.report_runless_asset_event(dg.AssetMaterialization("glue_repo"))
        index = Path(inst.event_log_storage.path_for_shard("index"))
    with sqlite3.connect(index) as db:
        db.execute("DROP TABLE dynamic_partitions")
        db.execute("DROP TABLE alembic_version")
    return index


def test_an_event_index_left_half_created_is_made_again(tmp_path, monkeypatch):
    index = half_created(tmp_path)
    os.utime(index, (time.time() - 60, time.time() - 60))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    said = []
    with open_instance(said.append) as inst:
        inst.add_dynamic_partitions("glue_project", ["risk_engine"])
        assert inst.get_dynamic_partitions("glue_project") == ["risk_engine"]
    assert said == [f"the run database's event index {index} was left half-created by a process that was "
                    "killed (no events in it): made again"]


def test_an_index_being_created_by_another_process_is_given_time_to_finish(tmp_path, monkeypatch):
    index = half_created(tmp_path)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    before = index.stat().st_ino

    def finish_creating():
        time.sleep(0.5)
        with sqlite3.connect(index) as db:
            db.execute("CREATE TABLE dynamic_partitions (id INTEGER PRIMARY KEY, partitions_def_name TEXT, "
                       "partition TEXT, create_timestamp TIMESTAMP)")
            db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            db.execute("INSERT INTO alembic_version VALUES ('head')")

    other = threading.Thread(target=finish_creating)
    other.start()
    said = []
    with open_instance(said.append, grace_s=30) as inst:
        other.join()
        assert inst.get_dynamic_partitions("glue_project") == []
    assert said == [] and index.stat().st_ino == before


def test_an_unversioned_index_holding_events_is_never_touched(tmp_path, monkeypatch):
    index = half_created(tmp_path, events=True)
    os.utime(index, (time.time() - 60, time.time() - 60))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    said = []
    with open_instance(said.append, grace_s=0) as inst:
        assert inst.fetch_materializations(dg.AssetKey("glue_repo"), limit=1).records
    assert said == []
