import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Web Orders
WebOrders_node1 = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="web_orders", transformation_ctx="WebOrders_node1")

# Script generated for node Store Orders
StoreOrders_node2 = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="store_orders", transformation_ctx="StoreOrders_node2")

# Script generated for node Union
Union_node3 = DynamicFrame.fromDF(WebOrders_node1.toDF().unionByName(StoreOrders_node2.toDF(), allowMissingColumns=True), glueContext, "Union_node3")

# Script generated for node Select Fields
SelectFields_node4 = SelectFields.apply(frame=Union_node3, paths=["order_id", "channel", "amount", "order_ts"], transformation_ctx="SelectFields_node4")

# Script generated for node Amazon S3
AmazonS3_node5 = glueContext.write_dynamic_frame.from_options(frame=SelectFields_node4, connection_type="s3", format="glueparquet", connection_options={"path": "s3://shop-lake/orders_all/", "partitionKeys": ["channel"]}, format_options={"compression": "gzip"}, transformation_ctx="AmazonS3_node5")

job.commit()
