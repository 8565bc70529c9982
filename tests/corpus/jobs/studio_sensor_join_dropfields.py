import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Accelerometer landing
Accelerometerlanding_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="fitband",
    table_name="accelerometer_landing",
    transformation_ctx="Accelerometerlanding_node1",
)

# Script generated for node Customer trusted
Customertrusted_node2 = glueContext.create_dynamic_frame.from_catalog(
    database="fitband",
    table_name="customer_trusted",
    transformation_ctx="Customertrusted_node2",
)

# Script generated for node Join customer
Joincustomer_node3 = Join.apply(
    frame1=Accelerometerlanding_node1,
    frame2=Customertrusted_node2,
    keys1=["user"],
    keys2=["email"],
    transformation_ctx="Joincustomer_node3",
)

# Script generated for node Drop Fields
DropFields_node4 = DropFields.apply(
    frame=Joincustomer_node3,
    paths=["email", "phone", "birthDay", "customerName"],
    transformation_ctx="DropFields_node4",
)

# Script generated for node Accelerometer trusted
Accelerometertrusted_node5 = glueContext.write_dynamic_frame.from_options(
    frame=DropFields_node4,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://fitband-lake/accelerometer/trusted/", "partitionKeys": []},
    transformation_ctx="Accelerometertrusted_node5",
)

job.commit()
