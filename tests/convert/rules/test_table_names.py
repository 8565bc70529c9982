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
    # Glue 4 jobs name their Iceberg tables in the catalog they configure over the Glue Data Catalog.
    pytest.param(
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            stock = spark.table("glue_catalog.sales.stock")
            stock.writeTo("glue_catalog.sales.stock_snapshot").tableProperty("format-version", "2").append()
            stock.writeTo("reporting.stock_daily").createOrReplace()
            kept = [stock.writeTo("other_catalog.sales.stock"), spark.table("glue_catalog.stock")]
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            stock = spark.table("main.sales_uc.stock")
            stock.writeTo("main.sales_uc.stock_snapshot").tableProperty("format-version", "2").append()
            stock.writeTo("main.reporting.stock_daily").createOrReplace()
            kept = [stock.writeTo("other_catalog.sales.stock"), spark.table("main.glue_catalog.stock")]
        '''),
        [
            (3, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (4, 'Iceberg Glue catalog', 'converted', 'TwoLevelTableName'),
            (5, 'Iceberg Glue catalog', 'converted', 'TwoLevelTableName'),
            (6, 'Spark table name', 'converted', 'TwoLevelTableName'),
            (7, 'Spark table name', 'converted', 'TwoLevelTableName'),
        ],
        id='glue_catalog_iceberg_names',
    ),
    # tableExists with the database apart looks in the current catalog on Databricks: False, and the job that
    # empties an existing table before its append appends to a full one.
    pytest.param(
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()

            def reset(session, database, table):
                if session.catalog.tableExists(table, database):
                    session.sql(f"TRUNCATE TABLE {database}.{table}")

            if spark.catalog.tableExists("daily", "sales") and spark.catalog.tableExists("sales.orders"):
                kept = spark.catalog.tableExists(tableName="orders", dbName="sales"), spark.catalog.tableExists("x")
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession
            import g2l_helpers

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")

            def reset(session, database, table):
                if session.catalog.tableExists(g2l_helpers.uc_table_name(database, table)):
                    session.sql(f"TRUNCATE TABLE {database}.{table}")

            if spark.catalog.tableExists("main.sales_uc.daily") and spark.catalog.tableExists("main.sales_uc.orders"):
                kept = spark.catalog.tableExists("main.sales_uc.orders"), spark.catalog.tableExists("x")
        '''),
        [
            (3, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (6, 'Spark table name', 'converted_with_helper', 'CatalogTableExists'),
            (9, 'Spark table name', 'converted', 'CatalogTableExists'),
            (9, 'Spark table name', 'converted', 'TwoLevelTableName'),
            (10, 'Spark table name', 'converted', 'CatalogTableExists'),
        ],
        id='catalog_table_exists',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
