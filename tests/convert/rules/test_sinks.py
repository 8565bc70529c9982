"""Before -> after for the rules in ``g2l_core.convert.sinks``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            sink = glueContext.getSink(
                connection_type="s3", path="s3://bucket/orders/", enableUpdateCatalog=True,
                updateBehavior="UPDATE_IN_DATABASE", partitionKeys=["year"],
            )
            sink.setFormat("glueparquet")
            sink.setCatalogInfo(catalogDatabase="sales", catalogTableName="orders_out")
            sink.writeFrame(dyf)
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            (
                dyf.write.mode("append")
                .partitionBy("year")
                .option("mergeSchema", "true")
                .saveAsTable("main.sales_uc.orders_out")
            )
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'GlueContext.getSink', 'converted', 'SinkConfig'),
            (12, 'DataSink.setFormat', 'converted', 'SinkConfig'),
            (13, 'DataSink.setCatalogInfo', 'converted', 'SinkConfig'),
            (14, 'DataSink.writeFrame', 'converted', 'SinkWriteFrame'),
        ],
        id='sink',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            src = glueContext.getSource("s3", paths=["s3://bucket/in/"])
            src.setFormat("json")
            dyf = src.getFrame()
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.format("json").load("/Volumes/main/raw/bucket/in/")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.getSource', 'converted', 'SourceConfig'),
            (8, 'DataSource.setFormat', 'converted', 'SourceConfig'),
            (9, 'DataSource.getFrame', 'converted', 'SourceGetFrame'),
        ],
        id='source',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            frame = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            sink = glueContext.getSink(path="s3://bucket/out/", connection_type="s3", compression="gzip",
                                       format_options={"quoteChar": -1}, partitionKeys=["day"])
            sink.setFormat("csv", separator="|")
            sink.writeFrame(frame)
            logged = glueContext.getSink(path="s3://bucket/cat/", connection_type="s3", updateBehavior="LOG",
                                         enableUpdateCatalog=True, partitionKeys=[])
            logged.setCatalogInfo(catalogDatabase="sales", catalogTableName="orders_copy")
            logged.setFormat("glueparquet")
            logged.writeFrame(frame)
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            frame = spark.read.table("main.sales_uc.orders")
            (
                frame.write.format("csv")
                .mode("append")
                .partitionBy("day")
                .option("header", True)
                .option("quote", "")
                .option("compression", "gzip")
                .option("sep", "|")
                .save("/Volumes/main/raw/bucket/out/")
            )
            frame.write.mode("append").saveAsTable("main.sales_uc.orders_copy")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'GlueContext.getSink', 'converted', 'SinkConfig'),
            (10, 'DataSink.setFormat', 'converted', 'SinkConfig'),
            (11, 'DataSink.writeFrame', 'converted', 'SinkWriteFrame'),
            (12, 'GlueContext.getSink', 'converted', 'SinkConfig'),
            (14, 'DataSink.setCatalogInfo', 'converted', 'SinkConfig'),
            (15, 'DataSink.setFormat', 'converted', 'SinkConfig'),
            (16, 'DataSink.writeFrame', 'converted', 'SinkWriteFrame'),
        ],
        id='sink-format-options-and-log-behavior',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
