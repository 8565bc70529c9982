import sys
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "checkpoint"])
glueContext = GlueContext(SparkContext())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# MSK topic registered as a catalog table
locations = glueContext.create_data_frame.from_catalog(
    database="streaming",
    table_name="vehicle_locations",
    additional_options={"startingOffsets": "earliest", "inferSchema": "false"},
    transformation_ctx="locations",
)


def write_batch(batch, batch_id):
    batch.write.mode("append").saveAsTable("fleet.locations_raw")


glueContext.forEachBatch(frame=locations, batch_function=write_batch,
                         options={"windowSize": "60 seconds", "checkpointLocation": args["checkpoint"]})
job.commit()
