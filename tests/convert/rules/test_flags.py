"""Before -> after for the rules in ``g2l_core.convert.flags``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            glueContext.transition_table("sales", "orders", {"retentionPeriod": 1}, transition_role="r")
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            # g2l: review: transition_table: S3 storage-class transitions are managed outside Databricks (S3 lifecycle rules)
            spark.transition_table("sales", "orders", {"retentionPeriod": 1}, transition_role="r")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.transition_table', 'flagged', 'LakeFormation'),
        ],
        id='transition',
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
