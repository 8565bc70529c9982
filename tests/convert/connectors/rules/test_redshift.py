"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.redshift``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def load(glueContext, day):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="redshift",
        connection_options={
            "url": "jdbc:redshift://dwh.example:5439/analytics",
            "query": f"select * from sales.orders where day = '{day}'",
            "redshiftTmpDir": "s3://acme-tmp/unload/",
            "aws_iam_role": "arn:aws:iam::123456789012:role/redshift-unload",
            "connectionName": "dwh",
        },
    )
""",
                 """def load(spark, day):
    return (
        spark.read.format("redshift")
        .option("url", "jdbc:redshift://dwh.example:5439/analytics")
        .option("query", f"select * from sales.orders where day = '{day}'")
        .option("aws_iam_role", "arn:aws:iam::123456789012:role/redshift-unload")
        .option("tempdir", "s3://acme-tmp/unload/")
        .load()
    )
""",
                 [('RedshiftRead', 'converted')], id='redshift_query_iam'),
    pytest.param("""from pyspark.context import SparkContext
import sys

from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir"])
glueContext = GlueContext(SparkContext.getOrCreate())
## @type: DataSource
## @args: [database = "dw_catalog", table_name = "dev_sales_orders", redshift_tmp_dir = TempDir, transformation_ctx = "datasource0"]
datasource0 = glueContext.create_dynamic_frame.from_catalog(database="dw_catalog", table_name="dev_sales_orders", redshift_tmp_dir=args["TempDir"], transformation_ctx="datasource0")
customers = glueContext.create_dynamic_frame.from_catalog(
    database="dw_catalog", table_name="dev_sales_customers", redshift_tmp_dir=args["TempDir"],
    additional_options={"aws_iam_role": "arn:aws:iam::111122223333:role/redshift-unload"})
lake = glueContext.create_dynamic_frame.from_catalog(database="lake", table_name="events", redshift_tmp_dir="")
glueContext.write_dynamic_frame.from_catalog(frame=datasource0, database="dw_catalog", table_name="dev_sales_orders_copy",
                                             redshift_tmp_dir=args["TempDir"])
""",
                 """import sys
import g2l_helpers
from pyspark.sql import SparkSession

args = g2l_helpers.job_arguments(sys.argv, [])
spark = SparkSession.builder.getOrCreate()
# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors.
spark.conf.set("spark.sql.ansi.enabled", "false")
## @type: DataSource
## @args: [database = "dw_catalog", table_name = "dev_sales_orders", redshift_tmp_dir = TempDir, transformation_ctx = "datasource0"]
# g2l: review: Glue read this catalog table through a Redshift connection (redshift_tmp_dir): main.dw_catalog.dev_sales_orders reaches it only as a Lakehouse Federation table (a foreign catalog on the Redshift database, named by the catalog and schema_map settings); otherwise read with spark.read.format('redshift') and the connection's url, dbtable (Redshift schema.table) and tempdir
datasource0 = spark.read.table("main.dw_catalog.dev_sales_orders")
# g2l: review: Glue read this catalog table through a Redshift connection (aws_iam_role): main.dw_catalog.dev_sales_customers reaches it only as a Lakehouse Federation table (a foreign catalog on the Redshift database, named by the catalog and schema_map settings); otherwise read with spark.read.format('redshift') and the connection's url, dbtable (Redshift schema.table) and tempdir
customers = spark.read.table("main.dw_catalog.dev_sales_customers")
lake = spark.read.table("main.lake.events")
# g2l: review: Glue wrote this catalog table through a Redshift connection (redshift_tmp_dir): a Lakehouse Federation catalog is read-only, so unless main.dw_catalog.dev_sales_orders_copy is a Delta table, write with df.write.format('redshift') and the connection's url, dbtable (Redshift schema.table) and tempdir
datasource0.write.mode("append").saveAsTable("main.dw_catalog.dev_sales_orders_copy")
""",
                 [('ResolvedOptions', 'converted_with_helper'), ('GlueContextSetup', 'converted'), ('AnsiModeOff', 'converted'), ('RedshiftCatalogTable', 'flagged'), ('CatalogRead', 'converted'), ('RedshiftCatalogTable', 'flagged'), ('CatalogRead', 'converted'), ('CatalogRead', 'converted'), ('RedshiftCatalogTable', 'flagged'), ('CatalogWrite', 'converted')], id='redshift_catalog_tables_flagged'),
    pytest.param("""class CatalogReader:
    def __init__(self, glue_context, temp_dir=None):
        self.glue_context = glue_context
        self.temp_dir = temp_dir

    def read(self, database, table):
        return self.glue_context.create_dynamic_frame.from_catalog(
            database=database, table_name=table, redshift_tmp_dir=self.temp_dir).toDF()
""",
                 """class CatalogReader:
    def __init__(self, spark, temp_dir=None):
        self.spark = spark
        self.temp_dir = temp_dir

    def read(self, database, table):
        return self.spark.read.table(f"main.`{database}`.`{table}`")
""",
                 [('CatalogRead', 'converted'), ('ToDF', 'converted')], id='staging_folder_passed_through_noted'),
]

test_connector_rule = check_cases(CASES)
