"""Reviews from DocumentDB, joined with products from MongoDB Atlas."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "docdb_password", "mongo_password"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

reviews = glueContext.create_dynamic_frame.from_options(
    connection_type="documentdb",
    connection_options={
        "uri": "mongodb://reviews-docdb.cluster-xyz.us-east-1.docdb.amazonaws.com:27017",
        "database": "shop",
        "collection": "reviews",
        "username": "etl",
        "password": args["docdb_password"],
        "ssl": "true",
        "partitioner": "MongoSamplePartitioner",
    },
)
products = glueContext.create_dynamic_frame.from_options(
    connection_type="mongodb",
    connection_options={
        "connection.uri": "mongodb+srv://cluster0.example.mongodb.net",
        "database": "catalog",
        "collection": "products",
        "username": "etl",
        "password": args["mongo_password"],
    },
)
# average rating per product
rated = reviews.toDF().groupBy("product_id").avg("rating").join(products.toDF(), "product_id")
rated.write.mode("overwrite").parquet("s3://shop-lake/product_ratings/")
job.commit()
