"""Entry point wrapped in main(), with argument parsing that also works locally."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F


def parse_args(argv):
    # optional arguments are looked up only when present on the command line
    args = getResolvedOptions(argv, ["JOB_NAME"])
    if "--limit" in argv:
        args.update(getResolvedOptions(argv, ["limit"]))
    return args


def transform(df, limit=None):
    df = df.withColumn("amount_usd", F.col("amount") * F.col("fx_rate"))
    return df.limit(int(limit)) if limit else df


def main():
    args = parse_args(sys.argv)
    sc = SparkContext()
    glue_context = GlueContext(sc)
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    payments = glue_context.create_dynamic_frame.from_catalog(database="payments", table_name="payments_raw").toDF()
    transform(payments, args.get("limit")).write.mode("overwrite").parquet("s3://payments-lake/usd/")
    job.commit()


if __name__ == "__main__":
    main()
