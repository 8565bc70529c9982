import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

from pyspark.sql import DataFrame, Row
import datetime
from awsglue import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Clicks stream
dataframe_Clicksstream_node1 = glueContext.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={
        "typeOfData": "kinesis",
        "streamARN": "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks",
        "classification": "json",
        "startingPosition": "earliest",
        "inferSchema": "true",
    },
    transformation_ctx="dataframe_Clicksstream_node1",
)


def processBatch(data_frame, batchId):
    if data_frame.count() > 0:
        Clicksstream_node1 = DynamicFrame.fromDF(data_frame, glueContext, "from_data_frame")
        now = datetime.datetime.now()
        year = now.year
        month = now.month
        day = now.day
        hour = now.hour

        # Script generated for node Clicks raw
        Clicksraw_node2_path = (
            "s3://clicks-lake/raw"
            + "/ingest_year=" + "{:0>4}".format(str(year))
            + "/ingest_month=" + "{:0>2}".format(str(month))
            + "/ingest_day=" + "{:0>2}".format(str(day))
            + "/ingest_hour=" + "{:0>2}".format(str(hour))
            + "/"
        )
        Clicksraw_node2 = glueContext.write_dynamic_frame.from_options(
            frame=Clicksstream_node1,
            connection_type="s3",
            format="json",
            connection_options={"path": Clicksraw_node2_path, "partitionKeys": []},
            transformation_ctx="Clicksraw_node2",
        )


glueContext.forEachBatch(
    frame=dataframe_Clicksstream_node1,
    batch_function=processBatch,
    options={
        "windowSize": "100 seconds",
        "checkpointLocation": args["TempDir"] + "/" + args["JOB_NAME"] + "/checkpoint/",
    },
)
job.commit()
