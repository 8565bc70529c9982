"""Hand-written transformer class taking both the SparkSession and the GlueContext, built under __main__."""
import sys
from typing import Dict

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F


class MeterReadingTransformer:
    def __init__(self, args: Dict[str, str], spark, glueContext):
        self.args = args
        self.spark = spark
        self.glueContext = glueContext
        self.job = Job(glueContext)
        self.job.init(args["JOB_NAME"], args)

    def run(self):
        readings = self.glueContext.create_dynamic_frame.from_catalog(
            database=self.args["SOURCE_DB"],
            table_name="meter_readings",
            transformation_ctx="readings",
        ).toDF()
        daily = readings.groupBy("meter_id", F.to_date("read_at").alias("read_day")).agg(F.sum("kwh").alias("kwh"))
        daily.write.mode("overwrite").partitionBy("read_day").parquet(self.args["TARGET_PATH"])
        self.job.commit()


def summarise(spark, glueContext, target):
    # counts per meter, written beside the daily totals
    totals = glueContext.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={"paths": [target]}, format="parquet").toDF()
    return totals.groupBy("meter_id").count()


if __name__ == "__main__":
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "SOURCE_DB", "TARGET_PATH"])
    sc = SparkContext.getOrCreate()
    glueContext = GlueContext(sc)
    spark = glueContext.spark_session
    MeterReadingTransformer(args, spark, glueContext=glueContext).run()
    summarise(spark, glueContext, args["TARGET_PATH"]).show()
