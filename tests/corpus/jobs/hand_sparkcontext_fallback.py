"""Run on Glue or locally: the local fallback builds its own SparkContext."""
import sys

from pyspark import SparkConf
from pyspark.context import SparkContext

try:
    from awsglue.context import GlueContext
    from awsglue.utils import getResolvedOptions

    args = getResolvedOptions(sys.argv, ["input_path"])
    glue_context = GlueContext(SparkContext.getOrCreate())
    spark = glue_context.spark_session
except ImportError:
    # local development: no Glue libraries
    conf = SparkConf().setAppName("local-dev").setMaster("local[2]")
    sc = SparkContext(conf=conf)
    from pyspark.sql import SparkSession

    spark = SparkSession(sc)
    args = {"input_path": "data/input.csv"}

df = spark.read.option("header", "true").csv(args["input_path"])
df.groupBy("category").count().show()
