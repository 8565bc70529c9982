"""Tutorial-style job leaning on `from awsglue.transforms import *` for DynamicFrame too."""
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'out_path'])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

parcels = glueContext.create_dynamic_frame.from_catalog(database="courier", table_name="parcels")
heavy = parcels.toDF().where("weight_kg > 30").repartition(4)
heavy_frame = DynamicFrame.fromDF(heavy, glueContext, "heavy_frame")

glueContext.write_dynamic_frame.from_options(
    frame=heavy_frame,
    connection_type="s3",
    connection_options={"path": args['out_path'], "partitionKeys": ["depot"]},
    format="parquet",
)
job.commit()
