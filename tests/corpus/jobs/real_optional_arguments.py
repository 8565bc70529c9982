import sys
from datetime import date, timedelta

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

# run_date is optional: the scheduled run processes yesterday
if "--run_date" in sys.argv:
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "run_date"])
    run_date = args["run_date"]
else:
    args = getResolvedOptions(sys.argv, ["JOB_NAME"])
    run_date = (date.today() - timedelta(days=1)).isoformat()

sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

year, month, day = run_date.split("-")
clicks = glueContext.create_dynamic_frame.from_catalog(
    database="web_logs",
    table_name="clicks",
    push_down_predicate=f"year='{year}' and month='{month}' and day='{day}'",
)
summary = clicks.toDF().groupBy("page").count()
summary.write.mode("overwrite").parquet(f"s3://web-analytics/daily_clicks/dt={run_date}/")
job.commit()
