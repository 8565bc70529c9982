import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

products = glueContext.create_dynamic_frame.from_catalog(database="catalog_db", table_name="products")
# index the catalog for the site search
glueContext.write_dynamic_frame.from_options(
    frame=products,
    connection_type="custom.spark",
    connection_options={
        "connectionName": "opensearch-connector",
        "path": "products",
        "es.nodes.wan.only": "true",
        "es.port": "443",
        "es.mapping.id": "sku",
    },
)
