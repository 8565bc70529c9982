import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsgluedq.transforms import EvaluateDataQuality

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Devices
Devices_node1 = glueContext.create_dynamic_frame.from_catalog(database="iot", table_name="devices", transformation_ctx="Devices_node1")

# Script generated for node Evaluate Data Quality (Multiframe)
EvaluateDataQualityMultiframe_node2_ruleset = """
    Rules = [
        IsPrimaryKey "device_id",
        ColumnLength "firmware" <= 16,
        DataFreshness "last_seen" <= 24 hours
    ]
"""
EvaluateDataQualityMultiframe_node2 = EvaluateDataQuality().process_rows(
    frame=Devices_node1,
    ruleset=EvaluateDataQualityMultiframe_node2_ruleset,
    publishing_options={"dataQualityEvaluationContext": "EvaluateDataQualityMultiframe_node2", "enableDataQualityCloudWatchMetrics": False},
    additional_options={"performanceTuning.caching": "CACHE_NOTHING"},
)

# Script generated for node rowLevelOutcomes
rowLevelOutcomes_node3 = SelectFromCollection.apply(dfc=EvaluateDataQualityMultiframe_node2, key="rowLevelOutcomes", transformation_ctx="rowLevelOutcomes_node3")

# Script generated for node Conditional Router
PassedRows_node4 = Filter.apply(frame=rowLevelOutcomes_node3, f=lambda row: row["DataQualityEvaluationResult"] == "Passed", transformation_ctx="PassedRows_node4")

# Script generated for node Devices good
Devicesgood_node5 = glueContext.write_dynamic_frame.from_options(frame=PassedRows_node4, connection_type="s3", format="glueparquet", connection_options={"path": "s3://iot-curated/devices/", "partitionKeys": []}, format_options={"compression": "snappy"}, transformation_ctx="Devicesgood_node5")

job.commit()
