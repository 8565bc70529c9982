"""Before -> after for ``g2l_core.convert.visual_transforms``: Glue Studio's ``gs_*`` visual transforms."""

import textwrap

from rule_cases import check_cases

from g2l_core.convert.visual_transforms import spark_date_pattern

STUDIO = textwrap.dedent('''\
    from awsglue.transforms import *
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext
    import gs_derived
    import gs_now, gs_flatten
    import gs_to_timestamp

    glueContext = GlueContext(SparkContext.getOrCreate())
    orders = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
    priced = orders.gs_derived(colName="total", expr="price * qty")
    stamped = priced.gs_now(colName="loaded_on", dateFormat="%d/%m/%Y %H:%M")
    flat = stamped.gs_flatten(maxLevels=1, separator="_")
    dated = flat.gs_to_timestamp(colName="`created.at`", colType="iso", newColName="created_at")
    balanced = dated.gs_repartition(numPartitionsStr="8")
''')
STUDIO_AFTER = textwrap.dedent('''\
    import g2l_helpers
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    orders = spark.read.table("main.sales_uc.orders")
    priced = orders.withColumn("total", F.expr("price * qty"))
    stamped = priced.withColumn("loaded_on", F.date_format(F.current_timestamp(), "dd/MM/yyyy HH:mm"))
    flat = g2l_helpers.flatten_structs(stamped, maxLevels=1, separator="_")
    dated = g2l_helpers.to_timestamp_column(
        flat,
        colName="`created.at`",
        colType="iso",
        newColName="created_at",
    )
    balanced = dated.repartition(8)
''')

# Without any gs_ import, a DataFrame method of that name is someone else's: left alone.
NOT_GLUE = textwrap.dedent('''\
    class Model:
        def call(self, a, b):
            return self.gs_concat([a, b])
''')

# A transform g2l has no conversion for is flagged; its Glue-only import goes all the same.
UNKNOWN = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext
    import gs_unpivot
    import gs_uuid

    glueContext = GlueContext(SparkContext.getOrCreate())
    frame = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="kpis")
    ids = frame.gs_uuid()
    long = ids.gs_unpivot(unpivotColName="metric", unpivotValueName="value", colList=["a", "b"])
''')
UNKNOWN_AFTER = textwrap.dedent('''\
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    frame = spark.read.table("main.sales_uc.kpis")
    ids = frame.withColumn("uuid", F.expr("uuid()"))
    # g2l: review: Glue Studio transform gs_unpivot has no g2l conversion: rewrite it with DataFrame operations (the gs_ module exists only on Glue)
    long = ids.gs_unpivot(unpivotColName="metric", unpivotValueName="value", colList=["a", "b"])
''')

SEQUENCE = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext
    import gs_sequence_id

    glueContext = GlueContext(SparkContext.getOrCreate())
    visits = glueContext.create_dynamic_frame.from_catalog(database="clinic", table_name="visits")
    numbered = visits.gs_sequence_id(colName="visit_key", unique=True)
''')
# The Identifier node of earlier Studio versions: its module must not stay (ModuleNotFoundError on Databricks).
SEQUENCE_AFTER = textwrap.dedent('''\
    import g2l_helpers
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    visits = spark.read.table("main.clinic.visits")
    numbered = g2l_helpers.add_row_identifier(visits, colName="visit_key", unique=True)
''')
CASES = [
    (STUDIO, STUDIO_AFTER, [
        (4, "Glue Studio visual transform", "converted", "VisualTransformImport"),
        (5, "Glue Studio visual transform", "converted", "VisualTransformImport"),
        (6, "Glue Studio visual transform", "converted", "VisualTransformImport"),
        (8, "GlueContext", "converted", "GlueContextSetup"),
        (8, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
        (9, "GlueContext.create_dynamic_frame.from_catalog", "converted", "CatalogRead"),
        (10, "DynamicFrame.gs_derived", "converted", "VisualTransform"),
        (11, "DynamicFrame.gs_now", "converted", "VisualTransform"),
        (12, "DynamicFrame.gs_flatten", "converted_with_helper", "VisualTransform"),
        (13, "DynamicFrame.gs_to_timestamp", "converted_with_helper", "VisualTransform"),
        (14, "DynamicFrame.gs_repartition", "converted", "VisualTransform"),
    ]),
    (NOT_GLUE, NOT_GLUE, []),
    (UNKNOWN, UNKNOWN_AFTER, [
        (3, "Glue Studio visual transform", "converted", "VisualTransformImport"),
        (4, "Glue Studio visual transform", "converted", "VisualTransformImport"),
        (6, "GlueContext", "converted", "GlueContextSetup"),
        (6, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
        (7, "GlueContext.create_dynamic_frame.from_catalog", "converted", "CatalogRead"),
        (8, "DynamicFrame.gs_uuid", "converted", "VisualTransform"),
        (9, "DynamicFrame.gs_unpivot", "flagged", "VisualTransform"),
    ]),
    (SEQUENCE, SEQUENCE_AFTER, [
        (3, "Glue Studio visual transform", "converted", "VisualTransformImport"),
        (5, "GlueContext", "converted", "GlueContextSetup"),
        (5, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
        (6, "GlueContext.create_dynamic_frame.from_catalog", "converted", "CatalogRead"),
        (7, "DynamicFrame.gs_sequence_id", "converted_with_helper", "VisualTransform"),
    ]),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)


def test_python_date_codes_become_spark_patterns():
    assert spark_date_pattern("%Y-%m-%d %H:%M:%S") == "yyyy-MM-dd HH:mm:ss"
    assert spark_date_pattern("yyyy-MM-dd") == "yyyy-MM-dd"
    assert spark_date_pattern("%d of %B") == "dd' of 'MMMM"
    assert spark_date_pattern("%Q") is None
