import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as SqlFuncs

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Accelerometer Trusted
AccelerometerTrusted_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="motion",
    table_name="accelerometer_trusted",
    transformation_ctx="AccelerometerTrusted_node1",
)

# Script generated for node Customer Trusted
CustomerTrusted_node2 = glueContext.create_dynamic_frame.from_catalog(
    database="motion",
    table_name="customer_trusted",
    transformation_ctx="CustomerTrusted_node2",
)

# Script generated for node Join
Join_node3 = Join.apply(
    frame1=CustomerTrusted_node2,
    frame2=AccelerometerTrusted_node1,
    keys1=["email"],
    keys2=["user"],
    transformation_ctx="Join_node3",
)

# Script generated for node Keep Customer Fields
KeepCustomerFields_node4 = ApplyMapping.apply(
    frame=Join_node3,
    mappings=[
        ("serialNumber", "string", "serialNumber", "string"),
        ("customerName", "string", "customerName", "string"),
        ("email", "string", "email", "string"),
        ("registrationDate", "long", "registrationDate", "long"),
        ("shareWithResearchAsOfDate", "long", "shareWithResearchAsOfDate", "long"),
    ],
    transformation_ctx="KeepCustomerFields_node4",
)

# Script generated for node Drop Duplicates
DropDuplicates_node5 = DynamicFrame.fromDF(
    KeepCustomerFields_node4.toDF().dropDuplicates(["email"]),
    glueContext,
    "DropDuplicates_node5",
)

# Script generated for node Customer Curated
CustomerCurated_node6 = glueContext.write_dynamic_frame.from_catalog(
    frame=DropDuplicates_node5,
    database="motion",
    table_name="customer_curated",
    additional_options={
        "enableUpdateCatalog": True,
        "updateBehavior": "UPDATE_IN_DATABASE",
    },
    transformation_ctx="CustomerCurated_node6",
)

job.commit()
