"""Before -> after for the rules in ``g2l_core.convert.frames``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            df = glueContext.add_ingestion_time_columns(stream_df, "hour")
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            df = g2l_helpers.with_ingestion_time(stream_df, "hour")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.add_ingestion_time_columns', 'converted_with_helper', 'AddIngestionTimeColumns'),
        ],
        id='ingestion_time',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            df = dyf.toDF()
            renamed = df.toDF("a", "b")  # PySpark's own toDF stays
            back = DynamicFrame.fromDF(renamed, glueContext, "back")
            print(back.count(), back.schema(), back.getNumPartitions())
            back.printSchema()
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            df = dyf
            renamed = df.toDF("a", "b")  # PySpark's own toDF stays
            back = renamed
            print(back.count(), back.schema, back.rdd.getNumPartitions())
            back.printSchema()
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (10, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
            (11, 'DynamicFrame.schema', 'converted', 'DynamicFrameMethod'),
            (11, 'DynamicFrame.getNumPartitions', 'converted', 'DynamicFrameMethod'),
        ],
        id='frames',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            stage = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders_stage")
            merged = dyf.mergeDynamicFrame(stage, ["id"])
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            stage = spark.read.table("main.sales_uc.orders_stage")
            merged = g2l_helpers.merge_frames(dyf, stage, ["id"])
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (9, 'DynamicFrame.mergeDynamicFrame', 'converted_with_helper', 'MergeDynamicFrame'),
        ],
        id='merge',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext
            from awsglue.dynamicframe import DynamicFrame as DF
            from pyspark.context import SparkContext
            from risk_common import readers

            glueContext = GlueContext(SparkContext.getOrCreate())
            counterparties = readers.read_catalog_table(glueContext, "sales", "parties")
            df = counterparties.toDF()  # a DynamicFrame from another module
            renamed = counterparties.toDF("a", "b")  # receiver unknown: PySpark's renaming toDF stays
            rows = spark.sparkContext.parallelize([(1, 2)]).toDF()  # RDD.toDF builds a DataFrame: stays
            pairs = df.rdd.map(lambda r: (r[0], 1))
            counted = pairs.toDF()
            back = DF.fromDF(df, glueContext, "back")
        '''),
        textwrap.dedent('''\
            from risk_common import readers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            counterparties = readers.read_catalog_table(spark, "sales", "parties")
            df = counterparties  # a DynamicFrame from another module
            renamed = counterparties.toDF("a", "b")  # receiver unknown: PySpark's renaming toDF stays
            # g2l: review: the SparkContext is taken from the SparkSession; Databricks shared and serverless compute have none: use the SparkSession instead
            rows = spark.sparkContext.parallelize([(1, 2)]).toDF()  # RDD.toDF builds a DataFrame: stays
            pairs = df.rdd.map(lambda r: (r[0], 1))
            counted = pairs.toDF()
            back = df
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (8, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (10, 'SparkContext', 'flagged', 'SparkContextRead'),
            (13, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
        ],
        id='cross_module_todf_and_aliased_fromdf',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext
            from awsglue.dynamicframe import DynamicFrame
            from awsglue.transforms import Unbox
            from pyspark.context import SparkContext
            from pyspark.sql import functions as F

            glueContext = GlueContext(SparkContext.getOrCreate())
            raw = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="events")
            payload = DynamicFrame.fromDF(
                raw.toDF()
                .select(F.col("body"), F.col("sent_at")), glueContext, "payload")
        '''),
        textwrap.dedent('''\
            from pyspark.sql import functions as F
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            raw = spark.read.table("main.shop.events")
            payload = (raw
                .select(F.col("body"), F.col("sent_at")))
        '''),
        [
            (7, 'GlueContext', 'converted', 'GlueContextSetup'),
            (7, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (8, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (9, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
            (10, 'DynamicFrame.toDF', 'converted', 'ToDF'),
        ],
        id='fromdf_unwrapped_chain_with_line_break_is_parenthesized',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglue.transforms import *
            from awsglue.context import GlueContext
            from pyspark.context import SparkContext

            glueContext = GlueContext(SparkContext.getOrCreate())
            shipments = glueContext.create_dynamic_frame.from_catalog(database="logistics", table_name="shipments")
            late = shipments.toDF().where("delivered_at > promised_at")
            late_frame = DynamicFrame.fromDF(late, glueContext, "late_frame")


            def tag(frame: DynamicFrame) -> DynamicFrame:
                return DropNullFields.apply(frame=frame)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import DataFrame
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            shipments = spark.read.table("main.logistics.shipments")
            late = shipments.where("delivered_at > promised_at")
            late_frame = late


            def tag(frame: DataFrame) -> DataFrame:
                return g2l_helpers.drop_null_fields(frame)
        '''),
        [
            (5, 'GlueContext', 'converted', 'GlueContextSetup'),
            (5, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (6, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (7, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (8, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
            (12, 'DropNullFields', 'converted_with_helper', 'DropNullFieldsRule'),
        ],
        id='dynamicframe_used_as_if_the_transforms_star_import_gave_it',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            orders = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            orders.show(num_rows=5)
            spread = orders.repartition(8, transformation_ctx="spread", stageThreshold=10)
            single = orders.coalesce(1)
            typed = orders.with_frame_schema(known_schema)
            tagged = orders.mapPartitions(tag_partition)
            orders.write("s3", {"path": "s3://bucket/out/"}, "json")
            orders.frobnicate(3)
            kept = orders.toDF().frobnicate(3), single.count(), spread.withColumn("x", F.lit(1))
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            orders = spark.read.table("main.sales_uc.orders")
            orders.show(5)
            spread = orders.repartition(8)
            single = orders.coalesce(1)
            # g2l: review: a DataFrame carries its schema: pass the frame on, or cast its columns to that schema
            typed = orders.with_frame_schema(known_schema)
            # g2l: review: a DataFrame has no mapPartitions: use mapInPandas, or df.rdd.mapPartitions on classic compute
            tagged = orders.mapPartitions(tag_partition)
            # g2l: review: DynamicFrame.write(connection_type, connection_options, format) writes through the GlueContext; on a DataFrame `write` is the DataFrameWriter: write with df.write.format(...).save(path)
            orders.write("s3", {"path": "s3://bucket/out/"}, "json")
            # g2l: review: DynamicFrame.frobnicate() is not converted by g2l and a DataFrame has no frobnicate: rewrite it with the DataFrame API
            orders.frobnicate(3)
            kept = orders.frobnicate(3), single.count(), spread.withColumn("x", F.lit(1))
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'DynamicFrame.show', 'converted', 'DynamicFrameMethod'),
            (9, 'DynamicFrame.repartition', 'converted', 'DynamicFrameMethod'),
            (11, 'DynamicFrame.with_frame_schema', 'flagged', 'UnknownFrameMethod'),
            (12, 'DynamicFrame.mapPartitions', 'flagged', 'UnknownFrameMethod'),
            (13, 'DynamicFrame.write', 'flagged', 'UnknownFrameMethod'),
            (14, 'DynamicFrame.frobnicate', 'flagged', 'UnknownFrameMethod'),
            (15, 'DynamicFrame.toDF', 'converted', 'ToDF'),
        ],
        id='glue_arguments_dropped_unknown_methods_flagged',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
