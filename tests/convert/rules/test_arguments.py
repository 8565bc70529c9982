"""Before -> after for the rules in ``g2l_core.convert.arguments``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            from awsglue.dynamicframe import DynamicFrame


            def load(glue_context, database, table) -> DynamicFrame:
                # comment kept
                frame = glue_context.create_dynamic_frame.from_catalog(database=database, table_name=table)
                return frame


            def clean(frame: DynamicFrame) -> DynamicFrame:
                return frame.toDF().toDF("x", "y")
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import DataFrame


            def load(spark, database, table) -> DataFrame:
                # comment kept
                frame = spark.read.table(g2l_helpers.uc_table_name(database, table))
                return frame


            def clean(frame: DataFrame) -> DataFrame:
                return frame.toDF("x", "y")
        '''),
        [
            (6, 'GlueContext.create_dynamic_frame.from_catalog', 'converted_with_helper', 'CatalogRead'),
            (11, 'DynamicFrame.toDF', 'converted', 'ToDF'),
        ],
        id='helper_module_params',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
