import sys
import datetime
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Amazon Kinesis
dataframe_AmazonKinesis_node1 = glueContext.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={
        "typeOfData": "kinesis",
        "streamARN": "arn:aws:kinesis:eu-central-1:111122223333:stream/machine-telemetry",
        "classification": "json",
        "startingPosition": "latest",
        "inferSchema": "true",
    },
    transformation_ctx="dataframe_AmazonKinesis_node1",
)


def processBatch(data_frame, batchId):
    if data_frame.count() > 0:
        telemetry = DynamicFrame.fromDF(data_frame, glueContext, "from_data_frame")
        # Script generated for node Filter
        hot = Filter.apply(frame=telemetry, f=lambda row: row["temperature_c"] > 85, transformation_ctx="hot")
        # alerts go to the maintenance topic for the on-call tooling
        glueContext.write_dynamic_frame.from_options(
            frame=hot,
            connection_type="kafka",
            connection_options={"connectionName": "msk-maintenance", "topic": "machine-alerts",
                                "classification": "json"},
            transformation_ctx="alerts_sink",
        )


glueContext.forEachBatch(
    frame=dataframe_AmazonKinesis_node1,
    batch_function=processBatch,
    options={"windowSize": "30 seconds", "checkpointLocation": args["TempDir"] + "/checkpoint/alerts/"},
)
job.commit()
