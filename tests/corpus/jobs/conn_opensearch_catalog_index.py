import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

## @params: [JOB_NAME]
args = getResolvedOptions(sys.argv, ["JOB_NAME"])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

products = glueContext.create_dynamic_frame_from_catalog(database="catalog_glue_db", table_name="products")
products = DropFields.apply(frame=products, paths=["internal_cost", "supplier_notes"])

# (re)index the product catalog for the storefront search
glueContext.write_dynamic_frame.from_options(
    frame=products,
    connection_type="opensearch",
    connection_options={
        "connectionName": "storefront-opensearch",
        "opensearch.resource": "products",
        "opensearch.mapping.id": "sku",
        "opensearch.write.operation": "upsert",
    },
)

job.commit()
