"""Before -> after for the rules in ``g2l_core.convert.writes``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            glueContext.write_dynamic_frame.from_options(
                frame=dyf,
                connection_type="s3",
                connection_options={"path": "s3://bucket/out/", "partitionKeys": ["year", "month"]},
                format="parquet",
            )
            sink = glueContext.write_dynamic_frame.from_catalog(frame=dyf, database="sales", table_name="orders_copy")
            glueContext.write_data_frame.from_catalog(frame=dyf.toDF(), database="sales", table_name="orders_df")
            glueContext.write_dynamic_frame.from_jdbc_conf(frame=dyf, catalog_connection="pg", connection_options={"dbtable": "t", "database": "d"})
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            (
                dyf.write.format("parquet")
                .mode("append")
                .partitionBy("year", "month")
                .save("/Volumes/main/raw/bucket/out/")
            )
            dyf.write.mode("append").saveAsTable("main.sales_uc.orders_copy")
            dyf.write.mode("append").saveAsTable("main.sales_uc.orders_df")
            (
                dyf.write.format("jdbc")
                .mode("append")
                .option("url", g2l_helpers.jdbc_url(g2l_helpers.connection_secret("pg", "url"), "d"))
                .option("user", g2l_helpers.connection_secret("pg", "user"))
                .option("password", g2l_helpers.connection_secret("pg", "password"))
                .option("dbtable", "t")
                .save()
            )
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'GlueContext.write_dynamic_frame.from_options', 'converted', 'OptionsWrite'),
            (14, 'GlueContext.write_dynamic_frame.from_catalog', 'converted', 'CatalogWrite'),
            (15, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (15, 'GlueContext.write_data_frame.from_catalog', 'converted', 'CatalogWrite'),
            (16, 'GlueContext.write_dynamic_frame.from_jdbc_conf', 'converted_with_helper', 'JdbcConfWrite'),
        ],
        id='writes',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            frame = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            glueContext.write_dynamic_frame.from_catalog(
                frame=frame, database="sales", table_name="orders_hudi",
                additional_options={"hoodie.datasource.write.operation": "upsert",
                                    "hoodie.datasource.write.recordkey.field": "order_id", "partitionKeys": ["day"]})
            glueContext.write_dynamic_frame.from_catalog(
                frame=frame, database="sales", table_name="orders_log",
                additional_options={"enableUpdateCatalog": True, "updateBehavior": "LOG", "skipEmpty": True})
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            frame = spark.read.table("main.sales_uc.orders")
            # g2l: review: appends to the Unity Catalog table (Glue appends by default); Hudi write settings (upsert on order_id): the Unity Catalog table is appended to; for an upsert, MERGE into the Delta table on the record key instead
            frame.write.mode("append").partitionBy("day").saveAsTable("main.sales_uc.orders_hudi")
            # g2l: review: appends to the Unity Catalog table (Glue appends by default); additional_options with no meaning for a Unity Catalog table dropped: skipEmpty
            frame.write.mode("append").saveAsTable("main.sales_uc.orders_log")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'GlueContext.write_dynamic_frame.from_catalog', 'flagged', 'CatalogWrite'),
            (12, 'GlueContext.write_dynamic_frame.from_catalog', 'flagged', 'CatalogWrite'),
        ],
        id='catalog_write_table_options',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
