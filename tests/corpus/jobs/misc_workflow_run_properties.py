"""Step of a Glue workflow: reads its parameters from the workflow run properties."""
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "WORKFLOW_NAME", "WORKFLOW_RUN_ID"])
glue = boto3.client("glue")
props = glue.get_workflow_run_properties(Name=args["WORKFLOW_NAME"], RunId=args["WORKFLOW_RUN_ID"])["RunProperties"]

glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

batch = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [props["landing_prefix"]]},
    format="json",
)
batch.toDF().write.mode("append").parquet(props["bronze_prefix"])
# hand the row count to the next step of the workflow
props["rows_loaded"] = str(batch.count())
glue.put_workflow_run_properties(Name=args["WORKFLOW_NAME"], RunId=args["WORKFLOW_RUN_ID"], RunProperties=props)
job.commit()
