"""Publishes yesterday's order summaries to Kafka for the downstream services."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "run_date"])
glue_context = GlueContext(SparkContext.getOrCreate())
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

summaries = glue_context.create_dynamic_frame.from_catalog(
    database="sales_curated",
    table_name="order_summaries",
    push_down_predicate=f"order_date = '{args['run_date']}'",
)

kafka_sink = glue_context.getSink(
    connection_type="kafka",
    connectionName="msk-sales",
    topic="order-summaries",
    transformation_ctx="kafka_sink",
)
kafka_sink.setFormat("json")
kafka_sink.writeFrame(summaries)
job.commit()
