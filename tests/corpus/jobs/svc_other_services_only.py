"""Export job: only non-Glue AWS services are called through boto3 (they keep working on Databricks)."""
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "bucket", "topic"])
s3 = boto3.client("s3")
sns_client = boto3.client("sns")
ssm = boto3.client("ssm")

glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

threshold = float(ssm.get_parameter(Name="/etl/export/threshold")["Parameter"]["Value"])
frame = glueContext.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
big = frame.toDF().filter(f"amount > {threshold}")
big.write.mode("overwrite").json(f"s3://{args['bucket']}/exports/big_orders/")

listing = s3.list_objects_v2(Bucket=args["bucket"], Prefix="exports/big_orders/")
sns_client.publish(TopicArn=args["topic"], Message=f"{listing.get('KeyCount', 0)} export files written")
job.commit()
