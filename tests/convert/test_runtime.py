"""Converted code run on a real Spark Connect session (pysail, ANSI on) against small data.

Each test converts a Glue function, loads the helper module next to it in a temp folder, runs the
converted function and compares rows with what Glue produces on the same data.
"""

from __future__ import annotations

import datetime
import decimal
import textwrap
import types

import pytest

from g2l_core.convert import ConvertOptions, convert_source

HEADER = """\
from awsglue.transforms import *
from awsglue.dynamicframe import DynamicFrame
from awsglue.utils import getResolvedOptions
"""


def load(glue_code: str, helpers_on_path) -> types.SimpleNamespace:
    result = convert_source(HEADER + textwrap.dedent(glue_code), "job.py", ConvertOptions())
    assert result.error is None
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    return types.SimpleNamespace(**namespace, code=result.code)


def rows(df, order=None):
    return [tuple(r) for r in (df.orderBy(*order) if order else df).collect()]


def test_apply_mapping_nested_path_and_failing_cast(spark, helpers_on_path):
    job = load("""
        def run(glueContext, frame):
            return ApplyMapping.apply(frame=frame, mappings=[
                ("id", "string", "id", "long"),
                ("customer.name", "string", "customer_name", "string"),
                ("amount", "string", "amount", "decimal(10,2)"),
                ("day", "string", "day", "date"),
            ])
    """, helpers_on_path)
    df = spark.createDataFrame(
        [("1", ("Ada",), "12.50", "2024-01-31", "drop me"), ("x", ("Bob",), "n/a", "someday", "drop me")],
        "id string, customer struct<name:string>, amount string, day string, extra string",
    )
    out = job.run(None, df)
    assert out.columns == ["id", "customer_name", "amount", "day"]  # unmapped `extra` is gone
    assert rows(out, ["customer_name"]) == [
        (1, "Ada", decimal.Decimal("12.50"), datetime.date(2024, 1, 31)),
        (None, "Bob", None, None),  # Glue yields NULL where the cast fails; ANSI mode would raise
    ]


def test_filter_lambda_becomes_column_expression(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return Filter.apply(frame=frame, f=lambda r: r["amount"] > 5 and r["status"] != "X")
    """, helpers_on_path)
    assert "F.col(" in job.code and "lambda" not in job.code
    df = spark.createDataFrame([(10, "A"), (10, None), (3, "A"), (10, "X")], "amount int, status string")
    # Python: None != "X" is True, so the NULL-status row is kept, as Glue keeps it
    assert rows(job.run(df), ["status"]) == [(10, None), (10, "A")]


def test_filter_fallback_runs_function_and_drops_error_records(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return Filter.apply(frame=frame, f=lambda r: len(r["tags"]) > 1)
    """, helpers_on_path)
    assert "g2l_helpers.filter_records" in job.code
    df = spark.createDataFrame([(1, ["a", "b"]), (2, ["a"]), (3, None)], "id int, tags array<string>")
    assert rows(job.run(df), ["id"]) == [(1, ["a", "b"])]  # len(None) raises: an error record in Glue


def test_join_keeps_both_key_columns(spark, helpers_on_path):
    job = load("""
        def run(orders, people):
            return Join.apply(orders, people, "customer_id", "id")
    """, helpers_on_path)
    orders = spark.createDataFrame([(1, 10), (2, 20), (3, 99)], "order_id int, customer_id int")
    people = spark.createDataFrame([(10, "Ada"), (20, "Bob")], "id int, name string")
    out = job.run(orders, people)
    assert out.columns == ["order_id", "customer_id", "id", "name"]
    assert rows(out, ["order_id"]) == [(1, 10, 10, "Ada"), (2, 20, 20, "Bob")]


def test_resolve_choice_cast(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return ResolveChoice.apply(frame=frame, specs=[("price", "cast:double"), ("qty", "cast:int")])
    """, helpers_on_path)
    df = spark.createDataFrame([("1.5", "2"), ("abc", "1.0x")], "price string, qty string")
    assert rows(job.run(df), ["price"]) == [(None, None), (1.5, 2)]


def test_drop_null_fields_helper(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return DropNullFields.apply(frame=frame)
    """, helpers_on_path)
    df = spark.createDataFrame([(1, None, "a"), (2, None, None)], "id int, empty string, some string")
    assert job.run(df).columns == ["id", "some"]


def test_relationalize_helper(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return Relationalize.apply(frame=frame, staging_path="s3://tmp/", name="root")
    """, helpers_on_path)
    df = spark.createDataFrame([(1, ("Ada", "UK"), ["x", "y"])], "id int, who struct<name:string,country:string>, tags array<string>")
    tables = job.run(df)
    assert sorted(tables) == ["root", "root_tags"]
    root = tables["root"]
    assert root.columns == ["id", "who.name", "who.country", "tags"]
    key = root.first()["tags"]
    assert rows(tables["root_tags"], ["index"]) == [(key, 0, "x"), (key, 1, "y")]
    assert tables["root_tags"].columns == ["id", "index", "tags.val"]


def test_union_by_name_fills_missing(spark, helpers_on_path):
    job = load("""
        def run(a, b):
            return Union.apply(frame1=a, frame2=b)
    """, helpers_on_path)
    a = spark.createDataFrame([(1, "x")], "id int, name string")
    b = spark.createDataFrame([(2,)], "id int")
    assert rows(job.run(a, b), ["id"]) == [(1, "x"), (2, None)]


def test_split_rows_complement_keeps_nulls(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return SplitRows.apply(frame=frame, comparison_dict={"age": {">": 21}}, name1="adults", name2="rest")
    """, helpers_on_path)
    df = spark.createDataFrame([(1, 30), (2, 10), (3, None)], "id int, age int")
    parts = job.run(df)
    assert rows(parts["adults"], ["id"]) == [(1, 30)]
    assert rows(parts["rest"], ["id"]) == [(2, 10), (3, None)]


def test_s3_write_appends_twice(spark, helpers_on_path, tmp_path):
    out = tmp_path / "out"
    job = load("""
        def run(glueContext, frame):
            glueContext.write_dynamic_frame.from_options(
                frame=frame, connection_type="s3",
                connection_options={"path": "s3://bucket/out/", "partitionKeys": ["day"]}, format="parquet",
            )
    """, helpers_on_path)
    code = job.code.replace("s3://bucket/out/", str(out))  # path_map would do this in a project
    namespace: dict = {}
    exec(compile(code, "converted_job.py", "exec"), namespace)
    df = spark.createDataFrame([(1, "d1"), (2, "d2")], "id int, day string")
    namespace["run"](None, df)
    namespace["run"](None, df)
    assert spark.read.parquet(str(out)).count() == 4
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["day=d1", "day=d2"]


def test_resolved_options_reads_name_value_arguments(helpers_on_path):
    job = load("""
        import sys

        def params(argv):
            return getResolvedOptions(argv, ["JOB_NAME", "source_path", "limit"])
    """, helpers_on_path)
    args = job.params(["job.py", "--source_path", "s3://x/", "--limit=5", "--extra", "ignored"])
    assert args["source_path"] == "s3://x/" and args["limit"] == "5"
    assert args["JOB_NAME"] == "job"  # reserved Glue argument filled in locally
    with pytest.raises(Exception, match="limit") as missing:  # --limit missing, as Glue would refuse
        job.params(["job.py", "--source_path", "s3://x/"])
    assert type(missing.value).__name__ == "JobArgumentError"  # an exception, as GlueArgumentError was


def test_optional_argument_caught_like_glue_argument_error(helpers_on_path):
    """``except GlueArgumentError`` around an optional argument: the converted job still falls back."""
    job = load("""
        import sys
        from awsglue.utils import GlueArgumentError

        def run_date(argv):
            try:
                return getResolvedOptions(argv, ["run_date"])["run_date"]
            except GlueArgumentError:
                return "yesterday"

        def bucket(argv):
            try:
                return getResolvedOptions(argv, ["bucket"])["bucket"]
            except Exception:  # the argument is optional
                return "default-bucket"
    """, helpers_on_path)
    assert job.run_date(["job.py", "--run_date", "2024-05-01"]) == "2024-05-01"
    assert job.run_date(["job.py"]) == "yesterday"
    assert job.bucket(["job.py"]) == "default-bucket"


def test_reserved_names_in_a_list_built_at_run_time_are_not_required(helpers_on_path):
    job = load("""
        import sys

        NAMES = ["JOB_NAME", "target"]

        def params(argv):
            return getResolvedOptions(argv, NAMES)
    """, helpers_on_path)
    args = job.params(["nightly.py", "--target", "t1"])  # no --JOB_NAME, as on Databricks
    assert args["JOB_NAME"] == "nightly" and args["target"] == "t1"
    assert job.params(["nightly.py", "--JOB_NAME", "n2", "--target", "t1"])["JOB_NAME"] == "n2"


ANSI_JOB = """
from awsglue.context import GlueContext
from pyspark.context import SparkContext
from pyspark.sql import functions as F


def run(rows):
    glueContext = GlueContext(SparkContext.getOrCreate())
    spark = glueContext.spark_session
    df = spark.createDataFrame(rows, "a int, b int, s string")
    df.createOrReplaceTempView("g2l_ansi_t")
    in_sql = spark.sql("SELECT a / b AS q, CAST(s AS INT) AS n, a % b AS m FROM g2l_ansi_t")
    in_columns = df.select((F.col("a") / F.col("b")).alias("q"), F.col("s").cast("int").alias("n"))
    return [tuple(r) for r in in_sql.collect()], [tuple(r) for r in in_columns.collect()]
"""


def test_ansi_off_like_glue_division_by_zero_and_bad_cast_give_null(spark):
    """The shared session has ANSI on (as Databricks): the same SQL raises there until the converted job
    switches ANSI off for its session. Sail honours the setting for division, modulo and string casts."""
    result = convert_source(ANSI_JOB, "ansi_job.py", ConvertOptions())
    assert 'spark.conf.set("spark.sql.ansi.enabled", "false")' in result.code
    assert any(d.rule == "AnsiModeOff" for d in result.decisions)
    namespace: dict = {}
    exec(compile(result.code, "ansi_job.py", "exec"), namespace)
    with pytest.raises(Exception, match="(?i)divide by zero|division"):
        spark.sql("SELECT 1 / 0 AS q").collect()  # ANSI on: what unconverted Glue code would hit
    try:
        in_sql, in_columns = namespace["run"]([(1, 0, "x")])
        assert spark.conf.get("spark.sql.ansi.enabled") == "false"  # the job ran on this session
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "true")
    assert in_sql == [(None, None, None)]
    assert in_columns == [(None, None)]


def test_unbox_json_string_column(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return Unbox.apply(frame=frame, path="payload", format="json")
    """, helpers_on_path)
    assert "g2l_helpers.parse_string_column(frame" in job.code
    df = spark.createDataFrame([(1, '{"qty": 3, "side": "B"}'), (2, '{"qty": 5, "side": "S"}')],
                               "id int, payload string")
    out = job.run(df)
    assert rows(out.select("id", "payload.qty", "payload.side"), ["id"]) == [(1, 3, "B"), (2, 5, "S")]


def test_map_records_runs_function_per_record(spark, helpers_on_path):
    job = load("""
        def run(frame):
            return Map.apply(frame=frame, f=lambda r: {"id": r["id"], "double": r["v"] * 2})
    """, helpers_on_path)
    assert "g2l_helpers.map_records(frame" in job.code
    df = spark.createDataFrame([(1, 10), (2, 21)], "id long, v long")
    out = job.run(df)
    assert sorted(out.columns) == ["double", "id"]
    assert sorted(tuple(r[c] for c in ("id", "double")) for r in out.collect()) == [(1, 20), (2, 42)]


def test_merge_frames_staged_rows_replace_matching_keys(spark, helpers_on_path):
    job = load("""
        def run(frame, stage):
            return frame.mergeDynamicFrame(stage, ["id"])
    """, helpers_on_path)
    base = spark.createDataFrame([(1, "old"), (2, "keep")], "id int, v string")
    stage = spark.createDataFrame([(1, "new"), (3, "added")], "id int, v string")
    assert rows(job.run(base, stage), ["id"]) == [(1, "new"), (2, "keep"), (3, "added")]


def test_purge_s3_path_removes_local_path(helpers_on_path, tmp_path):
    job = load("""
        def run(glueContext, path):
            glueContext.purge_s3_path(path, {"retentionPeriod": 0})
    """, helpers_on_path)
    folder = tmp_path / "stale"
    (folder / "part=1").mkdir(parents=True)
    (folder / "part=1" / "a.parquet").write_bytes(b"x")
    job.run(None, str(folder))
    assert not folder.exists()
    job.run(None, str(folder))  # nothing left to remove: no error


@pytest.fixture
def delta_schema(spark, tmp_path):
    """A schema of Delta tables kept under tmp_path, registered on the Sail session by location."""
    schema = f"g2l_conv_{tmp_path.name.replace('-', '_')[-20:]}"
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS main.{schema}")

    def table(name: str, ddl: str) -> str:
        location = tmp_path / name
        spark.createDataFrame([], ddl).write.format("delta").save(str(location))
        spark.sql(f"CREATE TABLE main.{schema}.{name} USING DELTA LOCATION '{location.as_posix()}'")
        return f"main.{schema}.{name}"

    yield schema, table
    for row in spark.sql(f"SHOW TABLES IN main.{schema}").collect():
        spark.sql(f"DROP TABLE IF EXISTS main.{schema}.{row['tableName']}")


def test_catalog_write_appends_to_delta_table(spark, helpers_on_path, delta_schema):
    schema, table = delta_schema
    name = table("positions", "id int, qty long")
    job = load(f"""
        def run(glueContext, frame):
            glueContext.write_dynamic_frame.from_catalog(frame=frame, database="{schema}", table_name="positions")
    """, helpers_on_path)
    assert f'frame.write.mode("append").saveAsTable("{name}")' in job.code
    df = spark.createDataFrame([(1, 10), (2, 20)], "id int, qty long")
    job.run(None, df)
    job.run(None, df)  # Glue appends: a second run doubles the rows, it does not replace them
    assert rows(spark.read.table(name), ["id", "qty"]) == [(1, 10), (1, 10), (2, 20), (2, 20)]


def test_match_catalog_casts_to_table_types(spark, helpers_on_path, delta_schema):
    schema, table = delta_schema
    table("target", "id long, amount double")
    job = load(f"""
        def run(frame):
            return ResolveChoice.apply(frame=frame, choice="match_catalog", database="{schema}", table_name="target")
    """, helpers_on_path)
    assert "g2l_helpers.match_catalog(frame" in job.code
    df = spark.createDataFrame([("1", "2.5", "a"), ("x", "n/a", "b")], "id string, amount string, note string")
    out = job.run(df)
    assert [(f.name, f.dataType.simpleString()) for f in out.schema.fields] == [
        ("id", "bigint"), ("amount", "double"), ("note", "string")]
    assert rows(out, ["note"]) == [(1, 2.5, "a"), (None, None, "b")]  # NULL where the value does not fit


def test_json_path_records_explodes_the_selected_array(spark, helpers_on_path, tmp_path):
    feed = tmp_path / "fx.json"
    # one line: pysail cannot read multi-line JSON documents yet (Spark and Databricks can)
    feed.write_text('{"as_of": "2024-03-28", "rates": [{"ccy": "EUR", "rate": 1.08}, {"ccy": "USD", "rate": 1}]}\n')
    job = load(f"""
        def run(glue_context, json_path):
            return glue_context.create_dynamic_frame.from_options(
                connection_type="s3", connection_options={{"paths": ["{feed}"]}}, format="json",
                format_options={{"jsonPath": json_path, "multiline": True}},
            )
    """, helpers_on_path)
    assert "g2l_helpers.json_path_records(" in job.code
    out = job.run(spark, "$.rates[*]")
    assert sorted(out.columns) == ["ccy", "rate"]
    assert rows(out.select("ccy", "rate"), ["ccy"]) == [("EUR", 1.08), ("USD", 1.0)]
    assert job.run(spark, "$").columns == ["as_of", "rates"]
    with pytest.raises(ValueError, match=r"jsonPath '\$\.\.rate': only"):
        job.run(spark, "$..rate")


def test_format_and_options_known_at_run_time(spark, helpers_on_path, tmp_path):
    """A library writer and reader taking Glue's format name and format_options as arguments: the helper maps
    them when the job runs (glueparquet -> parquet, separator -> sep, withHeader -> header)."""
    job = load("""
        def save(glue_context, frame, path, fmt, **format_options):
            glue_context.write_dynamic_frame.from_options(
                frame=frame, connection_type="s3", connection_options={"path": path}, format=fmt,
                format_options=format_options,
            )

        def load_back(glue_context, path, fmt, options):
            return glue_context.create_dynamic_frame.from_options(
                connection_type="s3", connection_options={"paths": [path]}, format=fmt, format_options=options,
            ).toDF()
    """, helpers_on_path)
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, value string")
    job.save(spark, df, str(tmp_path / "p"), "glueparquet")
    assert rows(job.load_back(spark, str(tmp_path / "p"), "parquet", {}), ["id"]) == [(1, "a"), (2, "b")]
    job.save(spark, df, str(tmp_path / "c"), "csv", separator="|")
    text = "".join(f.read_text() for f in (tmp_path / "c").glob("*.csv"))
    assert text.splitlines()[0] == "id|value"  # Glue's CSV header line, with the mapped separator
    back = job.load_back(spark, str(tmp_path / "c"), "csv", {"withHeader": True, "separator": "|"})
    assert sorted(back.columns) == ["id", "value"] and back.count() == 2


def test_sql_context_methods_of_the_glue_context(spark, helpers_on_path):
    """setConf/getConf/registerDataFrameAsTable/tableNames, which SparkSession lacks, run on the session."""
    job = load("""
        def run(glueContext, df):
            glueContext.setConf("spark.sql.shuffle.partitions", "3")
            glueContext.registerDataFrameAsTable(df, "g2l_items")
            count = glueContext.sql("SELECT count(*) FROM g2l_items").collect()[0][0]
            return glueContext.getConf("spark.sql.shuffle.partitions"), count, glueContext.tableNames()
    """, helpers_on_path)
    partitions, count, names = job.run(spark, spark.createDataFrame([(1,), (2,)], "id int"))
    assert (partitions, count) == ("3", 2)
    assert "g2l_items" in names
