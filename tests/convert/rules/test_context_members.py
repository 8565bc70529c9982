"""Before -> after for GlueContext members a SparkSession lacks (``sql_context.unknown_context_member``):
flagged where they are read instead of silently becoming ``spark.<member>``; members the session has pass."""

import textwrap

from rule_cases import check_cases

HEAD = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
''')
SESSION = textwrap.dedent('''\
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
''')
SETUP = [(4, "GlueContext", "converted", "GlueContextSetup"), (4, "Spark SQL ANSI mode", "converted", "AnsiModeOff")]

CASES = [
    (HEAD + textwrap.dedent('''\
        jvm = glueContext._jvm
        glueContext.refresh_partitions("raw.events")
        frame = glueContext.createDataFrame([(1,)], ["id"])
    '''), SESSION + textwrap.dedent('''\
        # g2l: review: GlueContext._jvm reaches Spark's JVM: Databricks shared and serverless compute (Spark Connect) have none; rewrite it with the DataFrame API
        jvm = spark._jvm
        # g2l: review: GlueContext.refresh_partitions is neither Glue API g2l converts nor a SparkSession member: spark.refresh_partitions does not exist; rewrite it
        spark.refresh_partitions("raw.events")
        frame = spark.createDataFrame([(1,)], ["id"])
    '''), [*SETUP,
           (5, "GlueContext._jvm", "flagged", "ContextName"),
           (6, "GlueContext.refresh_partitions", "flagged", "ContextName")]),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
