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
job = Job(glueContext)
job.init(args['JOB_NAME'], args)


band_df = spark.read \
    .format("jdbc") \
    .option("url", "jdbc:postgresql://warehouse:5432/tpc") \
    .option("dbtable", "income_band") \
    .option("user", "reader") \
    .option("password", "change-me") \
    .load() \
    .where("ib_income_band_sk > 10")

print("band_df count: " + str(band_df.count()))
band_df.printSchema()

band_dyf = glueContext \
              .create_dynamic_frame \
              .from_catalog(database="tpc", table_name="income_band")

print("band_dyf count: " + str(band_dyf.count()))
band_dyf.printSchema()
job.commit()
