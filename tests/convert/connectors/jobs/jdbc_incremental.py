"""Nightly copy of changed customers from the CRM database into the lake."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "since"])
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

# connection details live in the Glue connection
conf = glue_context.extract_jdbc_conf("crm-postgres")
changed = (
    spark.read.format("jdbc")
    .option("url", conf["fullUrl"])
    .option("user", conf["user"])
    .option("password", conf["password"])
    .option("query", f"select * from crm.customers where updated_at >= '{args['since']}'")
    .load()
)

# parallel read of the order history, split on the order id
orders = glue_context.create_dynamic_frame.from_options(
    connection_type="postgresql",
    connection_options={
        "useConnectionProperties": "true",
        "connectionName": "crm-postgres",
        "dbtable": "crm.orders",
        "hashfield": "order_id",
        "hashpartitions": "8",
    },
).toDF()

latest = orders.groupBy("customer_id").agg(F.max("ordered_at").alias("last_order"))
result = changed.join(latest, changed.id == latest.customer_id, "left")
result.write.mode("append").parquet("s3://crm-lake/customers_changed/")
job.commit()
