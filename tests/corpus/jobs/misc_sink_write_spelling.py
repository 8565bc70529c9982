import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

shipments = glueContext.create_dynamic_frame.from_catalog(database="logistics", table_name="shipments_raw", transformation_ctx="shipments")

# sink object kept in a variable and reused below for the row count log line
sink = glueContext.getSink(
    connection_type="s3",
    path="s3://logistics-lake/shipments/",
    enableUpdateCatalog=True,
    partitionKeys=["ship_date"],
)
sink.setFormat("glueparquet")
sink.setCatalogInfo(catalogDatabase="logistics", catalogTableName="shipments")
sink.write(shipments)
print("sink written:", sink)
job.commit()
