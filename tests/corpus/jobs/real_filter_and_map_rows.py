import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

trips = glueContext.create_dynamic_frame.from_catalog(database="mobility", table_name="taxi_trips", transformation_ctx="trips")

# keep paid trips with a plausible distance
paid = Filter.apply(frame=trips, f=lambda x: x["fare_amount"] > 0 and x["trip_distance"] < 200, transformation_ctx="paid")


def add_band(rec):
    rec["distance_band"] = "short" if rec["trip_distance"] < 2 else "long"
    return rec


banded = Map.apply(frame=paid, f=add_band, transformation_ctx="banded")
glueContext.write_dynamic_frame.from_options(frame=banded, connection_type="s3", connection_options={"path": "s3://mobility-curated/trips/"}, format="parquet", transformation_ctx="sink")
job.commit()
