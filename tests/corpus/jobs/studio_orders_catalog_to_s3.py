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

# Script generated for node Orders raw
Ordersraw_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="shop_raw",
    table_name="orders_csv",
    transformation_ctx="Ordersraw_node1",
)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(
    frame=Ordersraw_node1,
    mappings=[
        ("order_id", "string", "order_id", "long"),
        ("customer", "string", "customer_id", "string"),
        ("amount", "string", "amount", "double"),
        ("ts", "string", "order_ts", "timestamp"),
    ],
    transformation_ctx="ChangeSchema_node2",
)

# Script generated for node Orders parquet
Ordersparquet_node3 = glueContext.write_dynamic_frame.from_options(
    frame=ChangeSchema_node2,
    connection_type="s3",
    format="glueparquet",
    connection_options={
        "path": "s3://shop-curated/orders/",
        "partitionKeys": [],
    },
    format_options={"compression": "snappy"},
    transformation_ctx="Ordersparquet_node3",
)

job.commit()
