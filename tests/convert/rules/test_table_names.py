"""Before -> after for ``g2l_core.convert.table_names``: two-level names in Spark's own table calls become the
Unity Catalog names uc_ddl creates (options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            daily = spark.table("sales.orders")
            daily.write.mode("append").insertInto("Sales.daily", overwrite=True)
            daily.write.saveAsTable("reporting.daily_totals", mode="overwrite")
            kept = [spark.read.table("main.sales_uc.orders"), spark.table("orders"), spark.table("`a-b`.c"),
                    spark.table(name="sales.orders"), spark.table("global_temp.lookup")]
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            daily = spark.table("main.sales_uc.orders")
            daily.write.mode("append").insertInto("main.sales_uc.daily", overwrite=True)
            daily.write.saveAsTable("main.reporting.daily_totals", mode="overwrite")
            kept = [spark.read.table("main.sales_uc.orders"), spark.table("orders"), spark.table("`a-b`.c"),
                    spark.table(name="sales.orders"), spark.table("global_temp.lookup")]
        '''),
        [
            (3, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (4, 'Spark table name', 'converted', 'TwoLevelTableName'),
            (5, 'Spark table name', 'converted', 'TwoLevelTableName'),
            (6, 'Spark table name', 'converted', 'TwoLevelTableName'),
        ],
        id='two_level_names',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
