"""Backfill step of a workflow: resets the loader's bookmark and starts the workflow again for the day."""
import sys

import boto3
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["loader_job", "workflow", "day"])


def restart(client, job_name: str, workflow: str) -> str:
    client.reset_job_bookmark(JobName=job_name)
    run = client.start_workflow_run(Name=workflow, RunProperties={"day": args["day"]})
    return run["RunId"]


glue_client = boto3.client(service_name="glue")
print("restarted as", restart(glue_client, args["loader_job"], args["workflow"]))
