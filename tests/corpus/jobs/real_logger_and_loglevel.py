import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "input_path", "output_path"])

sc = SparkContext()
glueContext = GlueContext(sc)
logger = glueContext.get_logger()
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

logger.info("reading " + args["input_path"])
events = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [args["input_path"]]},
    format="json",
)
if events.count() == 0:
    logger.warn("no events found, nothing to write")
else:
    glueContext.write_dynamic_frame.from_options(
        frame=events,
        connection_type="s3",
        connection_options={"path": args["output_path"]},
        format="parquet",
    )
    logger.info("written %d events" % events.count())

job.commit()
