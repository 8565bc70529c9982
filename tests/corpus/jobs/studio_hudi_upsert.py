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

# Script generated for node Member changes
Memberchanges_node1 = glueContext.create_dynamic_frame.from_catalog(database="loyalty", table_name="member_changes", transformation_ctx="Memberchanges_node1")

# Script generated for node Members (Hudi)
additional_options = {
    "hoodie.table.name": "members",
    "hoodie.datasource.write.storage.type": "COPY_ON_WRITE",
    "hoodie.datasource.write.operation": "upsert",
    "hoodie.datasource.write.recordkey.field": "member_id",
    "hoodie.datasource.write.precombine.field": "updated_at",
    "hoodie.datasource.write.hive_style_partitioning": "true",
    "hoodie.datasource.hive_sync.enable": "true",
    "hoodie.datasource.hive_sync.database": "loyalty",
    "hoodie.datasource.hive_sync.table": "members",
    "hoodie.datasource.hive_sync.use_jdbc": "false",
    "hoodie.datasource.hive_sync.mode": "hms",
    "path": "s3://loyalty-lake/members/",
}
Memberchanges_node1.toDF().write.format("hudi").options(**additional_options).mode("append").save()

job.commit()
