import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame

args = getResolvedOptions(sys.argv, ["JOB_NAME", "target_bucket"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Tickets
Tickets_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="support", table_name="tickets", transformation_ctx="Tickets_node1"
)

df = Tickets_node1.toDF().where("status <> 'spam'")
clean = DynamicFrame.fromDF(df, glueContext, "clean")

# Script generated for node Tickets bronze
Ticketsbronze_node2 = glueContext.getSink(
    format_options={"compression": "snappy", "useGlueParquetWriter": True},
    path=f"s3://{args['target_bucket']}/bronze/tickets/",
    connection_type="s3",
    updateBehavior="LOG",
    partitionKeys=["queue", "opened_date"],
    enableUpdateCatalog=True,
    transformation_ctx="Ticketsbronze_node2",
)
Ticketsbronze_node2.setCatalogInfo(catalogDatabase="support_bronze", catalogTableName="tickets")
Ticketsbronze_node2.setFormat("glueparquet")
Ticketsbronze_node2.writeFrame(clean)

# Script generated for node Tickets json
Ticketsjson_node3 = glueContext.getSink(
    path=f"s3://{args['target_bucket']}/exports/tickets/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=[],
    compression="gzip",
    enableUpdateCatalog=True,
    transformation_ctx="Ticketsjson_node3",
)
Ticketsjson_node3.setCatalogInfo(catalogDatabase="support_exports", catalogTableName="tickets_json")
Ticketsjson_node3.setFormat("json")
Ticketsjson_node3.writeFrame(clean)
job.commit()
