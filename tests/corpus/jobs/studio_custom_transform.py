import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrameCollection
from awsglue.dynamicframe import DynamicFrame


# Script generated for node Add load date
def MyTransform(glueContext, dfc) -> DynamicFrameCollection:
    from pyspark.sql import functions as F

    df = dfc.select(list(dfc.keys())[0]).toDF()
    df = df.withColumn("load_date", F.current_date())
    out = DynamicFrame.fromDF(df, glueContext, "with_load_date")
    return DynamicFrameCollection({"CustomTransform0": out}, glueContext)


args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Products
Products_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="catalog_db", table_name="products", transformation_ctx="Products_node1"
)

# Script generated for node Add load date
Addloaddate_node2 = MyTransform(
    glueContext, DynamicFrameCollection({"Products_node1": Products_node1}, glueContext)
)

# Script generated for node Select From Collection
SelectFromCollection_node3 = SelectFromCollection.apply(
    dfc=Addloaddate_node2,
    key=list(Addloaddate_node2.keys())[0],
    transformation_ctx="SelectFromCollection_node3",
)

# Script generated for node Products dated
Productsdated_node4 = glueContext.write_dynamic_frame.from_options(
    frame=SelectFromCollection_node3,
    connection_type="s3",
    format="parquet",
    connection_options={"path": "s3://catalog-curated/products/", "partitionKeys": ["load_date"]},
    transformation_ctx="Productsdated_node4",
)

job.commit()
