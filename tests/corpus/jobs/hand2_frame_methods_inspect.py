"""Quality gate job: inspects a DynamicFrame (count, schema, errors) before writing it."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

raw = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://landing-zone/customers/"]},
    format="json",
)
raw.printSchema()
print(raw.schema())
total = raw.count()
raw.show(5)

errors = raw.errorsCount()
if errors > 0:
    raise RuntimeError(f"{errors} malformed records out of {total}")

repartitioned = raw.repartition(8)
single = repartitioned.coalesce(1)
glueContext.write_dynamic_frame.from_options(
    frame=single,
    connection_type="s3",
    connection_options={"path": "s3://curated-zone/customers/"},
    format="parquet",
)
job.commit()
