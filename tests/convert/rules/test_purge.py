"""Before -> after for the rules in ``g2l_core.convert.purge``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            glueContext.purge_table("sales", "orders", {"retentionPeriod": 1})
            glueContext.purge_s3_path("s3://bucket/tmp/", {"retentionPeriod": 1})
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            # g2l: review: Glue keeps files newer than retentionPeriod (default 7 days); DELETE removes all matching rows (run VACUUM to drop files)
            spark.sql("DELETE FROM main.sales_uc.orders")
            # g2l: review: removes everything under the path (dbutils.fs.rm on Databricks); Glue kept files newer than retentionPeriod
            g2l_helpers.remove_path("/Volumes/main/raw/bucket/tmp/")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.purge_table', 'flagged', 'PurgeTable'),
            (8, 'GlueContext.purge_s3_path', 'flagged', 'PurgeS3Path'),
        ],
        id='purge',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            def rewrite_day(run_date, options):
                glueContext.purge_table("sales", "daily", options={"partitionPredicate": f"dt == '{run_date}'",
                                                                   "retentionPeriod": 0})
                glueContext.purge_table("sales", "daily", options=options)
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            def rewrite_day(run_date, options):
                spark.sql("DELETE FROM main.sales_uc.daily WHERE " + f"dt == '{run_date}'")
                # g2l: review: purge_table options computed at run time; write the DELETE by hand
                spark.purge_table("sales", "daily", options=options)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (8, 'GlueContext.purge_table', 'converted', 'PurgeTable'),
            (10, 'GlueContext.purge_table', 'flagged', 'PurgeTable'),
        ],
        id='purge_table_predicate_at_run_time',
    ),
    # a table named at run time is deleted from by its Unity Catalog name, built as reads build it
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext


            def reset_table(glue_context, database, table):
                glue_context.purge_table(database, table, options={"retentionPeriod": 0})


            def reset_day(glue_context, table, day):
                glue_context.purge_table("sales", table, {"retentionPeriod": 0, "partitionPredicate": f"day = '{day}'"})


            def trim(glue_context, database):
                glue_context.purge_table(database, "orders", {"retentionPeriod": 48})
        '''),
        textwrap.dedent('''\
            import g2l_helpers


            def reset_table(spark, database, table):
                spark.sql(f"DELETE FROM {g2l_helpers.uc_table_name(database, table)}")


            def reset_day(spark, table, day):
                spark.sql(f"DELETE FROM main.sales_uc.`{table}` WHERE " + f"day = '{day}'")


            def trim(spark, database):
                # g2l: review: Glue keeps files newer than retentionPeriod (default 7 days); DELETE removes all matching rows (run VACUUM to drop files)
                spark.sql(f'DELETE FROM {g2l_helpers.uc_table_name(database, "orders")}')
        '''),
        [
            (5, 'GlueContext.purge_table', 'converted_with_helper', 'PurgeTable'),
            (9, 'GlueContext.purge_table', 'converted', 'PurgeTable'),
            (13, 'GlueContext.purge_table', 'flagged', 'PurgeTable'),
        ],
        id='purge_of_a_table_named_at_run_time',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
