import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
import gs_sequence_id
from awsglue import DynamicFrame
import gs_now

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Loyalty members
Loyaltymembers_node1712000000101 = glueContext.create_dynamic_frame.from_catalog(
    database="loyalty",
    table_name="members_raw",
    transformation_ctx="Loyaltymembers_node1712000000101",
)

# Script generated for node Drop Fields
DropFields_node1712000000102 = DropFields.apply(
    frame=Loyaltymembers_node1712000000101,
    paths=["legacy_card_no", "partition_0"],
    transformation_ctx="DropFields_node1712000000102",
)

# Script generated for node Add Identifier
AddIdentifier_node1712000000103 = DropFields_node1712000000102.gs_sequence_id(
    colName="member_seq", unique=False
)

# Script generated for node Add Current Timestamp
AddCurrentTimestamp_node1712000000104 = AddIdentifier_node1712000000103.gs_now(colName="loaded_at")

# Script generated for node Amazon S3
AmazonS3_node1712000000105 = glueContext.write_dynamic_frame.from_options(
    frame=AddCurrentTimestamp_node1712000000104,
    connection_type="s3",
    format="glueparquet",
    connection_options={"path": "s3://loyalty-curated/members/", "partitionKeys": []},
    format_options={"compression": "snappy"},
    transformation_ctx="AmazonS3_node1712000000105",
)

job.commit()
