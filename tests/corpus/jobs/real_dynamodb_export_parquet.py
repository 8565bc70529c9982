import sys
import datetime
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'table_name', 'output_prefix'])

sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# full scan of the table, throttled to half the read capacity
table = glueContext.create_dynamic_frame.from_options(
    "dynamodb",
    connection_options={
        "dynamodb.input.tableName": args['table_name'],
        "dynamodb.throughput.read.percent": "0.5",
        "dynamodb.splits": "8",
    }
)

today = datetime.date.today().strftime("%Y/%m/%d")
glueContext.write_dynamic_frame.from_options(
    frame=table,
    connection_type="s3",
    connection_options={"path": f"{args['output_prefix']}/{today}/"},
    format="parquet",
    transformation_ctx="datasink",
)
job.commit()
