import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.transforms import ApplyMapping, DropDuplicates, Spigot
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "debug_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

events = glueContext.create_dynamic_frame.from_catalog(database="clickstream", table_name="events_raw")
typed = ApplyMapping.apply(
    frame=events,
    mappings=[("event_id", "string", "event_id", "string"), ("ts", "string", "ts", "timestamp")],
)
# keep a small sample for whoever debugs the mapping next
typed = Spigot.apply(frame=typed, path=args["debug_path"] + "/typed/", options={"prob": 0.01, "topk": 50})
unique = DropDuplicates.apply(frame=typed, keys=["event_id"])
unique.spigot(args["debug_path"] + "/unique/")

bad = unique.errorsCount()
if bad:
    print(f"{bad} records failed to parse")
    unique.errorsAsDynamicFrame().toDF().write.mode("overwrite").json(args["debug_path"] + "/errors/")

unique.toDF().write.mode("append").partitionBy("ts").parquet("s3://clicks-curated/events/")
job.commit()
