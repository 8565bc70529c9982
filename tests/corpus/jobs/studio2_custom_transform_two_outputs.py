import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrameCollection
from awsglue.dynamicframe import DynamicFrame


# Script generated for node Split valid and invalid
def SplitValid(glueContext, dfc) -> DynamicFrameCollection:
    from pyspark.sql.functions import col

    df = dfc.select(list(dfc.keys())[0]).toDF()
    valid = df.filter(col("email").isNotNull() & col("email").contains("@"))
    invalid = df.subtract(valid)
    valid_dyf = DynamicFrame.fromDF(valid, glueContext, "valid")
    invalid_dyf = DynamicFrame.fromDF(invalid, glueContext, "invalid")
    return DynamicFrameCollection({"valid": valid_dyf, "invalid": invalid_dyf}, glueContext)


# Script generated for node Mask emails
def MaskEmails(glueContext, dfc) -> DynamicFrameCollection:
    from pyspark.sql import functions as F

    name = list(dfc.keys())[0]
    masked = dfc.select(name).toDF().withColumn("email", F.sha2(F.col("email"), 256))
    return DynamicFrameCollection({"masked": DynamicFrame.fromDF(masked, glueContext, "masked")}, glueContext)


args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Signups
Signups_node1 = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    format="json",
    connection_options={"paths": ["s3://crm-landing/signups/"], "recurse": True},
    transformation_ctx="Signups_node1",
)

# Script generated for node Split valid and invalid
Splitvalidandinvalid_node2 = SplitValid(
    glueContext, DynamicFrameCollection({"Signups_node1": Signups_node1}, glueContext)
)

# Script generated for node Valid
Valid_node3 = SelectFromCollection.apply(
    dfc=Splitvalidandinvalid_node2, key="valid", transformation_ctx="Valid_node3"
)

# Script generated for node Invalid
Invalid_node4 = SelectFromCollection.apply(
    dfc=Splitvalidandinvalid_node2, key="invalid", transformation_ctx="Invalid_node4"
)

# Script generated for node Mask emails
Maskemails_node5 = MaskEmails(
    glueContext, DynamicFrameCollection({"Valid_node3": Valid_node3}, glueContext)
)

# Script generated for node Masked
Masked_node6 = SelectFromCollection.apply(
    dfc=Maskemails_node5,
    key=list(Maskemails_node5.keys())[0],
    transformation_ctx="Masked_node6",
)

# Script generated for node Valid out
Validout_node7 = glueContext.write_dynamic_frame.from_catalog(
    frame=Masked_node6,
    database="crm",
    table_name="signups_clean",
    transformation_ctx="Validout_node7",
)

# Script generated for node Rejects out
Rejectsout_node8 = glueContext.write_dynamic_frame.from_options(
    frame=Invalid_node4,
    connection_type="s3",
    format="csv",
    connection_options={"path": "s3://crm-rejects/signups/", "partitionKeys": []},
    transformation_ctx="Rejectsout_node8",
)

job.commit()
