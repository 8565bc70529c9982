import sys
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

# Script generated for node Kafka Stream
dataframe_KafkaStream_node1 = glueContext.create_data_frame.from_catalog(
    database="telemetry",
    table_name="order_events",
    additional_options={"startingOffsets": "earliest", "inferSchema": "false"},
    transformation_ctx="dataframe_KafkaStream_node1",
)

# Script generated for node S3 bucket (set up once, written every window)
S3bucket_node3 = glueContext.getSink(
    path="s3://orders-lake/status-history/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=["status"],
    enableUpdateCatalog=True,
    transformation_ctx="S3bucket_node3",
)
S3bucket_node3.setCatalogInfo(catalogDatabase="orders_lake", catalogTableName="status_history")
S3bucket_node3.setFormat("glueparquet", compression="snappy")


def processBatch(data_frame, batchId):
    if data_frame.count() > 0:
        KafkaStream_node1 = DynamicFrame.fromDF(data_frame, glueContext, "from_data_frame")
        # Script generated for node Drop Fields
        DropFields_node2 = DropFields.apply(
            frame=KafkaStream_node1,
            paths=["changed_by"],
            transformation_ctx="DropFields_node2",
        )
        S3bucket_node3.writeFrame(DropFields_node2)


glueContext.forEachBatch(
    frame=dataframe_KafkaStream_node1,
    batch_function=processBatch,
    options={
        "windowSize": "100 seconds",
        "checkpointLocation": args["TempDir"] + "/" + args["JOB_NAME"] + "/checkpoint/",
    },
)
job.commit()
