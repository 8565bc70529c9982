"""Legacy point-of-sale feed: semicolon separated records on Kafka, schema left to Glue to infer."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

pos_lines = glueContext.create_data_frame.from_options(
    connection_type="kafka",
    connection_options={
        "connectionName": "msk-retail",
        "topicName": "pos-lines",
        "classification": "csv",
        "delimiter": ";",
        "inferSchema": "true",
        "startingOffsets": "earliest",
    },
)


def append_lines(df, epoch_id):
    df.write.mode("append").format("delta").saveAsTable("retail.pos_lines_bronze")


glueContext.forEachBatch(
    frame=pos_lines,
    batch_function=append_lines,
    options={"windowSize": "5 minutes", "checkpointLocation": "s3://retail-lake/_checkpoints/pos_lines/"},
)
job.commit()
