"""Before -> after for the rules in ``g2l_core.convert.transforms``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from g2l_core.convert import convert_source
from rule_cases import OPTIONS, SETUP, check_cases

CASES = [
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            mapped = ApplyMapping.apply(
                frame=dyf,
                mappings=[
                    ("id", "string", "id", "long"),
                    ("customer.name", "string", "customer_name", "string"),
                    ("amount", "string", "amount", "decimal(10,2)"),
                ],
                transformation_ctx="map",
            )
            m2 = dyf.apply_mapping([("id", "string", "order_id", "string")])
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession
            from pyspark.sql import functions as F

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            mapped = dyf.select(
                F.col("id").try_cast("bigint").alias("id"),
                F.col("customer.name").alias("customer_name"),
                F.col("amount").try_cast("decimal(10,2)").alias("amount"),
            )
            m2 = dyf.select(F.col("id").alias("order_id"))
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'ApplyMapping', 'converted', 'ApplyMappingRule'),
            (17, 'DynamicFrame.apply_mapping', 'converted', 'ApplyMappingRule'),
        ],
        id='apply_mapping',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            a = SelectFields.apply(frame=dyf, paths=["id", "amount"])
            b = DropFields.apply(frame=dyf, paths=["tmp", "address.zip"])
            c = RenameField.apply(frame=dyf, old_name="amt", new_name="amount")
            d = dyf.select_fields(["id"]).drop_fields(["x"]).rename_field("a", "b")
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession
            from pyspark.sql import functions as F

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            a = dyf.select("id", "amount")
            b = dyf.drop("tmp").withColumn("address", F.col("address").dropFields("zip"))
            c = dyf.withColumnRenamed("amt", "amount")
            d = dyf.select("id").drop("x").withColumnRenamed("a", "b")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'SelectFields', 'converted', 'SelectFieldsRule'),
            (9, 'DropFields', 'converted', 'DropFieldsRule'),
            (10, 'RenameField', 'converted', 'RenameFieldRule'),
            (11, 'DynamicFrame.select_fields', 'converted', 'SelectFieldsRule'),
            (11, 'DynamicFrame.drop_fields', 'converted', 'DropFieldsRule'),
            (11, 'DynamicFrame.rename_field', 'converted', 'RenameFieldRule'),
        ],
        id='fields',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            a = ResolveChoice.apply(frame=dyf, specs=[("price", "cast:double"), ("qty", "project:int")])
            b = ResolveChoice.apply(dyf, specs=[("code", "make_cols")])
            c = dyf.resolveChoice(specs=[("code", "make_struct")])
            d = ResolveChoice.apply(dyf, choice="match_catalog", database="sales", table_name="orders")
            e = ResolveChoice.apply(dyf, choice="make_cols")
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession
            from pyspark.sql import functions as F

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            a = (
                dyf.withColumn("price", F.col("price").try_cast("double"))
                .withColumn("qty", F.col("qty").try_cast("int"))
            )
            # g2l: review: make_cols: Glue gives one column per type seen (col_long, col_string); a Spark column has one type, so check the code that reads the split columns
            b = g2l_helpers.resolve_choice(dyf, [["code", "make_cols"]])
            c = g2l_helpers.resolve_choice(dyf, [["code", "make_struct"]])
            d = g2l_helpers.match_catalog(dyf, "main.sales_uc.orders")
            # g2l: review: make_cols: Glue gives one column per type seen (col_long, col_string); a Spark column has one type, so check the code that reads the split columns
            e = dyf
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'ResolveChoice', 'converted', 'ResolveChoiceRule'),
            (9, 'ResolveChoice', 'flagged', 'ResolveChoiceRule'),
            (10, 'DynamicFrame.resolveChoice', 'converted_with_helper', 'ResolveChoiceRule'),
            (11, 'ResolveChoice', 'converted_with_helper', 'ResolveChoiceRule'),
            (12, 'ResolveChoice', 'flagged', 'ResolveChoiceRule'),
        ],
        id='resolve_choice',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            clean = DropNullFields.apply(frame=dyf)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            clean = g2l_helpers.drop_null_fields(dyf)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'DropNullFields', 'converted_with_helper', 'DropNullFieldsRule'),
        ],
        id='drop_null_fields',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            a = Filter.apply(frame=dyf, f=lambda r: r["amount"] > 5 and r["status"] == "x")
            b = Filter.apply(frame=dyf, f=lambda r: not (r["status"] in ("a", "b") or r["code"] != "z"))
            c = dyf.filter(lambda r: r["name"].startswith("A") and r["note"] is not None)
            d = Filter.apply(frame=dyf, f=lambda r: sum(r["xs"]) > 3)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession
            from pyspark.sql import functions as F

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            a = dyf.filter((F.col("amount") > 5) & (F.col("status") == "x"))
            b = dyf.filter(
                ((~F.col("status").isin("a", "b")) | (F.col("status").isNull())) & (F.col("code") == "z")
            )
            c = dyf.filter((F.col("name").startswith("A")) & (F.col("note").isNotNull()))
            # g2l: review: Filter function runs as a Python UDF; rewrite it as a Column expression for speed
            d = g2l_helpers.filter_records(dyf, lambda r: sum(r["xs"]) > 3)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'Filter', 'converted', 'FilterRule'),
            (9, 'Filter', 'converted', 'FilterRule'),
            (10, 'DynamicFrame.filter', 'converted', 'FilterRule'),
            (11, 'Filter', 'converted_with_helper', 'FilterRule'),
        ],
        id='filter',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")


            def add_total(rec):
                rec["total"] = rec["price"] * rec["qty"]
                return rec


            mapped = Map.apply(frame=dyf, f=add_total)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")


            def add_total(rec):
                rec["total"] = rec["price"] * rec["qty"]
                return rec


            # g2l: review: record function runs per row via mapInPandas; output schema inferred from a sample: pass schema= or rewrite with withColumn
            mapped = g2l_helpers.map_records(dyf, add_total)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (15, 'Map', 'flagged', 'MapRule'),
        ],
        id='map',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            orders = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            people = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="people")
            joined = Join.apply(orders, people, "customer_id", "id")
            j2 = orders.join(["customer_id"], ["id"], people)
            both = Union.apply(frame1=orders, frame2=people)
            u2 = orders.union(people)
        '''),
        textwrap.dedent('''\
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            orders = spark.read.table("main.sales_uc.orders")
            people = spark.read.table("main.sales_uc.people")
            joined = orders.join(people, orders["customer_id"] == people["id"], "inner")
            j2 = orders.join(people, orders["customer_id"] == people["id"], "inner")
            both = orders.unionByName(people, allowMissingColumns=True)
            u2 = orders.unionByName(people, allowMissingColumns=True)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (9, 'Join', 'converted', 'JoinRule'),
            (10, 'DynamicFrame.join', 'converted', 'JoinRule'),
            (11, 'Union', 'converted', 'UnionRule'),
            (12, 'DynamicFrame.union', 'converted', 'UnionRule'),
        ],
        id='join_union',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            parts = SplitFields.apply(frame=dyf, paths=["id", "amount"], name1="ids", name2="rest")
            ids = SelectFromCollection.apply(dfc=parts, key="ids")
            rows = SplitRows.apply(frame=dyf, comparison_dict={"amount": {">": 10}}, name1="big", name2="small")
            big = rows.select("big")
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            parts = g2l_helpers.split_columns(dyf, ["id", "amount"], name1="ids", name2="rest")
            ids = parts["ids"]
            rows = g2l_helpers.split_by_filter(dyf, {"amount": {">": 10}}, name1="big", name2="small")
            big = rows["big"]
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'SplitFields', 'converted_with_helper', 'SplitFieldsRule'),
            (9, 'SelectFromCollection', 'converted', 'SelectFromCollection'),
            (10, 'SplitRows', 'converted_with_helper', 'SplitRowsRule'),
            (11, 'DynamicFrameCollection.select', 'converted', 'SelectFromCollection'),
        ],
        id='split',
    ),
    pytest.param(
        SETUP + textwrap.dedent('''\
            dyf = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            tables = Relationalize.apply(frame=dyf, staging_path="s3://tmp/", name="root")
            unboxed = Unbox.apply(frame=dyf, path="payload", format="json")
            flat = UnnestFrame.apply(frame=dyf)
        '''),
        textwrap.dedent('''\
            import g2l_helpers
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            dyf = spark.read.table("main.sales_uc.orders")
            # g2l: review: Relationalize: child-table join ids are generated, not Glue's; check consumers of the child tables
            tables = g2l_helpers.flatten_to_tables(dyf, root="root")
            unboxed = g2l_helpers.parse_string_column(dyf, "payload", "json")
            flat = g2l_helpers.flatten_struct_columns(dyf)
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (7, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            (8, 'Relationalize', 'converted_with_helper', 'RelationalizeRule'),
            (9, 'Unbox', 'converted_with_helper', 'UnboxRule'),
            (10, 'UnnestFrame', 'converted_with_helper', 'UnnestRule'),
        ],
        id='relationalize',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)


@pytest.mark.parametrize(("call", "message"), [
    ("SelectFields.apply(paths=['a'])", "SelectFields without frame/paths"),
    ("DropFields.apply(frame=dyf)", "DropFields without frame/paths"),
    ("RenameField.apply(frame=dyf, old_name='a')", "RenameField without frame/names"),
    ("ResolveChoice.apply(specs=[('a', 'cast:int')])", "ResolveChoice without frame"),
    ("Filter.apply(frame=dyf)", "Filter without frame/function"),
    ("Map.apply(f=fix)", "Map without frame/function"),
])
def test_a_transform_missing_its_frame_or_arguments_is_flagged_not_guessed(call, message):
    source = SETUP + "dyf = glueContext.create_dynamic_frame.from_catalog(database='sales', table_name='t')\n" \
        + f"out = {call}\n"
    result = convert_source(source, "job.py", OPTIONS)
    flagged = [d for d in result.decisions if d.action == "flagged"]
    assert [d.message for d in flagged] == [message]
    assert f"# g2l: review: {message}" in result.code
