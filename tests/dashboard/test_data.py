from datetime import datetime, timezone

import polars as pl
import pytest

from g2l_core.dashboard.data import last_sync, needs_human, progress_over_time, project_names, totals


def at(hour: int) -> datetime:
    return datetime(2026, 3, 2, hour, tzinfo=timezone.utc)


def progress(**rows) -> pl.DataFrame:
    cols = ("glue_entities", "converted", "validated", "flagged", "failed", "conflicts", "open_drift")
    return pl.DataFrame([{"project": p, **dict(zip(cols, v))} for p, v in rows.items()])


def test_progress_over_time_keeps_changes_and_the_latest_point():
    snapshots = [(at(1), progress(a=(10, 2, 1, 1, 0, 0, 0), b=(5, 5, 5, 0, 0, 0, 0))),
                 (at(2), progress(a=(10, 2, 1, 1, 0, 0, 0), b=(5, 5, 5, 0, 0, 0, 0))),
                 (at(3), progress(a=(10, 8, 7, 1, 0, 0, 2), b=(5, 5, 5, 0, 0, 0, 0)))]
    hist = progress_over_time(snapshots)
    validated = hist.filter(pl.col("figure") == "validated")
    assert validated.filter(pl.col("project") == "a").select("at", "value").rows() == [(at(1), 1), (at(3), 7)]
    # b never changed: its first point and the latest one
    assert validated.filter(pl.col("project") == "b")["at"].to_list() == [at(1), at(3)]
    assert set(hist["figure"]) == {"glue_entities", "converted", "validated", "flagged", "failed", "conflicts",
                                   "open_drift"}


def test_progress_over_time_adds_sync_history_rows():
    history = pl.DataFrame({"project": ["a"], "synced_at": [datetime(2026, 3, 2, 2)], "converted": [4]})
    hist = progress_over_time([(at(1), progress(a=(10, 2, 1, 1, 0, 0, 0)))], history)
    assert hist.filter(pl.col("figure") == "converted").select("at", "value").rows() == [(at(1), 2), (at(2), 4)]


@pytest.mark.parametrize("snapshots", [[], [(at(1), pl.DataFrame({"project": []}))],
                                        [(at(1), pl.DataFrame({"other": [1]}))]])
def test_progress_over_time_of_nothing_is_an_empty_frame(snapshots):
    hist = progress_over_time(snapshots)
    assert hist.height == 0 and hist.columns == ["project", "at", "figure", "value"]


def test_totals_sum_across_projects():
    t = totals(progress(a=(10, 8, 7, 1, 0, 0, 2), b=(30, 20, 13, 2, 1, 1, 0)))
    assert t == {"projects": 2, "glue_entities": 40, "converted": 28, "validated": 20, "flagged": 3, "failed": 1,
                 "conflicts": 1, "open_drift": 2, "progress_pct": 50.0}
    assert totals(None) == {"projects": 0}


CODE = pl.DataFrame({
    "project": ["a", "a", "a", "b"], "source_path": ["jobs/x.py", "jobs/y.py", "jobs/z.py", "jobs/w.py"],
    "target_path": ["jobs/x.py", "jobs/y.py", "jobs/z.py", "jobs/w.py"],
    "status": ["converted", "flagged", "failed", "converted"], "conflict": [None, None, None, "edited on target"],
    "detail": [None, "getResolvedOptions left", None, None], "error": [None, None, "SyntaxError line 3", None]})
VALIDATION = pl.DataFrame({"project": ["a", "a", "b"], "source_path": ["jobs/x.py", "jobs/x.py", "jobs/w.py"],
                           "check": ["parses", "output:main.s.t", "runs"], "passed": [True, False, False],
                           "severity": ["critical", "critical", "warning"],
                           "message": ["ok", "3 rows differ", "exit 1"]})
DRIFT = pl.DataFrame({"project": ["a", "b"], "table": ["main.s.t", "main.s.u"], "column": ["amount", None],
                      "drift_type": ["type_changed", "table_missing"], "severity": ["critical", "warning"],
                      "details": ["int -> bigint", ""], "resolved": [False, True]})
DDL = pl.DataFrame({"project": ["b", "b"], "source_file": ["ddl/a.sql", "ddl/b.sql"],
                    "target_full_name": ["main.s.a", "main.s.b"], "status": ["converted", "converted"],
                    "apply_error": [None, "PERMISSION_DENIED"]})


def test_needs_human_lists_the_urgent_first():
    rows = needs_human(CODE, VALIDATION, DRIFT, DDL).rows()
    assert rows == [
        ("a", "critical validation", "jobs/x.py: output:main.s.t", "3 rows differ"),
        ("a", "failed file", "jobs/z.py", "SyntaxError line 3"),
        ("b", "sync conflict", "jobs/w.py", "edited on target"),
        ("b", "DDL error", "main.s.b", "PERMISSION_DENIED"),
        ("a", "open drift", "main.s.t amount", "critical type_changed int -> bigint"),
        ("a", "flagged file", "jobs/y.py", "getResolvedOptions left"),
    ]


def test_needs_human_without_tables_is_empty():
    assert needs_human(None, None, None, None).height == 0
    assert needs_human(CODE.clear(), VALIDATION.clear(), DRIFT.clear()).height == 0


def test_last_sync_takes_the_glue_head_when_progress_lacks_it_and_the_latest_sync():
    prog = pl.DataFrame({"project": ["a"], "last_sync": [at(1)], "glue_commit": [None], "sync_commit": ["f" * 40]},
                        schema_overrides={"glue_commit": pl.String})
    repo = pl.DataFrame({"project": ["a", "a", "b"], "repo": ["glue", "target", "glue"],
                         "commit": ["a" * 40, "c" * 40, "b" * 40]})
    history = pl.DataFrame({"project": ["a", "a"], "at": [at(4), at(2)]})
    rows = last_sync(prog, repo, history).rows()
    assert rows == [("a", at(4), "a" * 12, "f" * 12), ("b", None, "b" * 12, None)]


def test_project_names_from_every_frame():
    assert project_names(CODE, DRIFT, None, pl.DataFrame()) == ["a", "b"]


def test_sync_history_conflicts_count_the_json_list_the_sync_writes():
    at = datetime(2026, 3, 2, tzinfo=timezone.utc)
    history = pl.DataFrame({"project": ["p", "p"], "started": [at, at.replace(day=9)],
                            "conflicts": ["[]", '[{"path": "jobs/a.py", "conflict": "overlap", "detail": "l3"}]']})
    out = progress_over_time([], history)
    assert out.filter(pl.col("figure") == "conflicts")["value"].to_list() == [0, 1]
