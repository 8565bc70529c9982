import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Glue 4 DataFrame-returning readers and writers
vendors = glueContext.create_data_frame.from_catalog(database="procurement", table_name="vendors")
active = vendors.filter("active = true")
glueContext.write_data_frame.from_catalog(frame=active, database="procurement", table_name="vendors_active")
job.commit()
