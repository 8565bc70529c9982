"""Daily rain totals: star imports from awsglue.utils, a SQL view over a file read, a catalog-updating sink."""
import sys
from awsglue.transforms import *
from awsglue.utils import *
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'gauge_path'])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

gauges = glueContext.create_dynamic_frame_from_options(
    connection_type="s3", connection_options={"paths": [args['gauge_path']]}, format="json")
gauges.toDF().createOrReplaceTempView("gauge_readings")
daily = spark.sql("SELECT station, to_date(read_at) AS read_day, sum(mm) AS rain_mm "
                  "FROM gauge_readings GROUP BY station, to_date(read_at)")

rain_sink = glueContext.getSink(
    path="s3://weather-curated/rain_daily/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=["read_day"],
    enableUpdateCatalog=True,
)
rain_sink.setCatalogInfo(catalogDatabase="weather", catalogTableName="rain_daily")
rain_sink.setFormat("glueparquet")
rain_sink.writeFrame(DynamicFrame.fromDF(daily, glueContext, "daily"))
job.commit()
