"""Refreshes an Athena view after the load; reads its credentials and config from other AWS services."""
import json
import sys
import time

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "secret_id", "results"])
secrets = boto3.client("secretsmanager")
dynamodb = boto3.resource("dynamodb")
athena = boto3.client("athena")

api_key = json.loads(secrets.get_secret_value(SecretId=args["secret_id"])["SecretString"])["api_key"]
settings = dynamodb.Table("etl_settings").get_item(Key={"job": args["JOB_NAME"]})["Item"]

glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
frame = glueContext.create_dynamic_frame.from_catalog(database=settings["database"], table_name="visits")
frame.toDF().write.mode("append").saveAsTable("analytics.visits_history")

query = athena.start_query_execution(
    QueryString="CREATE OR REPLACE VIEW analytics.visits_latest AS SELECT * FROM analytics.visits_history",
    ResultConfiguration={"OutputLocation": args["results"]},
)
while athena.get_query_execution(QueryExecutionId=query["QueryExecutionId"])["QueryExecution"]["Status"]["State"] in ("QUEUED", "RUNNING"):
    time.sleep(2)
job.commit()
