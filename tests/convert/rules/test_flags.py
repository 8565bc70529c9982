"""Before -> after for the rules in ``g2l_core.convert.flags``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            glueContext.transition_table("sales", "orders", {"retentionPeriod": 1}, transition_role="r")
            tx = glueContext.start_transaction(False)
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            # g2l: review: transition_table: S3 storage-class transitions are managed outside Databricks (S3 lifecycle rules)
            spark.transition_table("sales", "orders", {"retentionPeriod": 1}, transition_role="r")
            # g2l: review: start_transaction: Lake Formation transactions: Delta commits are atomic per write; regroup writes
            tx = spark.start_transaction(False)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.transition_table', 'flagged', 'LakeFormation'),
            (8, 'GlueContext.start_transaction', 'flagged', 'LakeFormation'),
        ],
        id='transition',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            dyf.spigot("s3://bucket/sample/")
            errs = dyf.errorsAsDynamicFrame()
            dyf.assertErrorThreshold()
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            # g2l: review: spigot: no equivalent; sample with df.limit(n).write... if the sample is still needed
            dyf.spigot("s3://bucket/sample/")
            # g2l: review: errorsAsDynamicFrame: Spark has no error records; use badRecordsPath or the rescued data column
            errs = dyf.errorsAsDynamicFrame()
            # g2l: review: assertErrorThreshold: use Delta Live Tables / Lakeflow expectations or an explicit count check
            dyf.assertErrorThreshold()
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'DynamicFrame.spigot', 'flagged', 'ErrorHandling'),
            (9, 'DynamicFrame.errorsAsDynamicFrame', 'flagged', 'ErrorHandling'),
            (10, 'DynamicFrame.assertErrorThreshold', 'flagged', 'ErrorHandling'),
        ],
        id='errors',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglueml.transforms import FindMatches
            from awsgluedq.transforms import EvaluateDataQuality

            matched = FindMatches.apply(frame=dyf, transformId="t")
            checked = EvaluateDataQuality.apply(frame=dyf, ruleset="Rules = [ColumnCount > 1]")
        '''),
        textwrap.dedent('''\
            # g2l: review: awsglue import kept: code below still uses FindMatches
            from awsglueml.transforms import FindMatches
            import g2l_helpers

            # g2l: review: FindMatches: no equivalent; use an entity-resolution library or a Databricks ML model
            matched = FindMatches.apply(frame=dyf, transformId="t")
            checked = g2l_helpers.evaluate_data_quality(dyf, "Rules = [ColumnCount > 1]")
        '''),
        [
            (4, 'FindMatches', 'flagged', 'MachineLearningAndQuality'),
            (5, 'EvaluateDataQuality.apply', 'converted_with_helper', 'EvaluateDataQuality'),
        ],
        id='ml_dq',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
