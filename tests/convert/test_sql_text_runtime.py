"""Converted ``spark.sql`` text runs on a real Spark Connect session (pysail) against Delta tables under their
Unity Catalog names: the Glue job's two-part names (``sales.orders``) would not resolve there."""

from __future__ import annotations

import textwrap

import pytest

from g2l_core.convert import ConvertOptions, convert_source

JOB = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
    spark = glueContext.spark_session


    def run(dt):
        spark.sql(f"""
            INSERT INTO reporting.daily_totals   -- appended each run
            SELECT dt, SUM(amount) AS total
            FROM Sales.Orders
            WHERE dt = '{dt}'
            GROUP BY dt
        """)
        return spark.sql("SELECT * FROM reporting.daily_totals ORDER BY dt")
    ''')


@pytest.fixture
def warehouse(spark, tmp_path):
    """Delta tables ``main.<sales schema>.orders`` and ``main.reporting.daily_totals``; the options whose
    schema_map points Glue's ``sales`` database at the sales schema."""
    schema = f"g2l_sql_{tmp_path.name.replace('-', '_')[-20:]}"
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS main.{schema}")
    spark.sql("CREATE SCHEMA IF NOT EXISTS main.reporting")
    spark.sql(f"CREATE TABLE main.{schema}.orders (id int, dt string, amount int) USING DELTA "
              f"LOCATION '{(tmp_path / 'orders').as_posix()}'")
    spark.sql("CREATE TABLE main.reporting.daily_totals (dt string, total bigint) USING DELTA "
              f"LOCATION '{(tmp_path / 'daily').as_posix()}'")
    spark.createDataFrame([(1, "2024-01-01", 5), (2, "2024-01-01", 7), (3, "2024-01-02", 1)],
                          "id int, dt string, amount int").write.mode("append").saveAsTable(f"main.{schema}.orders")
    yield ConvertOptions(schema_map={"sales": schema})
    spark.sql(f"DROP TABLE IF EXISTS main.{schema}.orders")
    spark.sql("DROP TABLE IF EXISTS main.reporting.daily_totals")


def test_converted_sql_reads_and_writes_the_unity_catalog_tables(spark, warehouse):
    result = convert_source(JOB, "job.py", warehouse)
    schema = warehouse.schema_map["sales"]
    assert f"FROM main.{schema}.orders\n" in result.code and "INSERT INTO main.reporting.daily_totals   --" in result.code
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    namespace["run"]("2024-01-01")
    out = namespace["run"]("2024-01-02")
    assert [tuple(r) for r in out.collect()] == [("2024-01-01", 12), ("2024-01-02", 1)]
    with pytest.raises(Exception, match="(?i)sales|not found|cannot be found"):  # the Glue names do not resolve
        spark.sql("SELECT * FROM sales.orders").collect()
