"""One file converts with the cycle collector paused, the collector's state is given back after, and the
file's trees are freed by reference counts (no cycle holds them until a collection)."""

from __future__ import annotations

import gc
from pathlib import Path

import libcst as cst

from g2l_core.convert import convert_source

ROOT = Path(__file__).resolve().parents[2]
JOB = (ROOT / "examples" / "risk_engine" / "glue" / "jobs" / "compute_exposures.py").read_bytes()


def test_no_collection_runs_while_a_file_converts_and_the_collector_is_back_on_after():
    collections = []
    callback = lambda phase, info: phase == "start" and collections.append(info["generation"])  # noqa: E731
    gc.callbacks.append(callback)
    try:
        threshold = gc.get_threshold()
        gc.set_threshold(100)  # a collection every hundred allocations, were the collector on
        try:
            result = convert_source(JOB, "compute_exposures.py")
            during = len(collections)
            assert gc.isenabled()
            [object() for _ in range(100)]
        finally:
            gc.set_threshold(*threshold)
    finally:
        gc.callbacks.remove(callback)
    assert result.error is None and result.decisions
    assert during <= 2  # only as the call starts and ends (dozens were it on throughout)
    assert collections  # collections resume once the file is done


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        assert convert_source(JOB, "compute_exposures.py").error is None
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_converted_file_leaves_no_tree_for_the_cycle_collector():
    convert_source(JOB, "compute_exposures.py")  # first-use caches out of the way
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = convert_source(JOB, "compute_exposures.py")
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if isinstance(o, cst.CSTNode)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert result.error is None and result.decisions
    assert left == []
