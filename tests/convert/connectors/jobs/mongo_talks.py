import sys
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql.functions import col, collect_list

args = getResolvedOptions(sys.argv, ["JOB_NAME", "DATABASE_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

talks = spark.read.option("header", "true").csv("s3://talks-raw/talks.csv")
tags = spark.read.option("header", "true").csv("s3://talks-raw/tags.csv")
# one document per talk with its tags
tags_per_talk = tags.groupBy(col("talk_id")).agg(collect_list("tag").alias("tags"))
documents = talks.join(tags_per_talk, talks.id == tags_per_talk.talk_id, "left").drop("talk_id")

write_mongo_options = {
    "connectionName": "atlas-talks",
    "database": args["DATABASE_NAME"],
    "collection": "talks",
    "ssl": "true",
    "ssl.domain_match": "false",
}
talks_frame = DynamicFrame.fromDF(documents, glueContext, "nested")
glueContext.write_dynamic_frame.from_options(talks_frame, connection_type="mongodb", connection_options=write_mongo_options)
job.commit()
