"""Use the Glue connection's credentials with the plain Spark JDBC reader."""
import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "connection_name"])
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session

jdbc_conf = glue_context.extract_jdbc_conf(args["connection_name"])
# the connection url has no database; append it
url = jdbc_conf["url"] + "/inventory"

stock = (
    spark.read.format("jdbc")
    .option("url", url)
    .option("user", jdbc_conf["user"])
    .option("password", jdbc_conf["password"])
    .option("dbtable", "(select sku, warehouse, qty from stock where qty > 0) s")
    .option("fetchsize", 10000)
    .load()
)
stock.write.mode("overwrite").parquet("s3://inventory-lake/stock/")
