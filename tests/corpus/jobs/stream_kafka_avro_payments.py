import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME", "checkpoint_path", "output_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Avro schema of the payment events, as registered by the producer team
PAYMENT_SCHEMA = """
{"type": "record", "name": "Payment", "namespace": "com.acme.payments",
 "fields": [{"name": "payment_id", "type": "string"},
            {"name": "merchant", "type": "string"},
            {"name": "amount_cents", "type": "long"},
            {"name": "currency", "type": "string"}]}
"""

# Script generated for node Apache Kafka
dataframe_ApacheKafka_node1 = glueContext.create_data_frame.from_options(
    connection_type="kafka",
    connection_options={
        "connectionName": "msk-payments",
        "classification": "avro",
        "avroSchema": PAYMENT_SCHEMA,
        "topicName": "payments.v2",
        "startingOffsets": "earliest",
        "maxOffsetsPerTrigger": "5000",
    },
    transformation_ctx="dataframe_ApacheKafka_node1",
)


def processBatch(data_frame, batchId):
    if data_frame.count() > 0:
        payments = DynamicFrame.fromDF(data_frame, glueContext, "from_data_frame")
        # Script generated for node Change Schema
        mapped = ApplyMapping.apply(
            frame=payments,
            mappings=[
                ("payment_id", "string", "payment_id", "string"),
                ("merchant", "string", "merchant", "string"),
                ("amount_cents", "long", "amount_cents", "long"),
                ("currency", "string", "currency", "string"),
            ],
            transformation_ctx="mapped",
        )
        glueContext.write_dynamic_frame.from_options(
            frame=mapped,
            connection_type="s3",
            format="parquet",
            connection_options={"path": args["output_path"], "partitionKeys": ["currency"]},
            transformation_ctx="sink",
        )


glueContext.forEachBatch(
    frame=dataframe_ApacheKafka_node1,
    batch_function=processBatch,
    options={"windowSize": "60 seconds", "checkpointLocation": args["checkpoint_path"]},
)
job.commit()
