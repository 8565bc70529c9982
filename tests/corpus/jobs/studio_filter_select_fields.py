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

# Script generated for node Trips
Trips_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="nyc_taxi", table_name="yellow_trips", transformation_ctx="Trips_node1"
)

# Script generated for node Filter
Filter_node2 = Filter.apply(
    frame=Trips_node1,
    f=lambda row: (row["trip_distance"] > 0 and row["passenger_count"] >= 1),
    transformation_ctx="Filter_node2",
)

# Script generated for node Select Fields
SelectFields_node3 = SelectFields.apply(
    frame=Filter_node2,
    paths=["vendor_id", "pickup_datetime", "trip_distance", "fare_amount", "pu_location_id"],
    transformation_ctx="SelectFields_node3",
)

# Script generated for node Trips clean
Tripsclean_node4 = glueContext.write_dynamic_frame.from_catalog(
    frame=SelectFields_node3,
    database="nyc_taxi",
    table_name="yellow_trips_clean",
    additional_options={"enableUpdateCatalog": True, "updateBehavior": "UPDATE_IN_DATABASE"},
    transformation_ctx="Tripsclean_node4",
)

job.commit()
