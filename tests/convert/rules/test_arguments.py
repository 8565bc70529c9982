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
    pytest.param(
        textwrap.dedent('''\
            import sys

            from awsglue.utils import getResolvedOptions

            args = getResolvedOptions(sys.argv,
                                      ['JOB_NAME',
                                       'source_table',
                                       # 'batch_size',  dropped for now
                                       'target_path'])
        '''),
        textwrap.dedent('''\
            import sys
            import g2l_helpers

            args = g2l_helpers.job_arguments(sys.argv,
                                      ['source_table',
                                       # 'batch_size',  dropped for now
                                       'target_path'])
        '''),
        [
            (5, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
        ],
        id='names_list_keeps_its_layout_and_comments',
    ),
    pytest.param(
        textwrap.dedent('''\
            import sys
            from awsglue.utils import *
            from awsglue.context import *
            from pyspark.context import SparkContext

            args = getResolvedOptions(sys.argv, ['JOB_NAME', 'region'])
            glueContext = GlueContext(SparkContext.getOrCreate())
            stores = glueContext.create_dynamic_frame.from_catalog(database="retail", table_name="stores")
            stores.toDF().where(f"region = '{args['region']}'").show()
        '''),
        textwrap.dedent('''\
            import sys
            import g2l_helpers
            from pyspark.sql import SparkSession

            args = g2l_helpers.job_arguments(sys.argv, ['region'])
            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            stores = spark.read.table("main.retail.stores")
            stores.where(f"region = '{args['region']}'").show()
        '''),
        [
            (6, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
            (7, 'GlueContext', 'converted', 'GlueContextSetup'),
            (7, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (8, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (9, 'DynamicFrame.toDF', 'converted', 'ToDF'),
        ],
        id='names_from_awsglue_utils_and_context_star_imports',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
