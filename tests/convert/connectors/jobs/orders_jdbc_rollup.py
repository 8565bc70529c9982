"""Rolls order amounts up per customer in the orders database (Postgres on Glue).

Reads the orders over the Glue connection, the customer names through the legacy CRM's custom JDBC
connector, and writes the totals back next to the orders."""
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.transforms import ApplyMapping, Filter
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "min_amount"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# orders, read in parallel on the order id
orders = glueContext.create_dynamic_frame.from_options(
    connection_type="postgresql",
    connection_options={
        "useConnectionProperties": "true",
        "connectionName": "orders-db",
        "dbtable": "orders",
        "hashfield": "id",
        "hashpartitions": "4",
    },
    transformation_ctx="orders",
)
orders = ApplyMapping.apply(
    frame=orders,
    mappings=[("id", "int", "order_id", "long"), ("customer_id", "int", "customer_id", "int"),
              ("amount", "double", "amount", "double")],
)
min_amount = float(args["min_amount"])
big = Filter.apply(frame=orders, f=lambda row: row["amount"] >= min_amount)

# customer names come from the CRM, behind a custom JDBC connector
customers = glueContext.create_dynamic_frame.from_options(
    connection_type="custom.jdbc",
    connection_options={
        "connectionName": "legacy-crm",
        "className": "org.apache.derby.jdbc.EmbeddedDriver",
        "dbTable": "customers",
    },
).toDF()

# currency of each customer, looked up with the connection's own settings
conf = glueContext.extract_jdbc_conf("orders-db")
currencies = spark.read.jdbc(
    url=conf["fullUrl"],
    table="(SELECT customer_id, currency FROM accounts WHERE active = 1) AS a",
    properties={"user": conf["user"], "password": conf["password"]},
)

totals = (
    big.toDF()
    .groupBy("customer_id")
    .agg(F.sum("amount").alias("total"), F.count("*").alias("orders"))
    .join(customers, "customer_id")
    .join(currencies, "customer_id", "left")
    .select("customer_id", "name", "currency", "total", "orders")
)

# the totals table is rebuilt every run
glueContext.write_dynamic_frame.from_jdbc_conf(
    frame=DynamicFrame.fromDF(totals, glueContext, "totals"),
    catalog_connection="orders-db",
    connection_options={"dbtable": "customer_totals", "preactions": "TRUNCATE TABLE customer_totals"},
    transformation_ctx="write_totals",
)
# big orders are kept as an append-only log
glueContext.write_dynamic_frame.from_options(
    frame=big,
    connection_type="postgresql",
    connection_options={"connectionName": "orders-db", "dbtable": "big_orders"},
)
job.commit()
