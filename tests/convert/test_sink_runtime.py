"""A getSink variable used beyond its set-up and write (returned by a function, kept in a list) becomes
``g2l_helpers.FrameSink``; the converted code runs on a real Spark Connect session (pysail) and appends
where Glue's sink appends: a Delta catalog table by its Unity Catalog name, files at the path."""

from __future__ import annotations

import importlib
import sys
import textwrap

import pytest

from g2l_core.convert import ConvertOptions, convert_source, helper_module_source

@pytest.fixture
def curated(spark, tmp_path):
    """A Delta table ``main.<schema>.orders`` (partitioned by dt) and the options whose schema_map points Glue's
    ``Sales-Curated`` database at its schema; the helper module written with them, on sys.path."""
    schema = f"g2l_sink_{tmp_path.name.replace('-', '_')[-20:]}"
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS main.{schema}")
    spark.sql(f"CREATE TABLE main.{schema}.orders (id int, dt string) USING DELTA PARTITIONED BY (dt) "
              f"LOCATION '{(tmp_path / 'orders').as_posix()}'")
    options = ConvertOptions(schema_map={"Sales-Curated": schema})
    (tmp_path / "g2l_helpers.py").write_text(helper_module_source(options))
    sys.path.insert(0, str(tmp_path))
    sys.modules.pop("g2l_helpers", None)  # one another test imported has another schema_map
    importlib.invalidate_caches()
    yield schema, options
    sys.path.remove(str(tmp_path))
    sys.modules.pop("g2l_helpers", None)
    spark.sql(f"DROP TABLE IF EXISTS main.{schema}.orders")


JOB = textwrap.dedent("""\
    from awsglue.context import GlueContext


    def curated_sink(glueContext, table):
        sink = glueContext.getSink(connection_type="s3", path="s3://lake/curated/" + table + "/",
                                   enableUpdateCatalog=True, partitionKeys=["dt"])
        sink.setFormat("glueparquet")
        sink.setCatalogInfo(catalogDatabase="Sales-Curated", catalogTableName=table)
        return sink


    def run(glueContext, frame, out_path):
        curated_sink(glueContext, "orders").writeFrame(frame)
        files = glueContext.getSink(connection_type="s3", path=out_path)
        files.setFormat("csv", separator="|")
        files.writeFrame(frame)
        return [files]
    """)


def test_a_returned_sink_writes_like_glue(spark, curated, tmp_path):
    schema, options = curated
    result = convert_source(JOB, "job.py", options)
    assert "sink = g2l_helpers.FrameSink(spark, connection_type=" in result.code
    assert "curated_sink(spark, \"orders\").write_frame(frame)" in result.code
    assert "REVIEW" not in result.code and "g2l: review" not in result.code
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    df = spark.createDataFrame([(1, "2024-01-01"), (2, "2024-01-02")], "id int, dt string")
    kept = namespace["run"](spark, df, str(tmp_path / "out"))
    namespace["run"](spark, df, str(tmp_path / "out"))  # Glue appends: twice the rows
    table = spark.read.table(f"main.{schema}.orders")
    assert sorted(tuple(r) for r in table.collect()) == [(1, "2024-01-01")] * 2 + [(2, "2024-01-02")] * 2
    lines = spark.read.text(str(tmp_path / "out")).collect()
    assert sorted(r.value for r in lines) == ["1|2024-01-01"] * 2 + ["2|2024-01-02"] * 2 + ["id|dt"] * 2
    assert type(kept[0]).__name__ == "FrameSink" and kept[0].format == "csv"


def test_data_sink_refuses_what_it_cannot_write(spark, curated):
    helpers = importlib.import_module("g2l_helpers")
    with pytest.raises(ValueError, match="connection_type='kafka'"):
        helpers.FrameSink(spark, connection_type="kafka", topic="t")
    sink = helpers.FrameSink(spark, "s3", path="s3://x/")
    with pytest.raises(ValueError, match="options without a Spark equivalent: rowTag"):
        sink.set_format("xml", rowTag="r")
    sink.setFormat("ion")  # Glue's names work too
    with pytest.raises(ValueError, match="needs a path and a known format"):
        sink.writeFrame(spark.createDataFrame([(1,)], "id int"))


LIBRARY = textwrap.dedent("""\
    def read_table(glue_context, database, table):
        return glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table).toDF()


    def append_table(glue_context, frame, database, table):
        glue_context.write_dynamic_frame.from_catalog(frame=frame, database=database, table_name=table)
    """)


def test_a_database_named_at_run_time_reads_the_schema_schema_map_names(spark, curated):
    """A library function given the Glue database by its job (``--source_database claims_raw``) reads and writes
    the schema ``schema_map`` maps it to, where ``uc_ddl`` created the table (it used to name the Glue database)."""
    schema, options = curated
    result = convert_source(LIBRARY, "pkg/io.py", options)
    assert result.code.count("g2l_helpers.uc_table_name(database, table)") == 2, result.code
    assert {d.action for d in result.decisions if "catalog" in d.api.lower()} == {"converted_with_helper"}
    namespace: dict = {}
    exec(compile(result.code, "converted_io.py", "exec"), namespace)
    df = spark.createDataFrame([(7, "2024-03-01")], "id int, dt string")
    namespace["append_table"](spark, df, "sales-curated", "Orders")
    read = namespace["read_table"](spark, "Sales-Curated", "orders")
    assert [tuple(r) for r in read.collect()] == [(7, "2024-03-01")]
