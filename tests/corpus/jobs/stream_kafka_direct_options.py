import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "bootstrap", "topic"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# direct Kafka options, no catalog table; SASL/SCRAM through the Glue connection
payments = glueContext.create_data_frame.from_options(
    connection_type="kafka",
    connection_options={
        "connectionName": "msk-payments",
        "bootstrap.servers": args["bootstrap"],
        "topicName": args["topic"],
        "startingOffsets": "earliest",
        "classification": "json",
        "inferSchema": "true",
        "security.protocol": "SASL_SSL",
    },
    transformation_ctx="payments",
)


def write_batch(df, batch_id):
    # ignore empty micro-batches
    if df.count() == 0:
        return
    df.write.mode("append").partitionBy("currency").parquet("s3://payments-lake/events/")


glueContext.forEachBatch(
    frame=payments,
    batch_function=write_batch,
    options={"windowSize": "30 seconds", "checkpointLocation": "s3://payments-lake/_checkpoints/events/"},
)
job.commit()
