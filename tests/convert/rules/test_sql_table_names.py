"""Before -> after for Glue table names inside Spark SQL text (``table_names.SqlTextTableName``,
``sql_texts``): qualified in place, the SQL's own layout and comments kept; names built at run time from a
database ``schema_map`` maps are flagged (options: ``rule_cases``, ``sales`` -> ``sales_uc``)."""

import textwrap

import pytest

from rule_cases import SETUP, check_cases

SESSION = '''\
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
'''
ANSI = '''\
# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
spark.conf.set("spark.sql.ansi.enabled", "false")
'''


def case(before: str, after: str, decisions, id: str):
    """A case over a module that builds the session (converted output sets ANSI mode after it)."""
    return pytest.param(SESSION + textwrap.dedent(before), SESSION + ANSI + textwrap.dedent(after),
                        [(3, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'), *decisions], id=id)


def sql(line: int, action: str = "converted", fstring: bool = False):
    """A decision at a SQL text (made at its first literal part: an f-string's is its text)."""
    return (line, "Spark SQL table name", action, "FStringSqlTableName" if fstring else "SqlTextTableName")


CASES = [
    case('''\
        joined = spark.sql("SELECT o.id, c.name FROM sales.orders o JOIN crm.customers c ON o.cid = c.id")
        ''', '''\
        joined = spark.sql("SELECT o.id, c.name FROM main.sales_uc.orders o JOIN main.crm.customers c ON o.cid = c.id")
        ''', [sql(4)], id="select_join"),
    case('''\
        spark.sql("""
            -- totals of the day, appended
            INSERT INTO reporting.daily_totals
            SELECT dt, SUM(amount) AS total
            FROM   Sales.Orders   -- mixed case as written
            GROUP BY dt
        """)
        ''', '''\
        spark.sql("""
            -- totals of the day, appended
            INSERT INTO main.reporting.daily_totals
            SELECT dt, SUM(amount) AS total
            FROM   main.sales_uc.orders   -- mixed case as written
            GROUP BY dt
        """)
        ''', [sql(4)], id="insert_triple_quoted_comments_kept"),
    case('''\
        spark.sql(
            "MERGE INTO sales.orders t "
            "USING updates u ON t.id = u.id "
            'WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *'
        )
        spark.sql("CREATE TABLE IF NOT EXISTS reporting.top USING delta AS SELECT * FROM sales.orders LIMIT 10")
        ''', '''\
        spark.sql(
            "MERGE INTO main.sales_uc.orders t "
            "USING updates u ON t.id = u.id "
            'WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *'
        )
        spark.sql("CREATE TABLE IF NOT EXISTS main.reporting.top USING delta AS SELECT * FROM main.sales_uc.orders LIMIT 10")
        ''', [sql(4), sql(9)], id="merge_concatenated_and_ctas"),
    case('''\
        DAILY = """SELECT * FROM sales.orders WHERE dt = '{}'"""


        def load(dt, table):
            query = "SELECT COUNT(*) FROM web.clicks"
            counted = spark.sql(query)
            today = spark.sql(DAILY.format(dt))
            late = spark.sql(f"SELECT * FROM sales.returns WHERE dt = '{dt}' -- {{ literal braces }}")
            kept = spark.sql(f"SELECT * FROM {table} JOIN web.{table}_v2")
            return spark.sql(f"SELECT * FROM sales.{table}"), counted, today, late, kept
        ''', '''\
        DAILY = """SELECT * FROM main.sales_uc.orders WHERE dt = '{}'"""


        def load(dt, table):
            query = "SELECT COUNT(*) FROM main.web.clicks"
            counted = spark.sql(query)
            today = spark.sql(DAILY.format(dt))
            late = spark.sql(f"SELECT * FROM main.sales_uc.returns WHERE dt = '{dt}' -- {{ literal braces }}")
            kept = spark.sql(f"SELECT * FROM {table} JOIN web.{table}_v2")
            # g2l: review: the table name is built at run time; it names Glue database sales -> main.sales_uc: on Databricks a two-part name resolves in the current catalog, so name the Unity Catalog table in full
            return spark.sql(f"SELECT * FROM sales.{table}"), counted, today, late, kept
        ''', [sql(4), sql(8), sql(11, fstring=True), sql(13, "flagged", fstring=True)], id="variables_format_and_fstrings"),
    case('''\
        kept = [
            spark.sql("SELECT * FROM main.sales_uc.orders o JOIN updates u ON o.id = u.id"),
            spark.sql("WITH recent AS (SELECT * FROM events) SELECT * FROM recent JOIN global_temp.lookup"),
            spark.sql("SELECT * FROM parquet.`s3://bucket/raw/orders/` UNION ALL SELECT * FROM delta.`/mnt/x`"),
            spark.sql("select * from tbl where note = 'see sales.orders'"),
            spark.read.format("jdbc").option("query", "SELECT * FROM sales.orders").load(),
        ]
        spark.sql("MSCK REPAIR TABLE sales.orders")
        spark.sql("OPTIMIZE web.clicks")
        spark.sql("SELECT sales.orders.id FROM sales.orders")
        spark.sql(b"SELECT * FROM sales.orders")
        ''', '''\
        kept = [
            spark.sql("SELECT * FROM main.sales_uc.orders o JOIN updates u ON o.id = u.id"),
            spark.sql("WITH recent AS (SELECT * FROM events) SELECT * FROM recent JOIN global_temp.lookup"),
            spark.sql("SELECT * FROM parquet.`s3://bucket/raw/orders/` UNION ALL SELECT * FROM delta.`/mnt/x`"),
            spark.sql("select * from tbl where note = 'see sales.orders'"),
            spark.read.format("jdbc").option("query", "SELECT * FROM sales.orders").load(),
        ]
        # g2l: review: g2l could not read this SQL; it names Glue database sales -> main.sales_uc: on Databricks a two-part name resolves in the current catalog, so name the Unity Catalog table in full
        spark.sql("MSCK REPAIR TABLE sales.orders")
        spark.sql("OPTIMIZE web.clicks")
        spark.sql("SELECT main.sales_uc.orders.id FROM main.sales_uc.orders")
        spark.sql(b"SELECT * FROM sales.orders")
        ''', [sql(11, "flagged"), sql(13)], id="left_as_written"),
    case('''\
        spark.sql("SELECT * FROM `raw-events`.`2024_clicks` e JOIN sales.`order-lines` l ON e.id = l.id")
        spark.sql('SELECT * FROM sales.orders WHERE note = \\'it\\\\\\'s\\'\\n AND id IN (SELECT id FROM web.clicks)')
        ''', '''\
        spark.sql("SELECT * FROM main.`raw-events`.`2024_clicks` e JOIN main.sales_uc.`order-lines` l ON e.id = l.id")
        spark.sql('SELECT * FROM main.sales_uc.orders WHERE note = \\'it\\\\\\'s\\'\\n AND id IN (SELECT id FROM main.web.clicks)')
        ''', [sql(4), sql(5)], id="backticks_and_escapes"),
    pytest.param(
        SETUP + textwrap.dedent('''\
            from awsglue import DynamicFrame
            import duckdb


            def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
                for alias, frame in mapping.items():
                    frame.toDF().createOrReplaceTempView(alias)
                result = spark.sql(query)
                return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


            spark = glueContext.spark_session
            src = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
            SqlQuery0 = """
            select s.*, r.region_name from myDataSource s
            join ref.regions r on s.region = r.id
            """
            joined = sparkSqlQuery(glueContext, query=SqlQuery0, mapping={"myDataSource": src}, transformation_ctx="joined")
            counts = glueContext.sql("SELECT COUNT(*) FROM sales.orders WHERE dt = '%s'" % dt)
            local = duckdb.sql("SELECT * FROM sales.orders")
        '''),
        textwrap.dedent('''\
            from pyspark.sql import DataFrame
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.getOrCreate()
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            import duckdb


            def sparkSqlQuery(spark, query, mapping) -> DataFrame:
                for alias, frame in mapping.items():
                    frame.createOrReplaceTempView(alias)
                result = spark.sql(query)
                return result


            src = spark.read.table("main.sales_uc.orders")
            SqlQuery0 = """
            select s.*, r.region_name from myDataSource s
            join main.ref.regions r on s.region = r.id
            """
            joined = sparkSqlQuery(spark, query=SqlQuery0, mapping={"myDataSource": src})
            counts = spark.sql("SELECT COUNT(*) FROM main.sales_uc.orders WHERE dt = '%s'" % dt)
            local = duckdb.sql("SELECT * FROM sales.orders")
        '''),
        [
            (6, 'GlueContext', 'converted', 'GlueContextSetup'),
            (6, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (11, 'Glue Studio helper', 'converted', 'StudioHelperDef'),
            (13, 'DynamicFrame.toDF', 'converted', 'ToDF'),
            (15, 'DynamicFrame.fromDF', 'converted', 'FromDF'),
            (18, 'GlueContext.spark_session', 'converted', 'SparkSessionAttribute'),
            (19, 'GlueContext.create_dynamic_frame.from_catalog', 'converted', 'CatalogRead'),
            sql(20),
            (24, 'Glue Studio helper', 'converted', 'StudioHelperCall'),
            sql(25),
        ],
        id="studio_query_parameter_glue_context_sql_percent_other_engines",
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
