import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

readings = glueContext.create_dynamic_frame.from_catalog(database="iot", table_name="raw_readings", transformation_ctx="readings")

clean = (
    readings.apply_mapping([
        ("device.id", "string", "device_id", "string"),
        ("device.site", "string", "site", "string"),
        ("reading.value", "string", "value", "double"),
        ("reading.ts", "string", "ts", "timestamp"),
    ])
    .resolveChoice(specs=[("value", "cast:double")])
    .drop_fields(["site"])
)
clean.printSchema()
print(clean.count())

clean = clean.repartition(4)
glueContext.write_dynamic_frame.from_options(frame=clean, connection_type="s3", connection_options={"path": "s3://iot-curated/readings/"}, format="parquet", transformation_ctx="out")
job.commit()
