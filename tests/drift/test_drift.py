"""Drift between the Glue definition and the applied table, on real Delta tables."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from g2l_core.ddl import DdlOptions, apply_tables, convert_ddl_text, read_table_schema
from g2l_core.ddl.model import Column, TableSchemaInfo
from g2l_core.drift import detect_drift, drift_id
from g2l_core.stages.drift import open_drift

BASE = """CREATE EXTERNAL TABLE dr_raw.trades (trade_id string COMMENT 'id', qty int, px float, amt decimal(10,2),
  note varchar(20)) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://b/t/'"""
T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


def _drift(results, spark, previous=None, now=T0, code=None):
    names = [r.target_full_name for r in results if r.is_table]
    return detect_drift(project="risk", glue_tables=results, uc_schemas={n: read_table_schema(spark, n) for n in names},
                        code_columns=code, previous=previous, now=now)


def test_drift_lifecycle(spark, tmp_path):
    opts = DdlOptions()
    base = convert_ddl_text(BASE, file_path="ddl/t.sql", options=opts)
    missing = _drift(base, spark)
    assert missing.select("drift_type", "severity").rows() == [("MISSING_TABLE", "critical")]

    apply_tables(spark, base, tmp_path)
    in_sync = _drift(base, spark)
    assert in_sync.select("drift_type", "severity", "resolved").rows() == [("IN_SYNC", "info", True)]

    added = convert_ddl_text(BASE.replace("qty int,", "qty int, desk string,"), file_path="ddl/t.sql", options=opts)
    d1 = _drift(added, spark, previous=missing, now=T0 + timedelta(hours=1))
    open_rows = d1.filter(~d1["resolved"])
    assert open_rows.select("drift_type", "severity", "column").rows() == [("MISSING_COLUMN", "critical", "desk")]
    resolved = d1.filter(d1["resolved"]).row(0, named=True)
    assert resolved["drift_type"] == "MISSING_TABLE" and resolved["resolved_at"] == T0 + timedelta(hours=1)

    widened = convert_ddl_text(BASE.replace("qty int", "qty bigint").replace("px float", "px double")
                               .replace("decimal(10,2)", "decimal(12,2)"), file_path="ddl/t.sql", options=opts)
    d2 = _drift(widened, spark, previous=d1, now=T0 + timedelta(hours=2))
    mism = {r["column"]: r for r in d2.filter(d2["drift_type"] == "TYPE_MISMATCH").iter_rows(named=True)}
    assert {c: (r["severity"], r["source_type"], r["dest_type"]) for c, r in mism.items()} == {
        "qty": ("warning", "BIGINT", "INT"), "px": ("warning", "DOUBLE", "FLOAT"),
        "amt": ("warning", "DECIMAL(12, 2)", "DECIMAL(10, 2)")}
    desk = d2.filter(d2["column"] == "desk").row(0, named=True)
    assert desk["resolved"] and desk["resolved_at"] == T0 + timedelta(hours=2)
    assert d2.filter(d2["drift_type"] == "MISSING_TABLE").height == 1  # history kept

    narrowed = convert_ddl_text(BASE.replace("qty int", "qty smallint").replace("trade_id string", "trade_id bigint"),
                                file_path="ddl/t.sql", options=opts)
    d3 = _drift(narrowed, spark, previous=d2, now=T0 + timedelta(hours=3))
    sev = {r["column"]: r["severity"] for r in d3.filter((d3["drift_type"] == "TYPE_MISMATCH") & ~d3["resolved"]).iter_rows(named=True)}
    assert sev == {"qty": "critical", "trade_id": "critical"}
    assert d3.filter(d3["column"] == "px").row(0, named=True)["resolved"]

    # apply the added column: MISSING_COLUMN goes away
    apply_tables(spark, added, tmp_path)
    d4 = _drift(added, spark, previous=d3, now=T0 + timedelta(hours=4))
    assert d4.filter(~d4["resolved"]).height == 0
    reopened = _drift(narrowed, spark, previous=d4, now=T0 + timedelta(hours=5))
    qty = reopened.filter((reopened["column"] == "qty") & ~reopened["resolved"]).row(0, named=True)
    assert qty["detected_at"] == T0 + timedelta(hours=5)


def test_drift_kinds_without_engine():
    [g] = convert_ddl_text("CREATE TABLE s.t (a int COMMENT 'x', b string, c date) PARTITIONED BY (dt string)",
                           file_path="x.sql", options=DdlOptions())
    uc = TableSchemaInfo("main.s.t", [Column("a", "int", False, "y"), Column("b", "string"), Column("c", "timestamp"),
                                      Column("dt", "string"), Column("zz", "bigint")], partition_columns=[])
    df = detect_drift(project="p", glue_tables=[g], uc_schemas={"main.s.t": uc}, code_columns={"s.t": {"a", "ghost"}},
                      previous=None, now=T0)
    got = {(r["drift_type"], r["column"]): r["severity"] for r in df.iter_rows(named=True)}
    assert got == {("NULLABILITY", "a"): "warning", ("COMMENT_DIFF", "a"): "info", ("TYPE_MISMATCH", "c"): "critical",
                   ("EXTRA_COLUMN", "zz"): "warning", ("MISSING_COLUMN", "ghost"): "critical",
                   ("PARTITION_DIFF", None): "warning"}
    assert df.filter(df["column"] == "zz")["drift_id"][0] == drift_id("p", "main.s.t", "EXTRA_COLUMN", "zz")
    assert open_drift(df)["severity"][0] == "critical"  # metadata tables list critical drift first


def test_in_sync_rows_are_not_carried_as_history(spark, tmp_path):
    base = convert_ddl_text(BASE.replace("dr_raw", "dr_sync"), file_path="ddl/t.sql", options=DdlOptions())
    apply_tables(spark, base, tmp_path)
    first = _drift(base, spark)
    second = _drift(base, spark, previous=first, now=T0 + timedelta(days=1))
    assert second.select("drift_type", "detected_at").rows() == [("IN_SYNC", T0 + timedelta(days=1))]


def test_a_table_whose_glue_name_is_mixed_case_and_hyphenated_is_found_after_apply(spark, tmp_path):
    """Unity Catalog stores names in lower case: the applied table is read back by the same name."""
    ddl = "CREATE EXTERNAL TABLE `claims-raw`.`Claims-2024` (claim_id bigint, amount double) STORED AS PARQUET " \
          "LOCATION 's3://b/claims/'"
    results = convert_ddl_text(ddl, file_path="ddl/claims.sql", options=DdlOptions(schema_map={"claims-raw": "bronze"}))
    assert [r.target_full_name for r in results if r.is_table] == ["main.bronze.claims-2024"]
    apply_tables(spark, results, tmp_path)
    assert _drift(results, spark).select("drift_type").rows() == [("IN_SYNC",)]


def test_struct_fields_quoted_in_the_export_are_no_drift():
    """Athena's SHOW CREATE TABLE quotes struct field names; Spark's simpleString does not."""
    [g] = convert_ddl_text("CREATE EXTERNAL TABLE s.t (`src` struct<`vendor`:string,`ts`:timestamp>, "
                           "`xs` array<struct<`from`:int>>)", file_path="x.sql", options=DdlOptions())
    same = TableSchemaInfo("main.s.t", [Column("src", "struct<vendor:string,ts:timestamp>"),
                                        Column("xs", "array<struct<from:int>>")], partition_columns=[])
    wider = TableSchemaInfo("main.s.t", [Column("src", "struct<vendor:string,ts:date>"),
                                         Column("xs", "array<struct<from:int>>")], partition_columns=[])
    kinds = {name: [(r["drift_type"], r["column"]) for r in detect_drift(
        project="p", glue_tables=[g], uc_schemas={"main.s.t": uc}, code_columns=None, previous=None,
        now=T0).iter_rows(named=True) if r["drift_type"] != "IN_SYNC"] for name, uc in (("same", same), ("wider", wider))}
    assert kinds == {"same": [], "wider": [("TYPE_MISMATCH", "src")]}


def test_a_table_uc_ddl_failed_to_create_is_a_warning_naming_the_apply_error():
    """Missing because its DDL failed to apply at this commit (a CTAS over a table outside the project): that
    failure is uc_ddl's, reported there with its cause; drift says so instead of failing the run a second time.
    A table missing for no known reason stays critical."""
    import polars as pl

    from g2l_core.stages.drift import failed_applies

    tables = convert_ddl_text("CREATE TABLE s.a (x int);\nCREATE TABLE s.b (x int)", file_path="x.sql",
                              options=DdlOptions())
    uc_ddl = pl.DataFrame({"target_full_name": ["main.s.a", "main.s.b", "main.s.c", "main.s.v"],
                           "apply_error": ["AnalysisException: Table not found: raw.events", None, "old", None],
                           "apply_action": [None, "created", None, "skipped"],
                           "apply_notes": [[], [], [], ["not applied: it reads main.raw.events"]],
                           "glue_commit": ["c2", "c2", "c1", "c2"]})
    errors = failed_applies(uc_ddl, "c2")
    assert errors == {"main.s.a": "AnalysisException: Table not found: raw.events",
                      "main.s.v": "not applied: it reads main.raw.events"}
    df = detect_drift(project="p", glue_tables=tables, uc_schemas={}, code_columns=None, previous=None, now=T0,
                      apply_errors=errors)
    got = {r["table"]: (r["severity"], r["details"]) for r in df.iter_rows(named=True)}
    assert got == {
        "main.s.a": ("warning", "defined in x.sql statement 1, not in Unity Catalog: uc_ddl could not create it "
                                "(AnalysisException: Table not found: raw.events)"),
        "main.s.b": ("critical", "defined in x.sql statement 2, not in Unity Catalog"),
    }


def test_a_table_the_glue_side_defines_twice_differently_is_warning_drift_naming_both():
    tables = convert_ddl_text("CREATE TABLE s.logs (bytes bigint, uri string);\nCREATE TABLE s.logs (bytes int, uri string)",
                              file_path="ddl/a.sql", options=DdlOptions())
    uc = TableSchemaInfo("main.s.logs", [Column("bytes", "bigint"), Column("uri", "string")], partition_columns=[])
    df = detect_drift(project="p", glue_tables=tables, uc_schemas={"main.s.logs": uc}, code_columns=None,
                      previous=None, now=T0)
    [row] = df.filter(df["drift_type"] == "TYPE_MISMATCH").iter_rows(named=True)
    assert row["severity"] == "warning" and row["column"] == "bytes"
    assert row["details"].endswith("; the Glue side defines this table 2 times, differently (ddl/a.sql statement 1, "
                                   "ddl/a.sql statement 2): compared with the last")
    same = convert_ddl_text("CREATE TABLE s.logs (bytes int);\nCREATE TABLE s.logs (bytes int)", file_path="ddl/b.sql",
                            options=DdlOptions())
    df = detect_drift(project="p", glue_tables=same, uc_schemas={"main.s.logs": uc}, code_columns=None,
                      previous=None, now=T0)
    assert df.filter(df["drift_type"] == "TYPE_MISMATCH")["severity"].to_list() == ["critical"]
