"""DDL table rows (sqlglot, Hive dialect) and last-commit metadata from one git log pass."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone

import pytest

from g2l_core.extract import extract_ddl_tables, file_history, inventory_files

DDL = textwrap.dedent("""\
    -- raw zone
    CREATE DATABASE IF NOT EXISTS risk_raw;

    CREATE EXTERNAL TABLE IF NOT EXISTS `risk_raw`.`trades` (
      `trade_id` string COMMENT 'id',
      `notional` decimal(18,2)
    )
    COMMENT 'Booked trades'
    PARTITIONED BY (`business_date` string)
    STORED AS PARQUET
    LOCATION 's3://lake/raw/trades/';

    CREATE TABLE Risk_Raw.Books (book_id string) STORED AS ORC;
    """)


def test_ddl_table_rows():
    rows = extract_ddl_tables(DDL, project="risk", file_path="ddl/risk_raw.sql")
    got = [(r["entity_type"], r["full_path"], r["name"], r["line_start"], r["line_end"], r["docstring"], r["s3_paths"],
            r["lines_of_code"], r["parse_error"]) for r in rows]
    assert got == [
        ("module", "ddl.risk_raw", "risk_raw", 1, 13, None, ["s3://lake/raw/trades/"], 10, None),
        ("table", "risk_raw.trades", "trades", 4, 11, "Booked trades", ["s3://lake/raw/trades/"], 8, None),
        ("table", "risk_raw.books", "books", 13, 13, None, [], 1, None),
    ]
    assert rows[1]["definition"] == "CREATE EXTERNAL TABLE IF NOT EXISTS `risk_raw`.`trades`"


def test_ddl_parse_error_names_the_line_and_keeps_other_statements():
    text = "CREATE TABLE a.ok (x int);\n\nCREATE TABLE a.bad (x int\n  COMMENT);\nCREATE TABLE a.ok2 (y string);\n"
    rows = extract_ddl_tables(text, project="p", file_path="ddl/broken.hql")
    assert [r["full_path"] for r in rows] == ["ddl.broken", "a.ok", "a.ok2"]
    assert rows[0]["parse_error"].startswith("line 4: "), rows[0]["parse_error"]


def test_file_history_last_commit_per_file(tmp_path, commit):
    repo = tmp_path / "glue"
    first = commit(repo, {"jobs/a.py": "a = 1\n", "jobs/b.py": "b = 1\n", "README.md": "x"},
                   author="Ada Lovelace <ada@example.com>", date="2024-01-01T10:00:00+00:00")
    second = commit(repo, {"jobs/b.py": "b = 2\n"}, author="Grace Hopper <grace@example.com>",
                    date="2024-02-01T11:30:00+00:00")
    third = commit(repo, {"ddl/t.sql": "CREATE TABLE a.b (x int);\n", "README.md": "y"},
                   author="Linus Torvalds <linus@example.com>", date="2024-03-05T08:00:00+01:00")
    commit(repo, {"jobs/a.py": None}, author="Ada Lovelace <ada@example.com>", date="2024-04-01T00:00:00+00:00")

    history = file_history(repo, ["jobs/a.py", "jobs/b.py", "ddl/t.sql", "missing.py"], rev=third)
    assert {p: (h.commit, h.author, h.author_email) for p, h in history.items()} == {
        "jobs/a.py": (first, "Ada Lovelace", "ada@example.com"),
        "jobs/b.py": (second, "Grace Hopper", "grace@example.com"),
        "ddl/t.sql": (third, "Linus Torvalds", "linus@example.com"),
    }
    assert history["ddl/t.sql"].date == datetime(2024, 3, 5, 7, 0, tzinfo=timezone.utc)
    assert inventory_files(repo, third).keys() == {"jobs/a.py", "jobs/b.py", "ddl/t.sql"}
    assert inventory_files(repo, "HEAD").keys() == {"jobs/b.py", "ddl/t.sql"}


def test_file_history_many_paths_without_pathspec(tmp_path, commit):
    """Above the pathspec limit the log is filtered in Python; results must be the same."""
    repo = tmp_path / "many"
    first = commit(repo, {f"m/f{i}.py": f"x = {i}\n" for i in range(210)}, author="Ada Lovelace <ada@example.com>")
    second = commit(repo, {"m/f7.py": "x = 'seven'\n"}, author="Grace Hopper <grace@example.com>",
                    date="2024-05-01T00:00:00+00:00")
    history = file_history(repo, [f"m/f{i}.py" for i in range(210)])
    assert len(history) == 210
    assert history["m/f7.py"].commit == second and history["m/f8.py"].commit == first


def test_file_history_unknown_revision_names_repo_and_error(tmp_path, commit):
    from g2l_core.gitrepo import GitError

    repo = tmp_path / "glue"
    commit(repo, {"a.py": "x = 1\n"})
    with pytest.raises(GitError, match="git log in .*glue failed"):
        file_history(repo, ["a.py"], rev="no-such-branch")
