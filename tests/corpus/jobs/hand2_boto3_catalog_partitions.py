"""Repair job: reads the catalog through boto3 to find new partitions, then loads them with Glue."""

import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database", "table", "region"])
glue = boto3.client("glue", region_name=args["region"])

partitions = []
paginator = glue.get_paginator("get_partitions")
for page in paginator.paginate(DatabaseName=args["database"], TableName=args["table"]):
    partitions.extend(p["Values"][0] for p in page["Partitions"])
latest = max(partitions)

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

frame = glueContext.create_dynamic_frame.from_catalog(
    database=args["database"],
    table_name=args["table"],
    push_down_predicate=f"dt = '{latest}'",
)
frame.toDF().createOrReplaceTempView("latest")
summary = spark.sql("SELECT dt, count(*) AS n FROM latest GROUP BY dt")
summary.write.mode("overwrite").saveAsTable("ops.partition_summary")

glue.start_crawler(Name=f"{args['table']}-crawler")
job.commit()
