import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from pyspark.sql.functions import col, to_date

## @params: [JOB_NAME]
args = getResolvedOptions(sys.argv, ['JOB_NAME'])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

## @type: DataSource
## @args: [database = "clickstream", table_name = "page_views", transformation_ctx = "datasource0"]
## @return: datasource0
## @inputs: []
datasource0 = glueContext.create_dynamic_frame.from_catalog(
    database="clickstream",
    table_name="page_views",
    transformation_ctx="datasource0",
    additional_options={"jobBookmarkKeys": ["view_id"], "jobBookmarkKeysSortOrder": "asc"},
)
## @type: ApplyMapping
## @return: applymapping1
## @inputs: [frame = datasource0]
applymapping1 = ApplyMapping.apply(frame=datasource0, mappings=[("view_id", "long", "view_id", "long"), ("url", "string", "url", "string"), ("viewed_at", "string", "viewed_at", "timestamp")], transformation_ctx="applymapping1")

df = applymapping1.toDF().withColumn("view_date", to_date(col("viewed_at")))

## @type: DataSink
## @return: datasink2
## @inputs: [frame = applymapping1]
df.write.mode("append").partitionBy("view_date").parquet("s3://clickstream-curated/page_views/")
job.commit()
