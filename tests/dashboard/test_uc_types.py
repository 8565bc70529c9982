from datetime import date, datetime, timezone
from decimal import Decimal

import polars as pl
import pytest

from g2l_core.dashboard.uc_types import polars_type, result_frame, sql_type

COLUMN = pl.Struct({"name": pl.String, "type": pl.String, "nullable": pl.Boolean, "comment": pl.String})


@pytest.mark.parametrize("dtype,sql", [
    (pl.String, "STRING"),
    (pl.Int64, "BIGINT"),
    (pl.Int32, "INT"),
    (pl.Int16, "SMALLINT"),
    (pl.Int8, "TINYINT"),
    (pl.Float64, "DOUBLE"),
    (pl.Float32, "FLOAT"),
    (pl.Boolean, "BOOLEAN"),
    (pl.Date, "DATE"),
    (pl.Datetime("us", "UTC"), "TIMESTAMP"),
    (pl.Datetime("us"), "TIMESTAMP_NTZ"),
    (pl.Decimal(12, 2), "DECIMAL(12,2)"),
    (pl.List(pl.String), "ARRAY<STRING>"),
    (pl.List(COLUMN), "ARRAY<STRUCT<name: STRING, type: STRING, nullable: BOOLEAN, comment: STRING>>"),
    (pl.Struct({"odd name": pl.Int64}), "STRUCT<`odd name`: BIGINT>"),
])
def test_stage_column_types_round_trip(dtype, sql):
    assert sql_type(dtype) == sql
    assert polars_type(sql) == dtype
    # information_schema spells the same type in lower case without spaces
    assert polars_type(sql.lower().replace(": ", ":").replace(", ", ",")) == dtype


@pytest.mark.parametrize("dtype,sql", [(pl.Null, "STRING"), (pl.Categorical, "STRING"), (pl.UInt32, "BIGINT")])
def test_types_published_as_a_wider_column(dtype, sql):
    assert sql_type(dtype) == sql


@pytest.mark.parametrize("dtype", [pl.Duration("us"), pl.Time, pl.Object, pl.UInt64])
def test_types_without_a_faithful_column_are_refused(dtype):
    with pytest.raises(ValueError, match="no Unity Catalog column type for polars"):
        sql_type(dtype)


@pytest.mark.parametrize("text,dtype", [
    ("MAP<STRING, STRING>", pl.List(pl.Struct({"key": pl.String, "value": pl.String}))),
    ("VARCHAR(10)", pl.String), ("INTERVAL", pl.String), ("VARIANT", pl.String), ("long", pl.Int64),
])
def test_other_databricks_types(text, dtype):
    assert polars_type(text) == dtype


@pytest.mark.parametrize("text,message", [("ARRAY<", "ends early"), ("STRUCT<a STRING>", "expected ':'"),
                                          ("STRING?", "unreadable column type"), ("ARRAY<INT", "expected '>'")])
def test_unreadable_types_name_the_problem(text, message):
    with pytest.raises(ValueError, match=message):
        polars_type(text)


def test_a_json_array_result_becomes_a_typed_frame():
    columns = [("n", "BIGINT"), ("x", "DOUBLE"), ("ok", "BOOLEAN"), ("at", "TIMESTAMP"), ("day", "DATE"),
               ("amount", "DECIMAL(10,2)"), ("cols", "ARRAY<STRUCT<name: STRING, nullable: BOOLEAN>>"),
               ("params", "MAP<STRING, STRING>"), ("s", "STRING")]
    rows = [["3", "NaN", "true", "2026-03-02T01:00:00.000001Z", "2026-03-02", "1.50",
             '[{"name":"id","nullable":false}]', '{"mode":"Overwrite"}', "0123"],
            [None] * 9]
    df = result_frame(columns, rows)
    assert df.schema == pl.Schema({
        "n": pl.Int64, "x": pl.Float64, "ok": pl.Boolean, "at": pl.Datetime("us", "UTC"), "day": pl.Date,
        "amount": pl.Decimal(10, 2), "cols": pl.List(pl.Struct({"name": pl.String, "nullable": pl.Boolean})),
        "params": pl.List(pl.Struct({"key": pl.String, "value": pl.String})), "s": pl.String})
    first = df.row(0, named=True)
    assert first["at"] == datetime(2026, 3, 2, 1, 0, 0, 1, tzinfo=timezone.utc)
    assert first["day"] == date(2026, 3, 2) and first["amount"] == Decimal("1.50") and first["n"] == 3
    assert first["cols"] == [{"name": "id", "nullable": False}] and first["s"] == "0123"  # text stays text
    assert first["params"] == [{"key": "mode", "value": "Overwrite"}]
    assert df.row(1) == (None,) * 9
    assert result_frame([("x", "STRING")], []).schema == pl.Schema({"x": pl.String})
