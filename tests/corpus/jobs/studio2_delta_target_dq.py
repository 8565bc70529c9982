import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsgluedq.transforms import EvaluateDataQuality

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Default ruleset used by all target nodes with data quality enabled
DEFAULT_DATA_QUALITY_RULESET = """
    Rules = [
        ColumnCount > 0
    ]
"""

# Script generated for node Video stats
Videostats_node1790000000001 = glueContext.create_dynamic_frame.from_catalog(database="media-db", table_name="video_stats", transformation_ctx="Videostats_node1790000000001")

# Script generated for node Drop Fields
DropFields_node1790000000002 = DropFields.apply(frame=Videostats_node1790000000001, paths=["thumbnail.url", "thumbnail.width", "thumbnail", "player.version"], transformation_ctx="DropFields_node1790000000002")

# Script generated for node Change Schema
ChangeSchema_node1790000000003 = ApplyMapping.apply(frame=DropFields_node1790000000002, mappings=[("video_id", "string", "video_id", "string"), ("plays", "string", "plays", "int"), ("watch_seconds", "string", "watch_seconds", "double"), ("day", "string", "day", "date")], transformation_ctx="ChangeSchema_node1790000000003")

# Script generated for node Silver videos
EvaluateDataQuality().process_rows(frame=ChangeSchema_node1790000000003, ruleset=DEFAULT_DATA_QUALITY_RULESET, publishing_options={"dataQualityEvaluationContext": "EvaluateDataQuality_node1790000000004", "enableDataQualityResultsPublishing": True}, additional_options={"dataQualityResultsPublishing.strategy": "BEST_EFFORT", "observations.scope": "ALL"})
additional_options = {"path": "s3://media-silver/videos/", "write.parquet.compression-codec": "snappy", "mergeSchema": "true"}
Silvervideos_node1790000000005_df = ChangeSchema_node1790000000003.toDF()
Silvervideos_node1790000000005_df.write.format("delta").options(**additional_options).partitionBy("day").mode("append").save()

# Script generated for node Silver videos table
additional_options = {"write.parquet.compression-codec": "snappy"}
tables_collection = spark.catalog.listTables("media_silver")
table_names_in_db = [table.name for table in tables_collection]
table_exists = "videos" in table_names_in_db
if table_exists:
    Silvervideostable_node1790000000006_df = ChangeSchema_node1790000000003.toDF()
    Silvervideostable_node1790000000006_df.write.format("delta").options(**additional_options).mode("append").saveAsTable("media_silver.videos")
else:
    Silvervideostable_node1790000000006_df = ChangeSchema_node1790000000003.toDF()
    Silvervideostable_node1790000000006_df.write.format("delta").options(**additional_options).mode("append").option("path", "s3://media-silver/videos_table/").saveAsTable("media_silver.videos")

job.commit()
