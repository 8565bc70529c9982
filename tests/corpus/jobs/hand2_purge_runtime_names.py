import sys
from datetime import datetime

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F


def start(job_args):
    sc = SparkContext()
    glue_ctx = GlueContext(sc)
    job = Job(glue_ctx)
    job.init(job_args["JOB_NAME"], job_args)
    return job, glue_ctx, glue_ctx.spark_session


def empty_target(glue_ctx, session, database, table):
    """Start from an empty table: the snapshot is rewritten in full every night."""
    if session.catalog.tableExists(table, database):
        glue_ctx.purge_table(database, table, {"retentionPeriod": 0})


def drop_day(glue_ctx, database, run_day):
    glue_ctx.purge_table(database, "tariff_history", options={
        "retentionPeriod": 0,
        "partitionPredicate": f"valid_day = '{run_day}'",
    })


def main():
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "target_database", "target_table", "tariff_path"])
    job, glue_ctx, session = start(args)
    run_day = datetime.utcnow().strftime("%Y-%m-%d")

    tariffs = session.read.option("header", "true").csv(args["tariff_path"])
    tariffs = tariffs.withColumn("valid_day", F.lit(run_day))

    empty_target(glue_ctx, session, args["target_database"], args["target_table"])
    drop_day(glue_ctx, args["target_database"], run_day)

    frame = DynamicFrame.fromDF(tariffs, glue_ctx, "tariffs")
    glue_ctx.write_dynamic_frame.from_catalog(
        frame=frame,
        database=args["target_database"],
        table_name=args["target_table"],
    )
    job.commit()


if __name__ == "__main__":
    main()
