"""Before -> after for the rules in ``g2l_core.convert.frame_collections``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            from awsglue.dynamicframe import DynamicFrameCollection

            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            dfc = DynamicFrameCollection({"a": dyf}, glueContext)
            out = MapToCollection.apply(dfc=dfc, callable=lambda f, ctx: f)
        '''),
        textwrap.dedent('''\
            # g2l: review: awsglue import kept: code below still uses MapToCollection
            from awsglue.transforms import *
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")

            dyf = spark.read.table("main.sales_uc.orders")
            dfc = dict({"a": dyf})
            # g2l: review: rewrite as a dict comprehension over the collection's DataFrames
            out = MapToCollection.apply(dfc=dfc, callable=lambda f, ctx: f)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (9, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (10, 'DynamicFrameCollection', 'converted', 'CollectionConstructor'),
            (11, 'MapToCollection', 'flagged', 'CollectionMap'),
        ],
        id='collection',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
