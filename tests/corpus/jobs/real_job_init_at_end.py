import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

## @params: [JOB_NAME]
args = getResolvedOptions(sys.argv, ['JOB_NAME'])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session

# plain Spark read and write, the Glue job object only wraps the run
df = (spark.read.format('csv').option("escapeQuotes", "true")
      .option("header", "true")
      .load("s3://office-data-in/input/staff.csv"))
df = df.dropna(subset=["employee_id"])
df.write.format("csv").mode("overwrite").save("s3://office-data-out/staff/")

job = Job(glueContext)
job.init(args['JOB_NAME'], args)
job.commit()
