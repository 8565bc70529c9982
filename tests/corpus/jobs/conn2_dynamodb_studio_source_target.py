import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Amazon DynamoDB
AmazonDynamoDB_node1 = glueContext.create_dynamic_frame.from_options(
    connection_type="dynamodb",
    connection_options={
        "dynamodb.export": "ddb",
        "dynamodb.s3.bucket": "ddb-exports-444455556666",
        "dynamodb.s3.prefix": "devices/",
        "dynamodb.tableArn": "arn:aws:dynamodb:us-east-1:444455556666:table/devices",
        "dynamodb.unnestDDBJson": True,
    },
    transformation_ctx="AmazonDynamoDB_node1",
)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(
    frame=AmazonDynamoDB_node1,
    mappings=[
        ("device_id", "string", "device_id", "string"),
        ("firmware", "string", "firmware", "string"),
        ("last_seen", "string", "last_seen", "timestamp"),
    ],
    transformation_ctx="ChangeSchema_node2",
)

# Script generated for node Devices parquet
Devicesparquet_node3 = glueContext.write_dynamic_frame.from_options(
    frame=ChangeSchema_node2,
    connection_type="s3",
    format="glueparquet",
    connection_options={"path": "s3://iot-curated/devices/", "partitionKeys": ["firmware"]},
    format_options={"compression": "snappy"},
    transformation_ctx="Devicesparquet_node3",
)

job.commit()
