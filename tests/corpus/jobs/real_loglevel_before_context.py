import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

sc = SparkContext.getOrCreate()
sc.setLogLevel("FATAL")
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)

args = getResolvedOptions(sys.argv, ["JOB_NAME", "db_analyst", "etl_bucket"])
job.init(args["JOB_NAME"], args)

sales = spark.table(f"{args['db_analyst']}.sales")
summary = sales.groupBy("region").sum("amount").withColumnRenamed("sum(amount)", "total")
summary.coalesce(1).write.mode("overwrite").json(f"s3://{args['etl_bucket']}/front_end/sales/")
job.commit()
