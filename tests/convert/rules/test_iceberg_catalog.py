"""Before -> after for ``g2l_core.convert.iceberg_catalog`` (and the three-level names of ``table_names``): Iceberg
tables of the Glue catalog named ``glue_catalog.<database>.<table>`` become their Unity Catalog tables, and the
Spark settings that defined that catalog go."""

import textwrap

import pytest

from g2l_core.convert.sql_names import replace, table_references
from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            import sys
            from awsglue.context import GlueContext
            from awsglue.utils import getResolvedOptions
            from pyspark.sql import SparkSession

            args = getResolvedOptions(sys.argv, ["JOB_NAME", "warehouse"])
            spark = (
                SparkSession.builder.config("spark.sql.catalog.glue_catalog", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.glue_catalog.warehouse", args["warehouse"])
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.shuffle.partitions", "64")
                .getOrCreate()
            )
            glueContext = GlueContext(spark.sparkContext)
            spark.conf.set("spark.sql.catalog.glue_catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
            parcels = spark.table("glue_catalog.sales.parcels")
            parcels.writeTo("glue_catalog.sales.parcels_daily").append()
            spark.sql("""
                MERGE INTO glue_catalog.sales.parcels_latest t  -- keyed by parcel
                USING glue_catalog.sales.parcels s ON t.parcel_id = s.parcel_id
                WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *
            """)
            spark.sql(f"DELETE FROM glue_catalog.sales.parcels WHERE day < '{args['warehouse']}'")
        '''),
        textwrap.dedent('''\
            import sys
            from pyspark.sql import SparkSession
            import g2l_helpers

            args = g2l_helpers.job_arguments(sys.argv, ["warehouse"])
            spark = (
                SparkSession.builder
                .config("spark.sql.shuffle.partitions", "64")
                .getOrCreate()
            )
            # As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
            spark.conf.set("spark.sql.ansi.enabled", "false")
            parcels = spark.table("main.sales_uc.parcels")
            parcels.writeTo("main.sales_uc.parcels_daily").append()
            spark.sql("""
                MERGE INTO main.sales_uc.parcels_latest t  -- keyed by parcel
                USING main.sales_uc.parcels s ON t.parcel_id = s.parcel_id
                WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *
            """)
            spark.sql(f"DELETE FROM main.sales_uc.parcels WHERE day < '{args['warehouse']}'")
        '''),
        [
            (6, 'getResolvedOptions', 'converted_with_helper', 'ResolvedOptions'),
            (7, 'Spark SQL ANSI mode', 'converted', 'AnsiModeOff'),
            (8, 'Iceberg Glue catalog', 'converted', 'IcebergCatalogSetting'),
            (8, 'Iceberg Glue catalog', 'converted', 'IcebergCatalogSetting'),
            (8, 'Iceberg Glue catalog', 'converted', 'IcebergCatalogSetting'),
            (14, 'GlueContext', 'converted', 'GlueContextSetup'),
            (15, 'Iceberg Glue catalog', 'converted', 'IcebergCatalogSetting'),
            (16, 'Iceberg Glue catalog', 'converted', 'TwoLevelTableName'),
            (17, 'Iceberg Glue catalog', 'converted', 'TwoLevelTableName'),
            (18, 'Spark SQL table name', 'converted', 'SqlTextTableName'),
            (23, 'Spark SQL table name', 'converted', 'FStringSqlTableName'),
        ],
        id="settings_names_sql",
    ),
]


test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)


def sql_with_uc_names(sql: str) -> str:
    return replace(sql, [(r.start, r.end, f"main.{r.database}.{r.table}") for r in table_references(sql) or []])


def test_sql_names_replaced_and_the_rest_kept():
    sql = "select 'glue_catalog.a.b' as s, x from glue_catalog.a.b join `glue_catalog`.c.`d` -- glue_catalog.e.f"
    assert sql_with_uc_names(sql) == (
        "select 'glue_catalog.a.b' as s, x from main.a.b join main.c.d -- glue_catalog.e.f")
    assert sql_with_uc_names("select * from other.a.b") == "select * from other.a.b"
