"""Before -> after for the rules in ``g2l_core.convert.studio``: Glue Studio style helper functions."""

import textwrap

from rule_cases import check_cases

BEFORE = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from pyspark.context import SparkContext


    def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
        for alias, frame in mapping.items():
            frame.toDF().createOrReplaceTempView(alias)
        result = glueContext.spark_session.sql(query)
        return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


    glueContext = GlueContext(SparkContext.getOrCreate())
    orders = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
    totals = sparkSqlQuery(glueContext, query="select sum(amount) from o", mapping={"o": orders},
                           transformation_ctx="totals")
    positional = sparkSqlQuery(glueContext, "select 1", {}, "positional")
''')
AFTER = textwrap.dedent('''\
    from pyspark.sql import DataFrame
    from pyspark.sql import SparkSession


    def sparkSqlQuery(spark, query, mapping) -> DataFrame:
        for alias, frame in mapping.items():
            frame.createOrReplaceTempView(alias)
        result = spark.sql(query)
        return result


    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    orders = spark.read.table("main.sales_uc.orders")
    totals = sparkSqlQuery(spark, query="select sum(amount) from o", mapping={"o": orders})
    positional = sparkSqlQuery(spark, "select 1", {})
''')
CASES = [(BEFORE, AFTER, [
    (6, "Glue Studio helper", "converted", "StudioHelperDef"),
    (8, "DynamicFrame.toDF", "converted", "ToDF"),
    (9, "GlueContext.spark_session", "converted", "SparkSessionAttribute"),
    (10, "DynamicFrame.fromDF", "converted", "FromDF"),
    (13, "GlueContext", "converted", "GlueContextSetup"),
    (13, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
    (14, "GlueContext.create_dynamic_frame.from_catalog", "converted", "CatalogRead"),
    (15, "Glue Studio helper", "converted", "StudioHelperCall"),
    (17, "Glue Studio helper", "converted", "StudioHelperCall"),
])]

STUDIO_LAYOUT = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from pyspark.context import SparkContext


    def sparkAggregate(
        glueContext,
        parentFrame,
        groups,
        transformation_ctx,
    ) -> DynamicFrame:
        return DynamicFrame.fromDF(parentFrame.toDF().groupBy(*groups).count(), glueContext, transformation_ctx)


    glueContext = GlueContext(SparkContext.getOrCreate())
    counted = sparkAggregate(
        glueContext,
        parentFrame=orders,
        groups=["region"],
        transformation_ctx="counted",
    )
''')
STUDIO_LAYOUT_AFTER = textwrap.dedent('''\
    from pyspark.sql import DataFrame
    from pyspark.sql import SparkSession


    def sparkAggregate(
        spark,
        parentFrame,
        groups,
    ) -> DataFrame:
        return parentFrame.groupBy(*groups).count()


    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    counted = sparkAggregate(
        spark,
        parentFrame=orders,
        groups=["region"],
    )
''')
CASES.append((STUDIO_LAYOUT, STUDIO_LAYOUT_AFTER, [
    (6, "Glue Studio helper", "converted", "StudioHelperDef"),
    (12, "DynamicFrame.toDF", "converted", "ToDF"),
    (12, "DynamicFrame.fromDF", "converted", "FromDF"),
    (15, "GlueContext", "converted", "GlueContextSetup"),
    (15, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
    (16, "Glue Studio helper", "converted", "StudioHelperCall"),
]))

# A Data Preparation Recipe helper called with keywords: the GlueContext keyword follows the parameter's
# rename to `spark` while transformation_ctx goes (else: TypeError, unexpected keyword `glueContext`).
RECIPE = textwrap.dedent('''\
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from pyspark.context import SparkContext

    def applyRecipe_node1(inputFrame, glueContext, transformation_ctx):
        frame = inputFrame.toDF()
        return DynamicFrame.fromDF(frame.dropDuplicates(), glueContext, transformation_ctx)

    glueContext = GlueContext(SparkContext.getOrCreate())
    shipments = glueContext.create_dynamic_frame.from_catalog(database="logistics", table_name="shipments")
    Recipe_node1 = applyRecipe_node1(
        inputFrame=shipments,
        glueContext=glueContext,
        transformation_ctx="Recipe_node1")
''')
RECIPE_AFTER = textwrap.dedent('''\
    from pyspark.sql import SparkSession

    def applyRecipe_node1(inputFrame, spark):
        frame = inputFrame
        return frame.dropDuplicates()

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    shipments = spark.read.table("main.logistics.shipments")
    Recipe_node1 = applyRecipe_node1(
        inputFrame=shipments,
        spark=spark)
''')
CASES.append((RECIPE, RECIPE_AFTER, [
    (5, "Glue Studio helper", "converted", "StudioHelperDef"),
    (6, "DynamicFrame.toDF", "converted", "ToDF"),
    (7, "DynamicFrame.fromDF", "converted", "FromDF"),
    (9, "GlueContext", "converted", "GlueContextSetup"),
    (9, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
    (10, "GlueContext.create_dynamic_frame.from_catalog", "converted", "CatalogRead"),
    (11, "Glue Studio helper", "converted", "StudioHelperCall"),
]))

# Defined inside ``try`` with only ``from awsglue.transforms import *`` above it (which does not bring
# DynamicFrame): the name still means Glue's, so the annotation and ``fromDF`` convert and nothing is left
# undefined once the star import goes.
STAR_IN_TRY = textwrap.dedent('''\
    from awsglue.transforms import *
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    glueContext = GlueContext(SparkContext.getOrCreate())
    try:
        shipments = glueContext.create_dynamic_frame.from_catalog(database="logistics", table_name="shipments")

        def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
            for alias, frame in mapping.items():
                frame.toDF().createOrReplaceTempView(alias)
            result = glueContext.spark_session.sql(query)
            return DynamicFrame.fromDF(result, glueContext, transformation_ctx)

        late = sparkSqlQuery(glueContext, query="select * from s where late", mapping={"s": shipments},
                             transformation_ctx="late")
    except Exception as err:
        print(err)
''')
STAR_IN_TRY_AFTER = textwrap.dedent('''\
    from pyspark.sql import DataFrame
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    try:
        shipments = spark.read.table("main.logistics.shipments")

        def sparkSqlQuery(spark, query, mapping) -> DataFrame:
            for alias, frame in mapping.items():
                frame.createOrReplaceTempView(alias)
            result = spark.sql(query)
            return result

        late = sparkSqlQuery(spark, query="select * from s where late", mapping={"s": shipments})
    except Exception as err:
        print(err)
''')
CASES.append((STAR_IN_TRY, STAR_IN_TRY_AFTER, [
    (5, "GlueContext", "converted", "GlueContextSetup"),
    (5, "Spark SQL ANSI mode", "converted", "AnsiModeOff"),
    (7, "GlueContext.create_dynamic_frame.from_catalog", "converted", "CatalogRead"),
    (9, "Glue Studio helper", "converted", "StudioHelperDef"),
    (11, "DynamicFrame.toDF", "converted", "ToDF"),
    (12, "GlueContext.spark_session", "converted", "SparkSessionAttribute"),
    (13, "DynamicFrame.fromDF", "converted", "FromDF"),
    (15, "Glue Studio helper", "converted", "StudioHelperCall"),
]))

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)


# A Studio custom transform that takes the session off the GlueContext itself: the parameter becomes the
# session, so that line goes.
CUSTOM = textwrap.dedent('''\
    from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection


    def MyTransform(glueContext, dfc) -> DynamicFrameCollection:
        spark = glueContext.spark_session
        dfc.select(list(dfc.keys())[0]).toDF().createOrReplaceTempView("src")
        out = DynamicFrame.fromDF(spark.sql("select * from src where x > 1"), glueContext, "out")
        return DynamicFrameCollection({"out": out}, glueContext)


    def run(glueContext, frame):
        return MyTransform(glueContext, DynamicFrameCollection({"frame": frame}, glueContext))
''')
CUSTOM_AFTER = textwrap.dedent('''\


    def MyTransform(spark, dfc) -> dict:
        dfc[list(dfc.keys())[0]].createOrReplaceTempView("src")
        out = spark.sql("select * from src where x > 1")
        return dict({"out": out})


    def run(spark, frame):
        return MyTransform(spark, dict({"frame": frame}))
''')

test_custom_conversion, test_custom_idempotent, test_custom_residue, test_custom_review = check_cases([(
    CUSTOM, CUSTOM_AFTER, [
        (5, "GlueContext.spark_session", "converted", "SparkSessionAttribute"),
        (6, "DynamicFrameCollection.select", "converted", "SelectFromCollection"),
        (6, "DynamicFrame.toDF", "converted", "ToDF"),
        (7, "DynamicFrame.fromDF", "converted", "FromDF"),
        (8, "DynamicFrameCollection", "converted", "CollectionConstructor"),
        (12, "DynamicFrameCollection", "converted", "CollectionConstructor"),
    ])])
