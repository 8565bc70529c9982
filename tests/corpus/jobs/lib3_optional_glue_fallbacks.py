"""Nightly stock snapshot: runs on Glue, and under pytest with plain PySpark."""
import sys

from pyspark.context import SparkContext
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

# awsglue exists only on the Glue workers
try:
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions

    RUNNING_ON_GLUE = True
except (ImportError, ModuleNotFoundError):
    GlueContext = None  # unit tests build their own session
    Job = None
    getResolvedOptions = None
    RUNNING_ON_GLUE = False


def glue_available() -> bool:
    """True where the Glue libraries can be imported."""
    try:
        from awsglue.utils import getResolvedOptions  # noqa: F401
        return True
    except ImportError:
        # laptops and CI
        return False


def latest_levels(stock: DataFrame) -> DataFrame:
    ranked = stock.withColumn("rank", F.row_number().over(
        __import__("pyspark.sql.window", fromlist=["Window"]).Window.partitionBy("sku").orderBy(F.desc("counted_at"))))
    return ranked.filter("rank = 1").drop("rank")


def run(argv) -> None:
    args = getResolvedOptions(argv, ["JOB_NAME", "snapshot_path"])
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    stock = glue_context.create_dynamic_frame.from_catalog(database="warehouse", table_name="stock_counts").toDF()
    latest_levels(stock).write.mode("overwrite").parquet(args["snapshot_path"])
    job.commit()


if __name__ == "__main__":
    run(sys.argv)
