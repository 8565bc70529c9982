"""DynamicFrame method chains instead of transform classes."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

tickets = glueContext.create_dynamic_frame.from_catalog(database="support", table_name="tickets", transformation_ctx="tickets")
tickets = (
    tickets.apply_mapping([("id", "string", "ticket_id", "long"), ("prio", "string", "priority", "int"), ("opened", "string", "opened_at", "timestamp")])
    .select_fields(["ticket_id", "priority", "opened_at"])
    .filter(lambda r: r["priority"] is not None)
)
# keep p1/p2 only for the on-call dashboard
urgent = tickets.filter(f=lambda r: r["priority"] <= 2)
urgent = urgent.repartition(1)
glueContext.write_dynamic_frame.from_options(
    frame=urgent,
    connection_type="s3",
    connection_options={"path": "s3://support-curated/urgent/"},
    format="csv",
    format_options={"writeHeader": True},
)
job.commit()
