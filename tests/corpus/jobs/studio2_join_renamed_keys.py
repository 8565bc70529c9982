import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
import re

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Orders
Orders_node1722000000001 = glueContext.create_dynamic_frame.from_options(
    format_options={"quoteChar": '"', "withHeader": True, "separator": ",", "optimizePerformance": False},
    connection_type="s3",
    format="csv",
    connection_options={"paths": ["s3://shop-raw/orders/"], "recurse": True},
    transformation_ctx="Orders_node1722000000001",
)

# Script generated for node Customers
Customers_node1722000000002 = glueContext.create_dynamic_frame.from_catalog(
    database="shop", table_name="customers", transformation_ctx="Customers_node1722000000002"
)

# Script generated for node Products
Products_node1722000000003 = glueContext.create_dynamic_frame.from_catalog(
    database="shop", table_name="products", transformation_ctx="Products_node1722000000003"
)

# Script generated for node Renamed keys for Cust Join
RenamedkeysforCustJoin_node1722000000004 = ApplyMapping.apply(
    frame=Customers_node1722000000002,
    mappings=[
        ("customer_id", "int", "cust_customer_id", "int"),
        ("name", "string", "cust_name", "string"),
        ("tier", "string", "cust_tier", "string"),
    ],
    transformation_ctx="RenamedkeysforCustJoin_node1722000000004",
)

# Script generated for node Cust Join
CustJoin_node1722000000005 = Join.apply(
    frame1=Orders_node1722000000001,
    frame2=RenamedkeysforCustJoin_node1722000000004,
    keys1=["customer_id"],
    keys2=["cust_customer_id"],
    transformation_ctx="CustJoin_node1722000000005",
)

# Script generated for node Product Join
CustJoin_node1722000000005DF = CustJoin_node1722000000005.toDF()
Products_node1722000000003DF = Products_node1722000000003.toDF()
ProductJoin_node1722000000006 = DynamicFrame.fromDF(
    CustJoin_node1722000000005DF.join(
        Products_node1722000000003DF,
        (CustJoin_node1722000000005DF["product_id"] == Products_node1722000000003DF["sku"]),
        "left",
    ),
    glueContext,
    "ProductJoin_node1722000000006",
)

# Script generated for node Filter paid
Filterpaid_node1722000000007 = Filter.apply(
    frame=ProductJoin_node1722000000006,
    f=lambda row: (bool(re.match("PAID|SHIPPED", row["status"])) and row["quantity"] > 0),
    transformation_ctx="Filterpaid_node1722000000007",
)

# Script generated for node Rename Field
RenameField_node1722000000008 = RenameField.apply(
    frame=Filterpaid_node1722000000007,
    old_name="cust_tier",
    new_name="customer_tier",
    transformation_ctx="RenameField_node1722000000008",
)

# Script generated for node Enriched orders
Enrichedorders_node1722000000009 = glueContext.write_dynamic_frame.from_options(
    frame=RenameField_node1722000000008,
    connection_type="s3",
    format="glueparquet",
    connection_options={"path": "s3://shop-curated/orders_enriched/", "partitionKeys": ["customer_tier"]},
    format_options={"compression": "snappy"},
    transformation_ctx="Enrichedorders_node1722000000009",
)

job.commit()
