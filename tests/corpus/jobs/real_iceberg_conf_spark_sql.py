import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark.conf import SparkConf

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'WAREHOUSE', 'NAMESPACE'])
WAREHOUSE = args.get("WAREHOUSE")
NAMESPACE = args.get("NAMESPACE")

# Spark configuration for the Iceberg catalog
conf = SparkConf()
conf.set("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
conf.set("spark.sql.catalog.lake.warehouse", WAREHOUSE)
conf.set("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")

sparkContext = SparkContext(conf=conf)
glueContext = GlueContext(sparkContext)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

spark.sql(f"CREATE TABLE IF NOT EXISTS lake.{NAMESPACE}.sessions (id string, started timestamp) USING iceberg")
spark.sql(f"DELETE FROM lake.{NAMESPACE}.sessions WHERE started < date_sub(current_date(), 90)")
job.commit()
