"""Before -> after for the rules in ``g2l_core.convert.debugging`` (Spigot, DropDuplicates, error records),
with the decisions each site yields (options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            dyf.spigot("s3://bucket/sample/")
            sampled = Spigot.apply(frame=dyf, path="s3://bucket/spigot/", options={"topk": 10, "prob": 0.5}, transformation_ctx="sp")
            if dyf.stageErrorsCount() > 0 or dyf.errorsCount():
                errs = dyf.errorsAsDynamicFrame()
                errs.toDF().show()
            bad = ErrorsAsDynamicFrame.apply(sampled)
            dyf.assertErrorThreshold()
            deduped = DropDuplicates.apply(frame=sampled, keys=["order_id"], transformation_ctx="dd")
            everything = DropDuplicates.apply(frame=sampled)
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            dyf.limit(100).write.mode("append").json("/Volumes/main/raw/bucket/sample/")
            sampled = dyf
            sampled.sample(fraction=0.5).limit(10).write.mode("append").json("/Volumes/main/raw/bucket/spigot/")
            # g2l: review: Spark keeps no error records (Glue's unparseable rows): stageErrorsCount() is 0 here; catch bad input with the reader's badRecordsPath or the rescued data column
            # g2l: review: Spark keeps no error records (Glue's unparseable rows): errorsCount() is 0 here; catch bad input with the reader's badRecordsPath or the rescued data column
            if 0 > 0 or 0:
                # g2l: review: Spark keeps no error records (Glue's unparseable rows): the error frame is empty here (same columns, no rows); catch bad input with the reader's badRecordsPath or the rescued data column
                errs = dyf.limit(0)
                errs.show()
            # g2l: review: Spark keeps no error records (Glue's unparseable rows): the error frame is empty here (same columns, no rows); catch bad input with the reader's badRecordsPath or the rescued data column
            bad = sampled.limit(0)
            # g2l: review: Spark keeps no error records (Glue's unparseable rows): assertErrorThreshold() removed, it has nothing to check; add an explicit count check or a Lakeflow expectation if needed; catch bad input with the reader's badRecordsPath or the rescued data column
            deduped = sampled.dropDuplicates(["order_id"])
            everything = sampled.dropDuplicates()
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'DynamicFrame.spigot', 'converted', 'SpigotRule'),
            (9, 'Spigot', 'converted', 'SpigotRule'),
            (10, 'DynamicFrame.stageErrorsCount', 'flagged', 'ErrorCount'),
            (10, 'DynamicFrame.errorsCount', 'flagged', 'ErrorCount'),
            (11, 'DynamicFrame.errorsAsDynamicFrame', 'flagged', 'ErrorFrame'),
            (12, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (13, 'ErrorsAsDynamicFrame', 'flagged', 'ErrorFrame'),
            (14, 'DynamicFrame.assertErrorThreshold', 'flagged', 'ErrorThreshold'),
            (15, 'DropDuplicates', 'converted', 'DropDuplicatesRule'),
            (16, 'DropDuplicates', 'converted', 'DropDuplicatesRule'),
        ],
        id='error_records',
    ),

    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            rows = Spigot.apply(dyf, "s3://bucket/spigot/", {"topk": 5}).toDF().count()
            dyf.spigot("s3://bucket/spigot/", options=sample_options)
        '''),
        textwrap.dedent('''\
            # g2l: review: awsglue import kept: code below still uses Spigot
            from awsglue.transforms import *
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            # g2l: review: spigot used inside an expression; write the sample as its own statement
            rows = Spigot.apply(dyf, "s3://bucket/spigot/", {"topk": 5}).count()
            # g2l: review: spigot options computed at run time or unknown; write the sample by hand (df.limit(n).write.json(path))
            dyf.spigot("s3://bucket/spigot/", options=sample_options)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'Spigot', 'flagged', 'SpigotRule'),
            (8, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (9, 'DynamicFrame.spigot', 'flagged', 'SpigotRule'),
        ],
        id='spigot_shapes_left_for_review',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
