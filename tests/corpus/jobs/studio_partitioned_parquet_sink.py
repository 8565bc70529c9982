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

# Script generated for node Sales csv
Salescsv_node1687000000001 = glueContext.create_dynamic_frame.from_options(
    format_options={"quoteChar": '"', "withHeader": True, "separator": ","},
    connection_type="s3",
    format="csv",
    connection_options={"paths": ["s3://retail-landing/sales/"], "recurse": True},
    transformation_ctx="Salescsv_node1687000000001",
)

# Script generated for node Change Schema
ChangeSchema_node1687000000002 = ApplyMapping.apply(
    frame=Salescsv_node1687000000001,
    mappings=[
        ("store_id", "string", "store_id", "int"),
        ("sku", "string", "sku", "string"),
        ("qty", "string", "qty", "int"),
        ("sale_date", "string", "sale_date", "date"),
        ("region", "string", "region", "string"),
    ],
    transformation_ctx="ChangeSchema_node1687000000002",
)

# Script generated for node Sales curated
Salescurated_node1687000000003 = glueContext.getSink(
    path="s3://retail-curated/sales/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=["region", "sale_date"],
    enableUpdateCatalog=True,
    transformation_ctx="Salescurated_node1687000000003",
)
Salescurated_node1687000000003.setCatalogInfo(
    catalogDatabase="retail", catalogTableName="sales_curated"
)
Salescurated_node1687000000003.setFormat("glueparquet", compression="snappy")
Salescurated_node1687000000003.writeFrame(ChangeSchema_node1687000000002)
job.commit()
