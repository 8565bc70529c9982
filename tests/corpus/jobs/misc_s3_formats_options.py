import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

# xml exports from the legacy system; rowTag is the repeated element
books = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://legacy-exports/books/"], "groupFiles": "inPartition", "groupSize": "1048576"},
    format="xml",
    format_options={"rowTag": "book"},
)
# fixed-width files with a header line
ledgers = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://legacy-exports/ledgers/"], "compressionType": "gzip"},
    format="csv",
    format_options={"separator": "|", "withHeader": True, "quoteChar": -1},
)
glueContext.write_dynamic_frame.from_options(frame=books, connection_type="s3", connection_options={"path": "s3://legacy-lake/books/"}, format="avro")
glueContext.write_dynamic_frame.from_options(frame=ledgers, connection_type="s3", connection_options={"path": "s3://legacy-lake/ledgers/"}, format="orc")
