"""The statements that publish stage tables (table-driven, text in, text out), and publishing them to the
loopback fake of the Statement Execution API: one project's rows change, the others' never do."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import polars as pl
import pytest

from g2l_core.dashboard.uc_types import result_frame, sql_type
from g2l_core.ddl.statement_api import StatementExecutionClient
from g2l_core.uc_stages import sql
from g2l_core.uc_stages.publish import publish_project
from tests.databricks_fake import FakeWorkspace

COLUMN = pl.Struct({"name": pl.String, "nullable": pl.Boolean})
AT = datetime(2026, 3, 2, 1, 0, 0, 1, tzinfo=timezone.utc)

LITERALS = [
    (None, pl.String, "NULL"),
    ("it's", pl.String, r"'it\'s'"),
    ("a\\b", pl.String, r"'a\\b'"),
    ("x''y", pl.String, r"'x\'\'y'"),
    ("line\nnext \\n", pl.String, "'line\nnext \\\\n'"),
    (True, pl.Boolean, "TRUE"),
    (-5, pl.Int64, "-5"),
    (3_000_000_000, pl.Int64, "3000000000"),
    (42.5, pl.Float64, "42.5E0"),
    (1e-05, pl.Float64, "1e-05"),
    (float("nan"), pl.Float64, "CAST('NaN' AS DOUBLE)"),
    (float("-inf"), pl.Float64, "CAST('-Infinity' AS DOUBLE)"),
    (Decimal("1.50"), pl.Decimal(10, 2), "CAST('1.50' AS DECIMAL(10,2))"),
    (AT, pl.Datetime("us", "UTC"), "TIMESTAMP'2026-03-02T01:00:00.000001Z'"),
    (AT.astimezone(timezone(timedelta(hours=2))), pl.Datetime("us", "UTC"), "TIMESTAMP'2026-03-02T01:00:00.000001Z'"),
    (datetime(2026, 3, 2, 1), pl.Datetime("us"), "TIMESTAMP_NTZ'2026-03-02 01:00:00'"),
    (date(2026, 3, 2), pl.Date, "DATE'2026-03-02'"),
    ([], pl.List(pl.String), "CAST(array() AS ARRAY<STRING>)"),
    (["a", None], pl.List(pl.String), "CAST(array('a', NULL) AS ARRAY<STRING>)"),
    ([{"name": "id", "nullable": None}], pl.List(COLUMN),
     "CAST(array(CAST(named_struct('name', 'id', 'nullable', NULL) AS STRUCT<name: STRING, nullable: BOOLEAN>)) "
     "AS ARRAY<STRUCT<name: STRING, nullable: BOOLEAN>>)"),
]


@pytest.mark.parametrize("value,dtype,text", LITERALS)
def test_literals(value, dtype, text):
    assert sql.literal(value, dtype) == text


@pytest.fixture
def ws():
    with FakeWorkspace(token="tok") as workspace:
        yield workspace


@pytest.fixture
def run(ws):
    client = StatementExecutionClient(ws.url, "tok", "wh1", poll_interval=0.01)

    def execute(statement):
        result = client.execute(statement)
        return result.columns, result.rows

    return execute


def test_every_literal_reads_back_as_its_value(ws, run):
    """Each literal written into a column of its type and selected again: the value the frame held."""
    columns = [f"v{i} {sql_type(dtype)}" for i, (_, dtype, _) in enumerate(LITERALS)]
    run("CREATE SCHEMA main.s")
    run(f"CREATE TABLE main.s.t ({', '.join(columns)})")
    run("INSERT INTO main.s.t VALUES (" + ", ".join(sql.literal(v, dtype) for v, dtype, _ in LITERALS) + ")")
    client = StatementExecutionClient(ws.url, "tok", "wh1", poll_interval=0.01)
    result = client.execute("SELECT * FROM main.s.t")
    manifest = client.workspace.statement_execution.get_statement(result.statement_id).manifest
    row = result_frame([(c.name, c.type_text) for c in manifest.schema.columns], result.rows).row(0)
    for got, (value, dtype, _) in zip(row, LITERALS):
        if isinstance(value, float) and value != value:
            assert got != got
        elif isinstance(value, datetime) and value.tzinfo is not None:
            assert got == value.astimezone(timezone.utc)
        else:
            assert got == value, dtype


def frame(project: str, n: int, **extra) -> pl.DataFrame:
    return pl.DataFrame({"project": [project] * n, "path": [f"jobs/{project}_{i}.py" for i in range(n)],
                         "passed": [i % 2 == 0 for i in range(n)], **extra})


def test_replace_partition_statements():
    rows = frame("a", 5)
    statements = sql.replace_partition("main.s.t", ["project", "path", "later", "passed"], rows, "a", max_rows=2)
    assert statements == [
        "INSERT INTO main.s.t REPLACE WHERE project = 'a' VALUES\n"
        "('a', 'jobs/a_0.py', NULL, TRUE),\n('a', 'jobs/a_1.py', NULL, FALSE)",
        "INSERT INTO main.s.t VALUES\n('a', 'jobs/a_2.py', NULL, TRUE),\n('a', 'jobs/a_3.py', NULL, FALSE)",
        "INSERT INTO main.s.t VALUES\n('a', 'jobs/a_4.py', NULL, TRUE)",
    ]
    assert sql.replace_partition("main.s.t", ["project"], rows.clear(), "o'b") == [
        r"DELETE FROM main.s.t WHERE project = 'o\'b'"]


@pytest.mark.parametrize("values,max_rows,max_chars,sizes", [
    (["x" * 10] * 5, 100, 25, [2, 2, 1]),
    (["x" * 10] * 5, 2, 1000, [2, 2, 1]),
    (["x" * 50, "y"], 100, 25, [1, 1]),  # a value longer than the bound is a batch of its own
    (["x"], 1, 1, [1]),
])
def test_batches_are_bounded(values, max_rows, max_chars, sizes):
    out = sql.batches(values, max_rows, max_chars)
    assert [len(b) for b in out] == sizes and sum(out, []) == values


@pytest.mark.parametrize("rows,columns,message", [
    (frame("b", 1), ["project", "path", "passed"], "every published row must have project = 'a'"),
    (frame("a", 1, extra=["x"]), ["project", "path", "passed"], r"the table lacks column\(s\) extra"),
])
def test_replace_partition_refuses(rows, columns, message):
    with pytest.raises(ValueError, match=message):
        sql.replace_partition("main.s.t", columns, rows, "a")


def test_column_plan_adds_new_columns_and_names_changed_types():
    schema = pl.Schema({"project": pl.String, "n": pl.Float64, "notes": pl.List(pl.String)})
    add, problems = sql.column_plan([("project", "string"), ("N", "bigint")], schema, "main.s.t")
    assert add == [("notes", pl.List(pl.String))]
    assert problems == ["main.s.t.n is bigint in Unity Catalog but DOUBLE in the stage table: drop the Unity "
                        "Catalog table and the next run recreates it"]
    assert sql.column_plan([("project", "string"), ("n", "double"), ("notes", "array<string>")], schema, "t") == ([], [])


def test_create_and_alter_statements():
    assert sql.create_schema("main", "g2l_stages") == (
        "CREATE SCHEMA IF NOT EXISTS main.g2l_stages COMMENT 'g2l stage tables: migration state per project, "
        "read by the g2l dashboard App'")
    assert sql.create_table("main.s.t", pl.Schema({"project": pl.String, "n": pl.Int64}), "t") == (
        "CREATE TABLE IF NOT EXISTS main.s.t (\n  project STRING,\n  n BIGINT\n)\nUSING DELTA\nCLUSTER BY (project)\n"
        "COMMENT 'g2l stage table t: one project partition per migration project'")
    assert sql.add_columns("main.s.t", [("notes", pl.List(pl.String))]) == (
        "ALTER TABLE main.s.t ADD COLUMNS (notes ARRAY<STRING>)")
    assert sql.table_name("main", "g2l-stages", "t") == "main.`g2l-stages`.t"


def rows_of(ws, table: str, project: str) -> list[dict]:
    return [r for r in ws.table(f"main.g2l_stages.{table}")["rows"] if r["project"] == project]


def test_publishing_replaces_only_that_projects_rows(ws, run):
    both = pl.concat([frame("a", 3), frame("b", 2)])
    for project in ("a", "b"):
        report = publish_project(run, "main", "g2l_stages", project, {"results": both, "missing": None})
        assert report.rows == {"results": 3 if project == "a" else 2} and report.errors == []
    b_before = rows_of(ws, "results", "b")
    # a's next run: fewer rows, a new column, and more rows than one statement carries
    later = pl.concat([frame("a", 5, note=[f"n{i}" for i in range(5)]), frame("b", 2, note=[None, None])])
    report = publish_project(run, "main", "g2l_stages", "a", {"results": later}, max_rows=2)
    assert report.errors == [] and report.rows == {"results": 5}
    assert [r["note"] for r in rows_of(ws, "results", "a")] == ["n0", "n1", "n2", "n3", "n4"]
    assert rows_of(ws, "results", "b") == [dict(r, note=None) for r in b_before]
    writes = [s for s in ws.statements if s.startswith(("INSERT", "DELETE", "ALTER"))]
    assert [w.split(" VALUES")[0] for w in writes[-4:]] == [
        "ALTER TABLE main.g2l_stages.results ADD COLUMNS (note STRING)",
        "INSERT INTO main.g2l_stages.results REPLACE WHERE project = 'a'",
        "INSERT INTO main.g2l_stages.results", "INSERT INTO main.g2l_stages.results"]
    # nothing left for b: its rows go, a's stay
    publish_project(run, "main", "g2l_stages", "b", {"results": later.filter(pl.col("project") == "a")})
    assert rows_of(ws, "results", "b") == [] and len(rows_of(ws, "results", "a")) == 5
    assert ws.table("main.g2l_stages.missing") is None
    # the schema is created once, by the first publish: later ones need no privilege on the catalog
    assert [s.split(" COMMENT")[0] for s in ws.statements if s.startswith("CREATE SCHEMA")] == [
        "CREATE SCHEMA IF NOT EXISTS main.g2l_stages"]


def test_a_table_whose_column_changed_type_is_reported_and_the_others_published(ws, run):
    publish_project(run, "main", "g2l_stages", "a", {"results": frame("a", 1)})
    changed = frame("a", 2).with_columns(pl.col("passed").cast(pl.Int64))
    report = publish_project(run, "main", "g2l_stages", "a", {"results": changed, "other": frame("a", 2)})
    assert report.rows == {"other": 2}
    assert report.errors == ["results: main.g2l_stages.results.passed is boolean in Unity Catalog but BIGINT in "
                             "the stage table: drop the Unity Catalog table and the next run recreates it"]
    assert len(rows_of(ws, "results", "a")) == 1


def test_progress_is_replaced_and_its_history_appended(ws, run, monkeypatch):
    from g2l_core.dashboard.readers import UnityCatalogStages, sdk_execute

    def progress(validated):
        return pl.DataFrame({"project": ["a", "b"], "validated": [validated, 9]})

    for hour, validated in ((1, 2), (2, 5)):
        report = publish_project(run, "main", "g2l_stages", "a", {"migration_progress": progress(validated)},
                                 now=AT.replace(hour=hour))
        assert report.rows == {"migration_progress": 1, "migration_progress_history": 1}
    assert [r["validated"] for r in ws.table("main.g2l_stages.migration_progress")["rows"]] == [5]
    monkeypatch.setenv("DATABRICKS_HOST", ws.url)
    monkeypatch.setenv("DATABRICKS_TOKEN", "tok")
    reader = UnityCatalogStages(sdk_execute("wh1"), "main", "g2l_stages")
    assert [(at.hour, df.rows()) for at, df in reader.versions("migration_progress")] == [
        (1, [("a", 2)]), (2, [("a", 5)])]
    assert reader.table("migration_progress").rows() == [("a", 5)]


def test_the_fake_keeps_delta_versions(ws, run):
    """Each publish is one commit: DESCRIBE HISTORY lists it, VERSION AS OF reads the rows before it."""
    publish_project(run, "main", "g2l_stages", "a", {"results": frame("a", 2)})
    publish_project(run, "main", "g2l_stages", "a", {"results": frame("a", 1)})
    _, history = run("DESCRIBE HISTORY main.g2l_stages.results LIMIT 2")
    assert [(v, op) for v, _, op, _ in history] == [("2", "WRITE"), ("1", "WRITE")]
    assert len(run("SELECT * FROM main.g2l_stages.results VERSION AS OF 1")[1]) == 2
    assert len(run("SELECT path FROM main.g2l_stages.results WHERE project = 'a'")[1]) == 1
    with pytest.raises(Exception, match="DELTA_VERSION_NOT_FOUND"):
        run("SELECT * FROM main.g2l_stages.results VERSION AS OF 7")
    with pytest.raises(Exception, match="DELTA_REPLACE_WHERE_MISMATCH"):
        run("INSERT INTO main.g2l_stages.results REPLACE WHERE project = 'a' VALUES ('b', 'x', TRUE)")
    with pytest.raises(Exception, match="DATATYPE_MISMATCH"):
        run("INSERT INTO main.g2l_stages.results VALUES ('a', 1, TRUE)")
