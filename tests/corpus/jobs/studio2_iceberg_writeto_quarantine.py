import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Parcel scans
Parcelscans_node1717000000401 = glueContext.create_dynamic_frame.from_catalog(
    database="parcels", table_name="scans_raw", transformation_ctx="Parcelscans_node1717000000401"
)

# Script generated for node Drop Null Fields
DropNullFields_node1717000000402 = DropNullFields.apply(
    frame=Parcelscans_node1717000000401, transformation_ctx="DropNullFields_node1717000000402"
)

scans = DropNullFields_node1717000000402.toDF()
valid = scans.filter(F.col("barcode").rlike("^[0-9]{12}$"))
rejected = scans.subtract(valid)

# Iceberg targets in the Glue Data Catalog (the job's --conf names glue_catalog)
valid.writeTo("glue_catalog.parcels.scans_clean").tableProperty("format-version", "2").append()
rejected.withColumn("rejected_at", F.current_timestamp()).writeTo(
    "glue_catalog.parcels.scans_quarantine"
).append()

# Script generated for node Depot totals
Depottotals_node1717000000403 = DynamicFrame.fromDF(
    valid.groupBy("depot_code").count(), glueContext, "Depottotals_node1717000000403"
)
glueContext.write_dynamic_frame.from_catalog(
    frame=Depottotals_node1717000000403,
    database="parcels",
    table_name="depot_totals",
    transformation_ctx="Depottotals_node1717000000404",
)

job.commit()
