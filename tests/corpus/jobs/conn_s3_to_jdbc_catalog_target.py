import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.transforms import ApplyMapping
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

rates = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://fx-feeds/daily/"]},
    format="csv",
    format_options={"withHeader": True},
    transformation_ctx="rates",
)
rates = ApplyMapping.apply(frame=rates, mappings=[("ccy", "string", "currency", "string"), ("rate", "string", "rate", "decimal(12,6)"), ("d", "string", "rate_date", "date")])
# the catalog table `fx.mysql_rates` points at the MySQL table through a JDBC connection
glueContext.write_dynamic_frame.from_catalog(frame=rates, database="fx", table_name="mysql_rates", transformation_ctx="rates_out")
job.commit()
