import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
import gs_now
import gs_derived
import gs_to_timestamp
import gs_format_timestamp
import gs_uuid
import gs_repartition

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Meter events
Meterevents_node1700100000001 = glueContext.create_dynamic_frame.from_catalog(
    database="utility", table_name="meter_events", transformation_ctx="Meterevents_node1700100000001"
)

# Script generated for node To Timestamp
ToTimestamp_node1700100000002 = Meterevents_node1700100000001.gs_to_timestamp(
    colName="event_epoch", colType="seconds", newColName="event_ts"
)

# Script generated for node Format Timestamp
FormatTimestamp_node1700100000003 = ToTimestamp_node1700100000002.gs_format_timestamp(
    colName="event_ts", dateFormat="yyyy-MM-dd", newColName="event_day"
)

# Script generated for node Derived Column
DerivedColumn_node1700100000004 = FormatTimestamp_node1700100000003.gs_derived(
    colName="kwh", expr="reading_wh / 1000.0"
)

# Script generated for node Add Current Timestamp
AddCurrentTimestamp_node1700100000005 = DerivedColumn_node1700100000004.gs_now(
    colName="loaded_at"
)

# Script generated for node Add Current Timestamp formatted
AddCurrentTimestampformatted_node1700100000006 = AddCurrentTimestamp_node1700100000005.gs_now(
    colName="load_date", dateFormat="%Y-%m-%d"
)

# Script generated for node UUID
UUID_node1700100000007 = AddCurrentTimestampformatted_node1700100000006.gs_uuid(colName="row_id")

# Script generated for node Autobalance Processing
AutobalanceProcessing_node1700100000009 = UUID_node1700100000007.gs_repartition(numPartitionsStr="4")

# Script generated for node Curated meter events
Curatedmeterevents_node1700100000008 = glueContext.getSink(
    path="s3://utility-curated/meter_events/",
    connection_type="s3",
    updateBehavior="UPDATE_IN_DATABASE",
    partitionKeys=["event_day"],
    enableUpdateCatalog=True,
    transformation_ctx="Curatedmeterevents_node1700100000008",
)
Curatedmeterevents_node1700100000008.setCatalogInfo(
    catalogDatabase="utility_curated", catalogTableName="meter_events"
)
Curatedmeterevents_node1700100000008.setFormat("glueparquet", compression="snappy")
Curatedmeterevents_node1700100000008.writeFrame(AutobalanceProcessing_node1700100000009)
job.commit()
