import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "env"])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session

# database names follow the `<team>-<env>` convention of the platform account
source_db = f"marketing-{args['env']}"
campaigns = glueContext.create_dynamic_frame.from_catalog(database=source_db, table_name="campaign-events")
clicks = glueContext.create_dynamic_frame.from_catalog(database="marketing-shared", table_name="3rdparty_clicks")

joined = campaigns.toDF().join(clicks.toDF(), "campaign_id", "left")
joined.write.mode("overwrite").saveAsTable("`marketing-reporting`.campaign_clicks")
