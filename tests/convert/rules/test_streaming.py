"""Before -> after for the rules in ``g2l_core.convert.streaming``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            def process(data_frame, batch_id):
                data_frame.write.mode("append").saveAsTable("x")


            glueContext.forEachBatch(
                frame=stream_df,
                batch_function=process,
                options={"windowSize": "100 seconds", "checkpointLocation": "s3://bucket/cp/"},
            )
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            def process(data_frame, batch_id):
                data_frame.write.mode("append").saveAsTable("x")


            (
                stream_df.writeStream.foreachBatch(process)
                .option("checkpointLocation", "/Volumes/main/raw/bucket/cp/")
                .trigger(processingTime="100 seconds")
                .start()
                .awaitTermination()
            )
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (11, 'GlueContext.forEachBatch', 'converted', 'ForEachBatch'),
        ],
        id='streaming',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
