# Glue 4.0 with --datalake-formats delta: the Glue objects stay, the table is Delta
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from delta.tables import DeltaTable
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "delta_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

changes = glueContext.create_dynamic_frame.from_catalog(
    database="inventory", table_name="stock_changes", transformation_ctx="changes"
).toDF().withColumn("changed_at", F.to_timestamp("changed_at"))

target = DeltaTable.forPath(spark, args["delta_path"])
(
    target.alias("t")
    .merge(changes.alias("c"), "t.sku = c.sku AND t.warehouse = c.warehouse")
    .whenMatchedUpdateAll()
    .whenNotMatchedInsertAll()
    .execute()
)
# keep 7 days of history for time travel
spark.sql(f"VACUUM delta.`{args['delta_path']}` RETAIN 168 HOURS")
job.commit()
