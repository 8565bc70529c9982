"""Before -> after for the rules in ``g2l_core.convert.context``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            import sys
            from awsglue.context import GlueContext
            from awsglue.job import Job
            from awsglue.utils import getResolvedOptions
            from pyspark.context import SparkContext

            args = getResolvedOptions(sys.argv, ["JOB_NAME", "source_path"])
            sc = SparkContext()
            glueContext = GlueContext(sc)
            spark = glueContext.spark_session
            job = Job(glueContext)
            job.init(args["JOB_NAME"], args)
            print(args["source_path"])
            job.commit()
        '''),
        textwrap.dedent('''\
            import sys
            import g2l_helpers
            from pyspark.sql import SparkSession

            args = g2l_helpers.job_arguments(sys.argv, ["source_path"])
            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            print(args["source_path"])
        '''),
        [
            (7, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
            (8, 'SparkContext', 'converted', 'SparkContextSetup'),
            (8, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (9, 'GlueContext', 'converted', 'GlueContextSetup'),
            (10, 'GlueContext.spark_session', 'converted', 'SparkSessionAttribute'),
            (11, 'Job', 'converted', 'JobObject'),
            (12, 'Job.init', 'converted', 'JobInitCommit'),
            (14, 'Job.commit', 'converted', 'JobInitCommit'),
        ],
        id='setup',
    ),
    pytest.param(
        textwrap.dedent('''\
            from awsglue.context import GlueContext
            from pyspark import SparkConf
            from pyspark.context import SparkContext
            from pyspark.sql import SparkSession


            def make_context(name):
                conf = SparkConf().setAppName(name)
                return SparkContext.getOrCreate(conf)


            def session():
                try:
                    return SparkSession.builder.getOrCreate()
                except Exception:
                    return SparkSession(SparkContext(conf=SparkConf().setMaster("local[2]")))


            def quiet(spark):
                spark.sparkContext.setLogLevel("WARN")
                glue = GlueContext(spark.sparkContext)
                sc = spark.sparkContext
                other = GlueContext(sc)
                return glue, other
        '''),
        textwrap.dedent('''\
            from pyspark import SparkConf
            from pyspark.context import SparkContext
            from pyspark.sql import SparkSession


            def make_context(name):
                conf = SparkConf().setAppName(name)
                # g2l: review: a SparkContext is built here; Databricks shared and serverless compute have none: build the session instead (SparkSession.builder.config(conf=conf).getOrCreate()) and use it
                return SparkContext.getOrCreate(conf)


            def session():
                try:
                    return SparkSession.builder.getOrCreate()
                except Exception:
                    # g2l: review: a SparkContext is built here; Databricks shared and serverless compute have none: build the session instead (SparkSession.builder.config(conf=conf).getOrCreate()) and use it
                    return SparkSession(SparkContext(conf=SparkConf().setMaster("local[2]")))


            def quiet(spark):
                # g2l: review: the SparkContext is taken from the SparkSession; Databricks shared and serverless compute have none: use the SparkSession instead
                spark.sparkContext.setLogLevel("WARN")
                spark = SparkSession.builder.getOrCreate()
                # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
                spark.conf.set("spark.sql.ansi.enabled", "false")
                return spark, spark
        '''),
        [
            (9, 'SparkContext', 'flagged', 'SparkContextLeft'),
            (16, 'SparkContext', 'flagged', 'SparkContextLeft'),
            (20, 'SparkContext', 'flagged', 'SparkContextRead'),
            (21, 'GlueContext', 'converted', 'GlueContextSetup'),
            (21, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (22, 'SparkContext', 'converted', 'SparkContextReadForGlue'),
            (23, 'GlueContext', 'converted', 'GlueContextSetup'),
        ],
        id='spark_context_left_in_factories_fallbacks_and_reads',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)


# A setup function that hands the Job object back: a stand-in whose init/commit do nothing takes its place
# (removing it would leave `job` undefined); the caller's names get the kinds of the returned tuple, so its
# commit goes and its GlueContext is the session.
SETUP_FUNCTION = textwrap.dedent('''\
    import sys

    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext


    def build_job():
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        glue_context = GlueContext(SparkContext())
        job = Job(glue_context)
        job.init(args["JOB_NAME"], args)
        return glue_context, job


    def main():
        glue_context, job = build_job()
        job.commit()
''')
SETUP_FUNCTION_AFTER = textwrap.dedent('''\
    import sys
    import g2l_helpers
    from pyspark.sql import SparkSession


    def build_job():
        args = g2l_helpers.job_arguments(sys.argv, [])
        spark = SparkSession.builder.getOrCreate()
        # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
        spark.conf.set("spark.sql.ansi.enabled", "false")
        job = g2l_helpers.NoOpJob()
        return spark, job


    def main():
        spark, job = build_job()
''')

test_escaping_job, test_escaping_job_idempotent, test_escaping_job_residue, test_escaping_job_review = check_cases([(
    SETUP_FUNCTION, SETUP_FUNCTION_AFTER, [
        (10, "getResolvedOptions", "converted_with_helper", "ResolvedOptions"),
        (11, "GlueContext", "converted", "GlueContextSetup"),
        (11, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
        (12, "Job", "converted_with_helper", "JobObject"),
        (13, "Job.init", "converted", "JobInitCommit"),
        (19, "Job.commit", "converted", "JobInitCommit"),
    ])])
