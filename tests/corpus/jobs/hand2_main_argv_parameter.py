"""Billing rollup: everything happens in main(argv), so tests can pass their own arguments."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F


def build_rollup(glue_context, database):
    invoices = glue_context.create_dynamic_frame.from_catalog(database=database, table_name="invoices").toDF()
    return invoices.groupBy("account_id").agg(F.sum("amount").alias("billed"))


def main(argv):
    args = getResolvedOptions(argv, ["JOB_NAME", "database", "output"])
    sc = SparkContext.getOrCreate()
    glue_context = GlueContext(sc)
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    rollup = build_rollup(glue_context, args["database"])
    rollup.write.mode("overwrite").parquet(args["output"])
    job.commit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
