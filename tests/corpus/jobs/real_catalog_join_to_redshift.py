import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['TempDir','JOB_NAME'])

## Initialize the GlueContext and SparkContext
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

## Read both sources from the catalog
stores = glueContext.create_dynamic_frame.from_catalog(database = "retail_demo", table_name = "stores_csv", transformation_ctx = "stores")
regions = glueContext.create_dynamic_frame.from_catalog(database = "retail_demo", table_name = "regions_csv", transformation_ctx = "regions")

## Join on the region code
joined = Join.apply(frame1 = stores, frame2 = regions, keys1 = "region_code", keys2 = "code", transformation_ctx = "joined")

## Load the result into Redshift
datasink = glueContext.write_dynamic_frame.from_jdbc_conf(frame = joined, catalog_connection = "redshift-demo", connection_options = {"dbtable": "reporting.store_regions", "database": "dev"}, redshift_tmp_dir = args["TempDir"], transformation_ctx = "datasink")
job.commit()
