import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# only the markets the dashboard reports on
markets_pushdown = "market = 'de' OR market = 'fr' OR market = 'it'"


# Script generated for node Amazon S3
AmazonS3_node1 = glueContext.create_dynamic_frame.from_options(format_options={"quoteChar": "\"", "withHeader": True, "separator": ","}, connection_type="s3", format="csv", connection_options={"paths": ["s3://video-stats-raw-eu/trending/"], "recurse": True}, transformation_ctx="AmazonS3_node1", push_down_predicate = markets_pushdown)

# Script generated for node Change Schema
ChangeSchema_node2 = ApplyMapping.apply(frame=AmazonS3_node1, mappings=[("video_id", "string", "video_id", "string"), ("views", "string", "views", "bigint"), ("likes", "string", "likes", "bigint"), ("market", "string", "market", "string")], transformation_ctx="ChangeSchema_node2")

# Script generated for node Amazon S3
AmazonS3_node3 = glueContext.write_dynamic_frame.from_options(frame=ChangeSchema_node2, connection_type="s3", format="glueparquet", connection_options={"path": "s3://video-stats-clean-eu/trending/", "partitionKeys": ["market"]}, format_options={"compression": "snappy"}, transformation_ctx="AmazonS3_node3")

job.commit()
