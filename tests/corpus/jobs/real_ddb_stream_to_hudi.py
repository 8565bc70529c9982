import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "target_path"])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

HUDI_OPTIONS = {
    "hoodie.table.name": "orders",
    "hoodie.datasource.write.recordkey.field": "order_key",
    "hoodie.datasource.write.precombine.field": "updated_at",
    "hoodie.datasource.write.operation": "upsert",
}


def write_changes(changes):
    """One micro-batch of stream records: keep the new images, flatten them, upsert them."""
    images = changes.selectExpr("dynamodb.NewImage")
    dyf = DynamicFrame.fromDF(images, glueContext, "images")
    # remove the DynamoDB type wrappers ({"S": ...}, {"N": ...})
    flat = dyf.unnest_ddb_json()
    df = flat.toDF().withColumn("order_key", F.concat(F.col("pk"), F.lit("#"), F.col("sk")))
    df.write.format("hudi").options(**HUDI_OPTIONS).mode("append").save(args["target_path"])


changes = spark.read.json("s3://orders-stream-archive/latest/")
write_changes(changes)
job.commit()
