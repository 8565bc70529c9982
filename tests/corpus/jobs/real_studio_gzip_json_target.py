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

# Script generated for node Ticket Events
TicketEvents_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"quoteChar": '"', "withHeader": True, "separator": ","},
    connection_type="s3",
    format="csv",
    connection_options={"paths": ["s3://helpdesk-drop/tickets/"], "recurse": True},
    transformation_ctx="TicketEvents_node1",
)

# Script generated for node Filter
Filter_node2 = Filter.apply(
    frame=TicketEvents_node1,
    f=lambda row: (row["priority"] == "high"),
    transformation_ctx="Filter_node2",
)

# Script generated for node Archive
Archive_node3 = glueContext.write_dynamic_frame.from_options(
    frame=Filter_node2,
    connection_type="s3",
    format="json",
    connection_options={
        "path": "s3://helpdesk-archive/high_priority/",
        "compression": "gzip",
        "partitionKeys": ["created_day"],
    },
    transformation_ctx="Archive_node3",
)

job.commit()
