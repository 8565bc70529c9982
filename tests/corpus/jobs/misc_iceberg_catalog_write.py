import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import SparkSession

args = getResolvedOptions(sys.argv, ["JOB_NAME", "warehouse"])
# Iceberg needs the catalog configured before the session exists
spark = (
    SparkSession.builder.config("spark.sql.catalog.glue_catalog", "org.apache.iceberg.spark.SparkCatalog")
    .config("spark.sql.catalog.glue_catalog.warehouse", args["warehouse"])
    .config("spark.sql.catalog.glue_catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
    .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
    .getOrCreate()
)
glueContext = GlueContext(spark.sparkContext)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

updates = glueContext.create_data_frame.from_catalog(database="inventory", table_name="stock_updates")
updates.createOrReplaceTempView("updates")
spark.sql(
    """
    MERGE INTO glue_catalog.inventory.stock t
    USING updates u ON t.sku = u.sku
    WHEN MATCHED THEN UPDATE SET t.qty = u.qty
    WHEN NOT MATCHED THEN INSERT *
    """
)
job.commit()
