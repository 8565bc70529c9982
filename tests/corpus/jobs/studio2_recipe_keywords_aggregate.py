import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as SqlFuncs

# Generated recipe steps for DataPreparationRecipe_node1715000000201
def applyRecipe_node1715000000201(inputFrame, glueContext, transformation_ctx):
    frame = inputFrame.toDF()
    gc = glueContext
    df1 = frame.withColumn("fare_amount", frame["fare_amount"].cast("double"))
    return DynamicFrame.fromDF(df1, gc, transformation_ctx)

def sparkAggregate(glueContext, parentFrame, groups, aggs, transformation_ctx) -> DynamicFrame:
    aggsFuncs = []
    for column, func in aggs:
        aggsFuncs.append(getattr(SqlFuncs, func)(column))
    result = parentFrame.toDF().groupBy(*groups).agg(*aggsFuncs) if len(groups) > 0 else parentFrame.toDF().agg(*aggsFuncs)
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Script generated for node Ferry trips
Ferrytrips_node1715000000200 = glueContext.create_dynamic_frame.from_options(format_options={"quoteChar": "\"", "withHeader": True, "separator": ","}, connection_type="s3", format="csv", connection_options={"paths": ["s3://harbour-raw/ferry_trips/"], "recurse": True}, transformation_ctx="Ferrytrips_node1715000000200")

# Script generated for node Data Preparation Recipe
# Adding configuration for certain Data Preparation recipe steps to run properly
spark.conf.set("spark.sql.legacy.timeParserPolicy", "LEGACY")
# Recipe name: DataPreparationRecipe_node1715000000201
DataPreparationRecipe_node1715000000201 = applyRecipe_node1715000000201(
    inputFrame=Ferrytrips_node1715000000200,
    glueContext=glueContext,
    transformation_ctx="DataPreparationRecipe_node1715000000201")

# Script generated for node Aggregate
Aggregate_node1715000000202 = sparkAggregate(glueContext, parentFrame = DataPreparationRecipe_node1715000000201, groups = ["route_code"], aggs = [["fare_amount", "sum"], ["trip_id", "count"]], transformation_ctx = "Aggregate_node1715000000202")

# Script generated for node Amazon S3
AmazonS3_node1715000000203 = glueContext.getSink(path="s3://harbour-curated/route_fares/", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=[], enableUpdateCatalog=True, transformation_ctx="AmazonS3_node1715000000203")
AmazonS3_node1715000000203.setCatalogInfo(catalogDatabase="harbour",catalogTableName="route_fares")
AmazonS3_node1715000000203.setFormat("glueparquet", compression="snappy")
AmazonS3_node1715000000203.writeFrame(Aggregate_node1715000000202)
job.commit()
