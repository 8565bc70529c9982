# Medicare provider payments: the amounts arrive as strings in some files and numbers in others.
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql.functions import udf
from pyspark.sql.types import StringType

glueContext = GlueContext(SparkContext.getOrCreate())
args = getResolvedOptions(sys.argv, ["output_path"])

medicare = glueContext.create_dynamic_frame.from_options(
    "s3",
    {"paths": ["s3://health-open-data/medicare/inpatient_charges.csv"]},
    "csv",
    {"withHeader": True},
)
medicare.printSchema()

# provider id: a long in most files, "unknown" strings in a few -> keep longs, null the rest
medicare_res = medicare.resolveChoice(specs=[("provider id", "cast:long")])
# average payments: split by observed type so nothing is lost
medicare_cols = medicare_res.resolveChoice(specs=[("average total payments", "make_cols")])

medicare_df = medicare_cols.toDF().where("`provider id` is NOT NULL")

chop_f = udf(lambda x: x[1:], StringType())
medicare_df = medicare_df.withColumn("acc", chop_f(medicare_df["average covered charges"]))

medicare_out = DynamicFrame.fromDF(medicare_df, glueContext, "medicare_out")
glueContext.write_dynamic_frame.from_options(
    frame=medicare_out,
    connection_type="s3",
    connection_options={"path": args["output_path"]},
    format="parquet",
)
