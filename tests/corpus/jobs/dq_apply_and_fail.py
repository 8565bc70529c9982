"""Stop the pipeline when the orders batch breaks the contract."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from awsgluedq.transforms import EvaluateDataQuality
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

orders = glueContext.create_dynamic_frame.from_catalog(database="shop_raw", table_name="orders")

RULES = """
Rules = [
    IsComplete "order_id",
    Completeness "customer_id" > 0.95,
    ColumnValues "status" in ["NEW", "PAID", "SHIPPED", "CANCELLED"],
    CustomSql "select count(*) from primary where amount < 0" = 0
]
"""
results = EvaluateDataQuality.apply(
    frame=orders,
    ruleset=RULES,
    publishing_options={"dataQualityEvaluationContext": "orders_contract", "enableDataQualityResultsPublishing": True},
)
failed = results.toDF().filter("Outcome = 'Failed'")
if failed.count() > 0:
    failed.show(truncate=False)
    # fail the job run so the workflow stops here
    raise Exception("data quality: orders batch rejected")
orders.toDF().write.mode("append").parquet("s3://shop-lake/silver/orders/")
job.commit()
