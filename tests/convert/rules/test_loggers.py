"""Before -> after for the rules in ``g2l_core.convert.loggers``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            logger = glueContext.get_logger()
            logger.warn("careful")
            logger.info("ok")
        '''),
        textwrap.dedent('''\
            import logging
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            logger = logging.getLogger(__name__)
            logger.warning("careful")
            logger.info("ok")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.get_logger', 'converted', 'GetLogger'),
            (8, 'GlueLogger.warn', 'converted', 'LoggerWarn'),
        ],
        id='logger',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
