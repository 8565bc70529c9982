"""Before -> after for ``g2l_core.convert.members``: the GlueContext's SQLContext methods become the
SparkSession's, and members a SparkSession lacks are flagged instead of becoming ``spark.<member>``."""

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
        glueContext.setConf("spark.sql.shuffle.partitions", "64")
        mode = glueContext.getConf("spark.sql.sources.partitionOverwriteMode", defaultValue="static")
        events = glueContext.sql("select * from raw.events")
        glueContext.registerDataFrameAsTable(events, "events")
        glueContext.cacheTable("events")
        known = glueContext.tableNames("raw")
        glueContext.dropTempTable("events")
        glueContext.clearCache()
        session = glueContext.sparkSession
    '''), SESSION + textwrap.dedent('''\
        spark.conf.set("spark.sql.shuffle.partitions", "64")
        mode = spark.conf.get("spark.sql.sources.partitionOverwriteMode", default="static")
        events = spark.sql("select * from raw.events")
        events.createOrReplaceTempView("events")
        spark.catalog.cacheTable("events")
        known = [t.name for t in spark.catalog.listTables("raw")]
        spark.catalog.dropTempView("events")
        spark.catalog.clearCache()
        session = spark
    '''), [*SETUP,
           (5, "GlueContext.setConf", "converted", "SqlContextMethod"),
           (6, "GlueContext.getConf", "converted", "SqlContextMethod"),
           (8, "GlueContext.registerDataFrameAsTable", "converted", "SqlContextMethod"),
           (9, "GlueContext.cacheTable", "converted", "SqlContextMethod"),
           (10, "GlueContext.tableNames", "converted", "SqlContextMethod"),
           (11, "GlueContext.dropTempTable", "converted", "SqlContextMethod"),
           (12, "GlueContext.clearCache", "converted", "SqlContextMethod"),
           (13, "GlueContext.sparkSession", "converted", "SparkSessionAttribute")]),
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
