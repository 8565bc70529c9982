"""Glue Studio visual transforms (``gs_*``), converted and run on a real Spark Connect session (pysail, ANSI
on): each gives the rows the Glue transform gives on the same data (per AWS's description of it)."""

from __future__ import annotations

import datetime
import textwrap
import types


from g2l_core.convert import ConvertOptions, convert_source

HEADER = """\
from awsglue.transforms import *
from awsglue.dynamicframe import DynamicFrame
import gs_derived
import gs_to_timestamp
import gs_format_timestamp
import gs_concat
import gs_split
import gs_array_to_cols
import gs_explode
import gs_flatten
import gs_regex_extract
import gs_null_rows
import gs_pivot
import gs_now
import gs_uuid
"""


def load(glue_code: str) -> types.SimpleNamespace:
    result = convert_source(HEADER + textwrap.dedent(glue_code), "job.py", ConvertOptions())
    assert result.error is None
    assert "import gs_" not in result.code and ".gs_" not in result.code
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    return types.SimpleNamespace(**namespace, code=result.code)


def rows(df, *order):
    return [tuple(r) for r in (df.orderBy(*order) if order else df).collect()]


def test_derived_concat_split_array_to_columns(spark, helpers_on_path):
    job = load("""
        def run(frame):
            a = frame.gs_derived(colName="total", expr="price * qty")
            b = a.gs_concat(colName="label", colList=["sku", "qty"], spacer="-")
            c = b.gs_split(colName="code", pattern="[/ ]", newColName="parts")
            return c.gs_array_to_cols(colName="parts", colList="first, second, third")
    """)
    df = spark.createDataFrame([("a1", 2, 1.5, "x/y"), ("b2", None, 2.0, "z")], "sku string, qty int, price double, code string")
    out = job.run(df).select("sku", "total", "label", "first", "second", "third")
    assert rows(out, "sku") == [("a1", 3.0, "a1-2", "x", "y", None), ("b2", None, "b2-", "z", None, None)]


def test_to_timestamp_units_and_format(spark, helpers_on_path):
    job = load("""
        def run(frame):
            a = frame.gs_to_timestamp(colName="epoch_ms", colType="milliseconds", newColName="ts")
            b = a.gs_to_timestamp(colName="when", colType="autodetect")
            return b.gs_format_timestamp(colName="ts", dateFormat="%Y/%m/%d", newColName="day")
    """)
    df = spark.createDataFrame([(1700000000000, "1700000000"), (0, "2024-03-01T10:00:00")], "epoch_ms long, `when` string")
    out = rows(job.run(df).select("day", "when"), "day")
    assert [r[0] for r in out] == ["1970/01/01", "2023/11/14"]
    assert all(isinstance(r[1], datetime.datetime) for r in out)


def test_explode_flatten_regex_null_rows(spark, helpers_on_path):
    job = load("""
        def run(frame):
            a = frame.gs_null_rows(extended=True)
            b = a.gs_flatten()
            c = b.gs_explode(colName="tags", newCol="tag")
            return c.gs_regex_extract(colName="`info.code`", regex="([A-Z]+)-(\\\\d+)", newCols="prefix,number")
    """)
    df = spark.createDataFrame(
        [(["x", "y"], ("AB-12",)), (None, None), (["z"], ("no match",))],
        "tags array<string>, info struct<code: string>")
    out = rows(job.run(df).select("tag", "prefix", "number"), "tag")
    assert out == [("x", "AB", "12"), ("y", "AB", "12"), ("z", "", "")]


def test_pivot_now_uuid(spark, helpers_on_path):
    job = load("""
        def run(frame):
            a = frame.gs_pivot(aggCol="score", aggFunction="mean", colList=["measure"])
            b = a.gs_now(colName="loaded", dateFormat="%Y")
            return b.gs_uuid()
    """)
    df = spark.createDataFrame([("h1", "m1", 2.0), ("h1", "m1", 4.0), ("h1", "m2", 1.0)], "hospital string, measure string, score double")
    out = job.run(df)
    row = out.collect()[0]
    assert (row["hospital"], row["m1"], row["m2"]) == ("h1", 3.0, 1.0)
    assert row["loaded"] == str(datetime.date.today().year) and len(row["uuid"]) == 36
