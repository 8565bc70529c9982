import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# avro records, schema from the Glue Schema Registry
trades = glueContext.create_data_frame.from_options(
    connection_type="kafka",
    connection_options={
        "connectionName": "msk-trading",
        "topicName": "trades",
        "startingOffsets": "latest",
        "classification": "avro",
        "avroSchema": '{"type":"record","name":"Trade","fields":[{"name":"id","type":"string"},{"name":"px","type":"double"}]}',
        "schemaRegistryName": "trading",
    },
)


def batch(df, epoch):
    df.write.mode("append").format("parquet").save("s3://trading-lake/trades/")


glueContext.forEachBatch(frame=trades, batch_function=batch, options={"windowSize": "15 seconds", "checkpointLocation": "s3://trading-lake/_chk/trades/"})
job.commit()
