import sys
from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "src", "dst"])
glueContext = GlueContext(SparkContext.getOrCreate())

# read the raw clickstream through a data source object
source = glueContext.getSource("s3", paths=[args["src"]], recurse=True)
source.setFormat("json")
clicks = source.getFrame()

clicks = clicks.coalesce(1)
glueContext.write_dynamic_frame.from_options(
    frame=clicks,
    connection_type="s3",
    connection_options={"path": args["dst"]},
    format="csv",
    format_options={"writeHeader": True, "quoteChar": '"', "separator": "|"},
)
