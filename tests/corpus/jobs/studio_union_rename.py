import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node EU invoices
EUinvoices_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="billing", table_name="invoices_eu", transformation_ctx="EUinvoices_node1"
)

# Script generated for node US invoices
USinvoices_node2 = glueContext.create_dynamic_frame.from_catalog(
    database="billing", table_name="invoices_us", transformation_ctx="USinvoices_node2"
)

# Script generated for node Union
Union_node3 = DynamicFrame.fromDF(
    EUinvoices_node1.toDF().unionByName(USinvoices_node2.toDF(), allowMissingColumns=True),
    glueContext,
    "Union_node3",
)

# Script generated for node Rename Field
RenameField_node4 = RenameField.apply(
    frame=Union_node3,
    old_name="inv_no",
    new_name="invoice_number",
    transformation_ctx="RenameField_node4",
)

# Script generated for node All invoices
Allinvoices_node5 = glueContext.write_dynamic_frame.from_options(
    frame=RenameField_node4,
    connection_type="s3",
    format="parquet",
    connection_options={"path": "s3://billing-curated/invoices/", "partitionKeys": ["currency"]},
    transformation_ctx="Allinvoices_node5",
)

job.commit()
