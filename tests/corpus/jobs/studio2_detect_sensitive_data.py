import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglueml.transforms import EntityDetector
from pyspark.sql.types import StringType
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql.functions import *

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Support tickets
Supporttickets_node1690000000001 = glueContext.create_dynamic_frame.from_options(
    format_options={"quoteChar": '"', "withHeader": True, "separator": ","},
    connection_type="s3",
    format="csv",
    connection_options={"paths": ["s3://helpdesk-raw/tickets/"], "recurse": True},
    transformation_ctx="Supporttickets_node1690000000001",
)

# Script generated for node Detect Sensitive Data
entity_detector = EntityDetector()
detected_df = entity_detector.detect(
    Supporttickets_node1690000000001,
    ["EMAIL", "CREDIT_CARD", "USA_PHONE_NUMBER"],
    "DetectedEntities",
)


def mask_span(value, spans):
    # replace the detected characters, last span first so offsets stay valid
    for start, end in sorted(spans, key=lambda s: s[1], reverse=True):
        value = value[:start] + "#" * (end - start) + value[end:]
    return value


def mask_cell(column_name, value, detected):
    if detected and column_name in detected.keys():
        return mask_span(value, [(e["start"], e["end"]) for e in detected[column_name]])
    return value


mask_cell_udf = udf(mask_cell, StringType())

masked = detected_df.toDF()
for column in Supporttickets_node1690000000001.toDF().columns:
    masked = masked.withColumn(column, mask_cell_udf(lit(column), col(column), col("DetectedEntities")))
masked = masked.drop("DetectedEntities")

DetectSensitiveData_node1690000000002 = DynamicFrame.fromDF(masked, glueContext, "masked")

# Script generated for node Classify columns
classified = entity_detector.classify_columns(Supporttickets_node1690000000001, ["USA_SSN", "EMAIL"], 1.0, 0.1)
print("columns holding personal data:", sorted(classified.keys()))

# Script generated for node Redacted tickets
Redactedtickets_node1690000000003 = glueContext.write_dynamic_frame.from_options(
    frame=DetectSensitiveData_node1690000000002,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://helpdesk-curated/tickets/", "partitionKeys": []},
    transformation_ctx="Redactedtickets_node1690000000003",
)

job.commit()
