"""Shapes seen in public Glue code: purges that keep nothing (``retentionPeriod`` 0) and Glue types in
string annotations of ``TYPE_CHECKING`` library code. Before -> after, decisions, and what stays flagged."""

from __future__ import annotations

import textwrap

import pytest

from benchmarks.corpus_report import undefined_names
from g2l_core.convert import ConvertOptions, convert_source, glue_residue

SETUP = """\
from awsglue.context import GlueContext
from pyspark.context import SparkContext

glueContext = GlueContext(SparkContext.getOrCreate())
"""


def convert(body: str, setup: str = SETUP):
    result = convert_source(setup + textwrap.dedent(body), "job.py", ConvertOptions())
    assert result.error is None
    return result


@pytest.mark.parametrize(("glue", "databricks", "action"), [
    ('glueContext.purge_s3_path("s3://lake/snap/", options={"retentionPeriod": 0})\n',
     'g2l_helpers.remove_path("s3://lake/snap/")\n', "converted"),
    ('glueContext.purge_s3_path("s3://lake/snap/", {"retentionPeriod": "0"})\n',
     'g2l_helpers.remove_path("s3://lake/snap/")\n', "converted"),
    ('glueContext.purge_table("sales", "orders", {"retentionPeriod": 0, "partitionPredicate": "day = 1"})\n',
     'spark.sql("DELETE FROM main.sales.orders WHERE day = 1")\n', "converted"),
    # files newer than the period survive a Glue purge: still flagged
    ('glueContext.purge_s3_path("s3://lake/snap/", options={"retentionPeriod": 1})\n',
     '# g2l: review: removes everything under the path (dbutils.fs.rm on Databricks); Glue kept files newer than '
     'retentionPeriod\ng2l_helpers.remove_path("s3://lake/snap/")\n', "flagged"),
    ('glueContext.purge_s3_path("s3://lake/snap/")\n',
     '# g2l: review: removes everything under the path (dbutils.fs.rm on Databricks); Glue kept files newer than '
     'retentionPeriod\ng2l_helpers.remove_path("s3://lake/snap/")\n', "flagged"),
    # a manifest of the purged files is Glue's alone: flagged
    ('glueContext.purge_s3_path("s3://lake/snap/", {"retentionPeriod": 0, "manifestFilePath": "s3://m/"})\n',
     '# g2l: review: removes everything under the path (dbutils.fs.rm on Databricks); Glue kept files newer than '
     'retentionPeriod\ng2l_helpers.remove_path("s3://lake/snap/")\n', "flagged"),
])
def test_purge_without_retention(glue, databricks, action):
    result = convert(glue)
    assert result.code.endswith('spark.conf.set("spark.sql.ansi.enabled", "false")\n' + databricks)
    assert result.decisions[-1].api.startswith("GlueContext.purge_")
    assert result.decisions[-1].action == action


TYPE_CHECKED = """\
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
"""


def test_string_annotations_follow_the_type_renames():
    result = convert('''
        class Loader:
            def __init__(self, glue_context: "GlueContext") -> None:
                self.glue_context = glue_context

            def load(self, database: str, table: str) -> Optional["DynamicFrame"]:
                return self.glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table)

            def split(self, frames: "DynamicFrameCollection", name: 'GlueContext') -> "dict[str, DynamicFrame]":
                return frames
    ''', setup=TYPE_CHECKED)
    assert result.code == textwrap.dedent('''\
        from __future__ import annotations

        from typing import TYPE_CHECKING, Optional
        from pyspark.sql import DataFrame
        from pyspark.sql import SparkSession

        if TYPE_CHECKING:
            pass

        class Loader:
            def __init__(self, spark: "SparkSession") -> None:
                self.spark = spark

            def load(self, database: str, table: str) -> Optional["DataFrame"]:
                return self.spark.read.table(f"main.`{database}`.`{table}`")

            def split(self, frames: "dict", name: 'SparkSession') -> "dict[str, DataFrame]":
                return frames
    ''')
    assert undefined_names(result.code, "job.py") == set()
    assert glue_residue(result.code) == []
    assert convert_source(result.code, "job.py", ConvertOptions()).code == result.code


def test_strings_that_are_not_annotations_stay():
    result = convert('''
        def describe(frame: "DynamicFrame") -> str:
            return "a DynamicFrame read through the GlueContext"
    ''', setup=TYPE_CHECKED)
    assert 'def describe(frame: "DataFrame") -> str:' in result.code
    assert 'return "a DynamicFrame read through the GlueContext"' in result.code


def test_a_name_that_is_not_glues_is_left_alone():
    result = convert('''
        from mylib import DynamicFrame as DynamicFrame2

        def load(glue_context: "GlueContext") -> "DynamicFrame2":
            return glue_context.create_dynamic_frame.from_catalog(database="d", table_name="t")
    ''', setup=TYPE_CHECKED)
    assert 'def load(spark: "SparkSession") -> "DynamicFrame2":' in result.code


def test_unnest_ddb_json_is_converted_and_flagged():
    result = convert('''
        from awsglue.dynamicframe import DynamicFrame

        def process_batch(data_frame, batch_id):
            dyf = DynamicFrame.fromDF(data_frame.selectExpr("dynamodb.NewImage"), glueContext, "dyf")
            return dyf.unnest_ddb_json().toDF()
    ''')
    assert "    return g2l_helpers.unmarshal_dynamodb(dyf, dyf.columns[0])\n" in result.code
    assert "# g2l: review: DynamoDB JSON of the frame's first column" in result.code
    assert [(d.api, d.action) for d in result.decisions if "ddb" in d.api] == [
        ("DynamicFrame.unnest_ddb_json", "flagged")]
    assert glue_residue(result.code) == []


def test_simplify_ddb_json_goes_through_the_helper():
    result = convert('''
        image = glueContext.create_dynamic_frame.from_catalog(database="d", table_name="t")
        plain = image.simplify_ddb_json().toDF()
    ''')
    assert "plain = g2l_helpers.simplify_dynamodb(image)\n" in result.code
    assert [(d.api, d.action) for d in result.decisions if "ddb" in d.api] == [
        ("DynamicFrame.simplify_ddb_json", "converted_with_helper")]
    assert glue_residue(result.code) == []


def test_unnest_ddb_json_of_an_expression_stays_flagged():
    result = convert('''
        dyf = glueContext.create_dynamic_frame.from_catalog(database="d", table_name="t")
        flat = dyf.repartition(2).unnest_ddb_json()
    ''')
    assert "flat = dyf.repartition(2).unnest_ddb_json()" in result.code
    assert result.decisions[-1].action == "flagged"


def test_unnested_stream_image_runs(spark, tmp_path, monkeypatch):
    """Run on Spark (no module-level GlueContext, so the shared session's settings stay as they are)."""
    import sys

    from g2l_core.convert import helper_module_source

    (tmp_path / "g2l_helpers.py").write_text(helper_module_source(ConvertOptions()))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "g2l_helpers", raising=False)
    code = convert('''
        from awsglue.dynamicframe import DynamicFrame

        def flatten(glueContext, data_frame):
            dyf = DynamicFrame.fromDF(data_frame.selectExpr("dynamodb.NewImage"), glueContext, "dyf")
            return dyf.unnest_ddb_json().toDF()
    ''', setup="").code
    assert "spark.conf.set" not in code
    namespace: dict = {}
    exec(compile(code, "converted.py", "exec"), namespace)
    image = spark.createDataFrame(
        [(((("a1",), ("7",)),),)], "dynamodb struct<NewImage: struct<PK: struct<S: string>, qty: struct<N: string>>>")
    out = namespace["flatten"](None, image)
    assert out.columns == ["PK", "qty"]
    assert [tuple(r) for r in out.collect()] == [("a1", 7)]


def test_compression_next_to_the_path_is_a_writer_option():
    """Glue Studio's S3 targets put ``compression`` in connection_options, not format_options."""
    result = convert('''
        dyf = glueContext.create_dynamic_frame.from_catalog(database="d", table_name="t")
        glueContext.write_dynamic_frame.from_options(frame=dyf, connection_type="s3", format="json",
            connection_options={"path": "s3://out/", "compression": "gzip", "partitionKeys": []})
        glueContext.write_dynamic_frame.from_options(frame=dyf, connection_type="s3", format="json",
            connection_options={"path": "s3://out2/", "compression": "gzip"}, format_options={"compression": "bzip2"})
    ''')
    assert 'dyf.write.format("json").mode("append").option("compression", "gzip").save("s3://out/")' in result.code
    assert 'dyf.write.format("json").mode("append").option("compression", "bzip2").save("s3://out2/")' in result.code
    assert [d.action for d in result.decisions][-2:] == ["converted", "converted"]
