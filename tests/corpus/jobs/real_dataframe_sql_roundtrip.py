import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from pyspark.sql.functions import col, to_date, sum as _sum

## @params: [JOB_NAME]
args = getResolvedOptions(sys.argv, ['JOB_NAME'])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

orders_dyf = glueContext.create_dynamic_frame.from_catalog(database = "retail_raw", table_name = "orders", transformation_ctx = "orders_dyf")
items_dyf = glueContext.create_dynamic_frame.from_catalog(database = "retail_raw", table_name = "order_items", transformation_ctx = "items_dyf")

orders_df = orders_dyf.toDF()
items_df = items_dyf.toDF()
orders_df.createOrReplaceTempView("orders")
items_df.createOrReplaceTempView("order_items")

daily = spark.sql("""
    SELECT o.order_date, SUM(i.quantity * i.unit_price) AS revenue
    FROM orders o JOIN order_items i ON o.order_id = i.order_id
    GROUP BY o.order_date
""")
daily = daily.withColumn("order_date", to_date(col("order_date"))).filter(col("revenue") > 0)

daily_dyf = DynamicFrame.fromDF(daily, glueContext, "daily_dyf")
datasink = glueContext.write_dynamic_frame.from_catalog(frame = daily_dyf, database = "retail_curated", table_name = "daily_revenue", transformation_ctx = "datasink")
job.commit()
