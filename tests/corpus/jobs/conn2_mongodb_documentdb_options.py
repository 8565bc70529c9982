import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "docdb_user", "docdb_password"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

documentdb_uri = "mongodb://catalog-docdb.cluster-abc123.us-east-1.docdb.amazonaws.com:27017"
mongo_uri = "mongodb+srv://reviews.example.mongodb.net"

read_docdb_options = {
    "uri": documentdb_uri,
    "database": "catalog",
    "collection": "items",
    "username": args["docdb_user"],
    "password": args["docdb_password"],
    "ssl": "true",
    "ssl.domain_match": "false",
    "partitioner": "MongoSamplePartitioner",
    "partitionerOptions.partitionSizeMB": "10",
    "partitionerOptions.partitionKey": "_id",
}

# Script generated for node DocumentDB items
items = glueContext.create_dynamic_frame.from_options(
    connection_type="documentdb",
    connection_options=read_docdb_options,
    transformation_ctx="items",
)

# Script generated for node MongoDB reviews
reviews = glueContext.create_dynamic_frame.from_options(
    connection_type="mongodb",
    connection_options={
        "connectionName": "mongo-atlas-reviews",
        "database": "shop",
        "collection": "reviews",
        "partitioner": "com.mongodb.spark.sql.connector.read.partitioner.SinglePartitionPartitioner",
        "disableUpdateUri": "false",
    },
    transformation_ctx="reviews",
)

joined = Join.apply(items, reviews, "sku", "item_sku")

# Script generated for node Mongo target
glueContext.write_dynamic_frame.from_options(
    frame=joined,
    connection_type="mongodb",
    connection_options={
        "uri": mongo_uri,
        "database": "shop",
        "collection": "items_with_reviews",
        "username": args["docdb_user"],
        "password": args["docdb_password"],
        "retryWrites": "false",
    },
)

job.commit()
