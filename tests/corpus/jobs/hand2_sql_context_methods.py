"""Small-data job that tunes the session through the GlueContext, which is a SQLContext."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
# few rows: fewer shuffle partitions than the default 200
glueContext.setConf("spark.sql.shuffle.partitions", "4")
glueContext.setConf("spark.sql.sources.partitionOverwriteMode", "dynamic")
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

stores = glueContext.create_dynamic_frame.from_catalog(database="retail", table_name="stores").toDF()
glueContext.registerDataFrameAsTable(stores, "stores")
glueContext.cacheTable("stores")
regions = glueContext.sql("SELECT region, count(*) AS stores FROM stores GROUP BY region")
print("shuffle partitions:", glueContext.getConf("spark.sql.shuffle.partitions"))
regions.write.mode("overwrite").partitionBy("region").parquet("s3://retail-marts/stores_per_region/")
glueContext.uncacheTable("stores")
job.commit()
