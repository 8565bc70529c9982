"""Before -> after for the rules in ``g2l_core.convert.constants``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext
            from pyspark.context import SparkContext

            BASE = "s3://bucket/base/"
            SOURCES = {"orders": "s3://bucket/orders/", "other": 's3://elsewhere/x/'}


            def write(glueContext, frame, path):
                glueContext.write_dynamic_frame.from_options(
                    frame=frame, connection_type="s3", connection_options={"path": path}, format="json"
                )


            glueContext = GlueContext(SparkContext.getOrCreate())
            day = "2024-01-31"
            a = glueContext.create_dynamic_frame.from_options("s3", {"paths": [BASE, f"s3://bucket/day={day}/"]}, "json")
            b = glueContext.create_dynamic_frame.from_options("s3", {"paths": [f"s3://elsewhere/{day}/"]}, "json")
            c = glueContext.create_dynamic_frame.from_catalog(
                database="sales", table_name="orders", push_down_predicate=f"day = '{day}'"
            )
            d = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders", push_down_predicate=day)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            BASE = "/Volumes/main/raw/bucket/base/"
            SOURCES = {"orders": "/Volumes/main/raw/bucket/orders/", "other": 's3://elsewhere/x/'}


            def write(spark, frame, path):
                frame.write.format("json").mode("append").save(g2l_helpers.map_path(path))


            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            day = "2024-01-31"
            a = spark.read.format("json").load([BASE, f"/Volumes/main/raw/bucket/day={day}/"])
            b = spark.read.format("json").load(f"s3://elsewhere/{day}/")
            c = spark.read.table("main.sales_uc.orders").where(f"day = '{day}'")
            d = spark.read.table("main.sales_uc.orders").where(day)
        '''),
        [
            (4, 'S3 path constant', 'converted', 'PathConstant'),
            (5, 'S3 path constant', 'converted', 'PathConstant'),
            (9, 'GlueContext.write_dynamic_frame.from_options', 'converted_with_helper', 'OptionsWrite'),
            (14, 'GlueContext', 'converted', 'GlueContextSetup'),
            (14, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (16, 'GlueContext.create_dynamic_frame.from_options', 'converted', 'OptionsRead'),
            (17, 'GlueContext.create_dynamic_frame.from_options', 'converted', 'OptionsRead'),
            (18, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (21, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
        ],
        id='path_map_runtime_paths_constants_and_predicates',
    ),
    # a list or dict the module appends to or assigns into is not its literal: the name is passed as it is
    pytest.param(
        textwrap.dedent('''\
            import sys

            from awsglue.utils import getResolvedOptions

            NAMES = ["JOB_NAME", "region"]
            for optional in ("run_date", "dry_run"):
                if f"--{optional}" in sys.argv:
                    NAMES.append(optional)
            FIXED = ["JOB_NAME", "bucket"]
            OPTIONS = {"header": "true"}
            OPTIONS["sep"] = ";"

            args = getResolvedOptions(sys.argv, NAMES)
            more = getResolvedOptions(sys.argv, FIXED)
        '''),
        textwrap.dedent('''\
            import sys
            import g2l_helpers

            NAMES = ["JOB_NAME", "region"]
            for optional in ("run_date", "dry_run"):
                if f"--{optional}" in sys.argv:
                    NAMES.append(optional)
            FIXED = ["JOB_NAME", "bucket"]
            OPTIONS = {"header": "true"}
            OPTIONS["sep"] = ";"

            args = g2l_helpers.job_arguments(sys.argv, NAMES)
            more = g2l_helpers.job_arguments(sys.argv, ["bucket"])
        '''),
        [
            (13, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
            (14, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
        ],
        id='constants_changed_in_place_are_not_inlined',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
