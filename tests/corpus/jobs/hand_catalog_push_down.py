import sys
from datetime import date, timedelta

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "days_back"])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session

since = (date.today() - timedelta(days=int(args["days_back"]))).isoformat()
# partition pruning on the catalog side: only the last N days are listed
predicate = f"(year || '-' || month || '-' || day) >= '{since}'"
logs = glueContext.create_dynamic_frame.from_catalog(
    database="weblogs", table_name="access_logs", push_down_predicate=predicate,
    additional_options={"catalogPartitionPredicate": predicate},
)
df = logs.toDF()
errors = df.filter(df.status >= 500)
errors.createOrReplaceTempView("errors")
spark.sql("SELECT host, count(*) AS n FROM errors GROUP BY host").write.mode("overwrite").parquet(
    "s3://weblogs-reports/5xx_by_host/"
)
