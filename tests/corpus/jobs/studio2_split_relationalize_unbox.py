import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Claims
Claims_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="insurance",
    table_name="claims_json",
    additional_options={"groupFiles": "inPartition", "groupSize": "134217728"},
    transformation_ctx="Claims_node1",
)

# Script generated for node Unbox
Unbox_node2 = Unbox.apply(
    frame=Claims_node1, path="payload", format="json", transformation_ctx="Unbox_node2"
)

# Script generated for node Split Fields
SplitFields_node3 = SplitFields.apply(
    frame=Unbox_node2,
    paths=["claim_id", "policy_id", "amount"],
    name1="SplitFields_node3_claim",
    name2="SplitFields_node3_rest",
    transformation_ctx="SplitFields_node3",
)

# Script generated for node Claim core
Claimcore_node4 = SelectFromCollection.apply(
    dfc=SplitFields_node3,
    key=list(SplitFields_node3.keys())[0],
    transformation_ctx="Claimcore_node4",
)

# Script generated for node Claim rest
Claimrest_node5 = SelectFromCollection.apply(
    dfc=SplitFields_node3,
    key=list(SplitFields_node3.keys())[1],
    transformation_ctx="Claimrest_node5",
)

# Script generated for node Relationalize
Relationalize_node6 = Relationalize.apply(
    frame=Claimrest_node5,
    staging_path=args["TempDir"],
    name="root",
    transformation_ctx="Relationalize_node6",
)

# Script generated for node Root table
Roottable_node7 = SelectFromCollection.apply(
    dfc=Relationalize_node6, key="root", transformation_ctx="Roottable_node7"
)

# Script generated for node Claim core out
Claimcoreout_node8 = glueContext.write_dynamic_frame.from_options(
    frame=Claimcore_node4,
    connection_type="s3",
    format="parquet",
    connection_options={"path": "s3://insurance-curated/claims/", "partitionKeys": []},
    format_options={"useGlueParquetWriter": True, "compression": "snappy"},
    transformation_ctx="Claimcoreout_node8",
)

# Script generated for node Claim details out
Claimdetailsout_node9 = glueContext.write_dynamic_frame.from_options(
    frame=Roottable_node7,
    connection_type="s3",
    format="orc",
    connection_options={"path": "s3://insurance-curated/claim_details/"},
    transformation_ctx="Claimdetailsout_node9",
)

job.commit()
