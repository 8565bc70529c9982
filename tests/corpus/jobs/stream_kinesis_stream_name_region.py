import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

args = getResolvedOptions(sys.argv, ["JOB_NAME", "stream_name", "region", "checkpoint"])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

schema = StructType([
    StructField("device", StringType()),
    StructField("temp_c", DoubleType()),
    StructField("ts", TimestampType()),
])

readings = glueContext.create_data_frame.from_options(
    connection_type="kinesis",
    connection_options={
        "typeOfData": "kinesis",
        "streamName": args["stream_name"],
        "endpointUrl": f"https://kinesis.{args['region']}.amazonaws.com",
        "startingPosition": "TRIM_HORIZON",
        "classification": "json",
        "inferSchema": "false",
        "schema": schema.simpleString(),
        "maxFetchRecordsPerShard": 10000,
    },
)


def per_batch(df, batch_id):
    # five-minute averages per device
    agg = df.groupBy("device", F.window("ts", "5 minutes")).agg(F.avg("temp_c").alias("avg_temp_c"))
    agg.write.mode("append").parquet("s3://sensors-lake/avg_temp/")


glueContext.forEachBatch(frame=readings, batch_function=per_batch, options={"windowSize": "60 seconds", "checkpointLocation": args["checkpoint"]})
job.commit()
