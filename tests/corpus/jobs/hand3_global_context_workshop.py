"""Workshop-style job: module globals shared with a transform function through `global`."""
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext


def retype_rentals():
    # the function works on the module's frame
    global glue_ctx
    global rentals
    rentals = rentals.apply_mapping([
        ("rental_id", "string", "rental_id", "long"),
        ("station", "string", "station", "string"),
        ("fee", "string", "fee", "double"),
    ])


global glue_ctx
global rentals

BIKE_DB = "bikeshare_raw"
OUT_DIR = "s3://bikeshare-curated/rentals/"

glue_ctx = GlueContext(SparkContext.getOrCreate())
rentals = glue_ctx.create_dynamic_frame.from_catalog(database=BIKE_DB, table_name="rentals")
retype_rentals()
glue_ctx.write_dynamic_frame.from_options(frame=rentals, connection_type="s3",
                                          connection_options={"path": OUT_DIR}, format="parquet")
