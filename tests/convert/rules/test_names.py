"""Before -> after for the rules in ``g2l_core.convert.names`` and the statement rule ``SelfAssignment``:
GlueContext variables and attributes, awsglue types in annotations and isinstance checks."""

import textwrap

from rule_cases import check_cases

BEFORE = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
    sc = glueContext.spark_context
    spark = glueContext.spark_session


    def clean(frame: DynamicFrame, ctx: GlueContext) -> DynamicFrameCollection:
        if isinstance(frame, DynamicFrame):
            return {"out": frame}
        return {}
''')
AFTER = textwrap.dedent('''\
    from pyspark.sql import DataFrame
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    # g2l: review: the SparkContext is taken from the SparkSession; Databricks shared and serverless compute have none: use the SparkSession instead
    sc = spark.sparkContext


    def clean(frame: DataFrame, ctx: SparkSession) -> dict:
        if isinstance(frame, DataFrame):
            return {"out": frame}
        return {}
''')
CASES = [(BEFORE, AFTER, [
    (5, "GlueContext", "converted", "GlueContextSetup"),
    (5, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
    (6, "GlueContext.spark_context", "flagged", "SparkSessionAttribute"),
    (7, "GlueContext.spark_session", "converted", "SparkSessionAttribute"),
])]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
