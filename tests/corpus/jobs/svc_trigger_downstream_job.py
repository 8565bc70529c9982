"""Loads the ledger, then starts the reconciliation job and waits for it (hand-rolled orchestration)."""
import sys
import time

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "region", "next_job"])
session = boto3.Session(region_name=args["region"])
glue = session.client("glue")
sns = session.client("sns")

glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

ledger = glueContext.create_dynamic_frame.from_catalog(database="finance", table_name="ledger_raw")
glueContext.write_dynamic_frame.from_catalog(frame=ledger, database="finance", table_name="ledger")

run_id = glue.start_job_run(JobName=args["next_job"], Arguments={"--source": "finance.ledger"})["JobRunId"]
while True:
    state = glue.get_job_run(JobName=args["next_job"], RunId=run_id)["JobRun"]["JobRunState"]
    if state in ("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"):
        break
    time.sleep(30)
sns.publish(TopicArn="arn:aws:sns:eu-west-1:123456789012:ledger", Message=f"reconciliation {state}")
job.commit()
