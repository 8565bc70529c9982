"""Backtick-quoted Glue paths (Glue Studio's ``` `(right) key` ``` join renames) and S3 reads with a
push-down predicate: before -> after, the path splitting itself, and the converted code run on Spark."""

from __future__ import annotations

import sys
import textwrap
import types

import pytest

import libcst as cst

from g2l_core.convert import ConvertOptions, convert_source, helper_module_source
from g2l_core.convert.reads import without_recursive_lookup
from g2l_core.convert.transforms import path_parts, spark_path

HEADER = """\
import sys
from awsglue.transforms import *
from awsglue.context import GlueContext
from pyspark.context import SparkContext

glueContext = GlueContext(SparkContext.getOrCreate())
"""
SPARK = """\
import sys
from pyspark.sql import SparkSession{extra}

spark = SparkSession.builder.getOrCreate()
# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
spark.conf.set("spark.sql.ansi.enabled", "false")
"""


def convert(body: str):
    result = convert_source(HEADER + textwrap.dedent(body), "job.py", ConvertOptions())
    assert result.error is None
    return result


@pytest.mark.parametrize(("path", "parts", "spark"), [
    ("serialNumber", ["serialNumber"], "serialNumber"),
    ("`(right) serialNumber`", ["(right) serialNumber"], "`(right) serialNumber`"),
    ("`a.b`", ["a.b"], "`a.b`"),
    ("order.`ship-to`.zip", ["order", "ship-to", "zip"], "order.`ship-to`.zip"),
    ("`.serialnumber`", [".serialnumber"], "`.serialnumber`"),
    ("`it``s`", ["it`s"], "`it``s`"),
])
def test_path_parts(path, parts, spark):
    assert path_parts(path) == parts
    assert spark_path(parts) == spark


def test_unclosed_backtick_is_an_error():
    with pytest.raises(ValueError, match="unclosed backtick in Glue path '`a.b'"):
        path_parts("`a.b")


CASES = [
    pytest.param(
        '''\
        renamed = ApplyMapping.apply(frame=dyf, mappings=[
            ("serialNumber", "string", "`(right) serialNumber`", "string"),
            ("`(right) id`", "long", "id", "long"),
            ("ts", "long", "ts", "bigint"),
            ("name", "string", "name", "string"),
        ], transformation_ctx="renamed")
        ''',
        '''\
        renamed = dyf.select(
            F.col("serialNumber").alias("(right) serialNumber"),
            F.col("`(right) id`").alias("id"),
            F.col("ts").try_cast("bigint").alias("ts"),
            F.col("name"),
        )
        ''',
        "ApplyMapping", id="apply_mapping_targets_lose_their_quotes",
    ),
    pytest.param(
        '''\
        dropped = DropFields.apply(frame=dyf, paths=["`(right) serialNumber`", "email", "address.`zip-code`"])
        ''',
        '''\
        dropped = (
            dyf.drop("(right) serialNumber", "email")
            .withColumn("address", F.col("address").dropFields("`zip-code`"))
        )
        ''',
        "DropFields", id="drop_fields_quoted_and_nested",
    ),
    pytest.param(
        '''\
        kept = SelectFields.apply(frame=dyf, paths=["`(right) email`", "id"])
        ''',
        '''\
        kept = dyf.select("`(right) email`", "id")
        ''',
        "SelectFields", id="select_fields_keeps_spark_quotes",
    ),
    pytest.param(
        '''\
        renamed = dyf.rename_field("`a.b`", "ab")
        ''',
        '''\
        renamed = dyf.withColumnRenamed("a.b", "ab")
        ''',
        "DynamicFrame.rename_field", id="rename_field_quoted",
    ),
]


@pytest.mark.parametrize(("glue", "databricks", "api"), CASES)
def test_quoted_paths_convert(glue, databricks, api):
    result = convert('dyf = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t")\n'
                     + textwrap.dedent(glue))
    expected = SPARK.format(extra="\nfrom pyspark.sql import functions as F" if "F." in databricks else "")
    expected += 'dyf = spark.read.table("main.db.t")\n' + textwrap.dedent(databricks)
    assert result.code == expected
    assert [d.api for d in result.decisions][-1] == api
    assert result.decisions[-1].action == "converted"
    assert convert_source(result.code, "job.py", ConvertOptions()).code == result.code  # idempotent


def test_plain_paths_stay_with_the_general_rules():
    result = convert('''\
        dyf = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t")
        out = DropFields.apply(frame=dyf, paths=["email", "address.zip"])
    ''')
    assert [d.rule for d in result.decisions][-1] == "DropFieldsRule"


def test_nested_quoted_target_goes_to_the_helper():
    result = convert('''\
        dyf = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t")
        out = ApplyMapping.apply(frame=dyf, mappings=[("a", "int", "n.`m.k`", "int")])
    ''')
    assert "g2l_helpers.map_columns(dyf" in result.code
    assert result.decisions[-1].action == "converted_with_helper"


def test_s3_read_keeps_push_down_predicate_and_drops_recursive_lookup():
    result = convert('''\
        pred = "region = 'ca' OR region = 'gb'"
        raw = glueContext.create_dynamic_frame.from_options(
            format_options={"withHeader": True}, connection_type="s3", format="csv",
            connection_options={"paths": ["s3://raw/stats/"], "recurse": True},
            transformation_ctx="raw", push_down_predicate=pred)
        other = glueContext.create_dynamic_frame.from_options(
            connection_type="s3", format="json", connection_options={"paths": ["s3://raw/x/"]},
            push_down_predicate="")
    ''')
    assert '.load("s3://raw/stats/").where(pred)' in result.code
    assert "recursiveFileLookup" not in result.code
    assert 'other = spark.read.format("json").load("s3://raw/x/")' in result.code  # empty: no filter
    predicate = [d for d in result.decisions if d.api.endswith("push_down_predicate")]
    assert [(d.line, d.action) for d in predicate] == [(8, "converted")]
    assert "recursiveFileLookup dropped" in predicate[0].message


def test_run_time_predicate_goes_through_the_helper():
    result = convert('''\
        raw = glueContext.create_dynamic_frame.from_options("s3", {"paths": ["s3://raw/"]}, "parquet",
                                                             push_down_predicate=sys.argv[1])
    ''')
    assert 'g2l_helpers.where_predicate(spark.read.format("parquet").load("s3://raw/"), sys.argv[1])' in result.code


def test_without_recursive_lookup_leaves_other_options():
    node = cst.parse_expression('spark.read.option("recursiveFileLookup", True).option("header", True).load(p)')
    out, found = without_recursive_lookup(node)
    assert found and cst.Module([]).code_for_node(out) == 'spark.read.option("header", True).load(p)'
    same, found = without_recursive_lookup(cst.parse_expression("spark.read.load(p)"))
    assert not found


@pytest.fixture
def helpers_on_path(tmp_path, monkeypatch):
    """The helper module importable, as it is next to converted jobs."""
    (tmp_path / "g2l_helpers.py").write_text(helper_module_source(ConvertOptions()))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "g2l_helpers", raising=False)


def test_studio_right_join_runs(spark, helpers_on_path):
    """Glue Studio's join of two frames sharing a key name, converted and run."""
    code = convert_source(textwrap.dedent('''\
        from awsglue.transforms import *

        def run(glueContext, left, right):
            renamed = ApplyMapping.apply(frame=right, mappings=[
                ("serialNumber", "string", "`(right) serialNumber`", "string"),
                ("distance", "int", "distance", "int"),
            ])
            joined = Join.apply(frame1=left, frame2=renamed, keys1=["serialNumber"],
                                keys2=["`(right) serialNumber`"])
            dropped = DropFields.apply(frame=joined, paths=["`(right) serialNumber`"])
            return RenameField.apply(frame=dropped, old_name="distance", new_name="`dist.m`")
    '''), "job.py", ConvertOptions()).code
    namespace: dict = {}
    exec(compile(code, "converted_job.py", "exec"), namespace)
    job = types.SimpleNamespace(**namespace)
    left = spark.createDataFrame([("s1", "ada"), ("s2", "bob")], "serialNumber string, name string")
    right = spark.createDataFrame([("s1", 5), ("s3", 7)], "serialNumber string, distance int")
    out = job.run(None, left, right)
    assert out.columns == ["serialNumber", "name", "dist.m"]
    assert [tuple(r) for r in out.collect()] == [("s1", "ada", 5)]


def test_helpers_read_quoted_parts(spark, helpers_on_path):
    import g2l_helpers

    df = spark.createDataFrame([(1, 2, (3, 4))], "a int, `x.y` int, st struct<p:int, `q.r`:int>")
    assert g2l_helpers.drop_columns(df, ["`x.y`", "st.`q.r`"]).schema.simpleString() == "struct<a:int,st:struct<p:int>>"
    assert g2l_helpers.select_columns(df, ["`x.y`"]).columns == ["x.y"]
    assert g2l_helpers.rename_column(df, "st.`q.r`", "qr").schema.simpleString() == (
        "struct<a:int,x.y:int,st:struct<p:int,qr:int>>")
    mapped = g2l_helpers.map_columns(df, [("`x.y`", "int", "`(right) x`", "long"), ("a", "int", "n.`m.k`", "int")])
    assert mapped.schema.simpleString() == "struct<(right) x:bigint,n:struct<m.k:int>>"
    cast = g2l_helpers.resolve_choice(df, [("`x.y`", "cast:string"), ("st.`q.r`", "cast:long")])
    assert cast.schema.simpleString() == "struct<a:int,x.y:string,st:struct<p:int,q.r:bigint>>"
