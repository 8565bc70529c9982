import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "TempDir", "redshift_role"])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# unload from Redshift through S3
events = glueContext.create_dynamic_frame.from_options(
    connection_type="redshift",
    connection_options={
        "url": "jdbc:redshift://analytics.abc123.us-east-1.redshift.amazonaws.com:5439/dev",
        "query": "select event_id, user_id, event_type, created_at from web.events where created_at > dateadd(day, -1, getdate())",
        "redshiftTmpDir": args["TempDir"],
        "aws_iam_role": args["redshift_role"],
    },
)

# sessionize in Spark, load the result back
sessions = events.toDF().groupBy("user_id").count()
from awsglue.dynamicframe import DynamicFrame  # noqa: E402

glueContext.write_dynamic_frame.from_options(
    frame=DynamicFrame.fromDF(sessions, glueContext, "sessions"),
    connection_type="redshift",
    connection_options={
        "url": "jdbc:redshift://analytics.abc123.us-east-1.redshift.amazonaws.com:5439/dev",
        "dbtable": "web.daily_user_events",
        "redshiftTmpDir": args["TempDir"],
        "aws_iam_role": args["redshift_role"],
        "preactions": "DELETE FROM web.daily_user_events WHERE day = current_date;",
        "postactions": "ANALYZE web.daily_user_events;",
    },
)
job.commit()
