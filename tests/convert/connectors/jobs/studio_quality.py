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

# Script generated for node Amazon S3
AmazonS3_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"withHeader": True, "separator": ","},
    connection_type="s3",
    format="csv",
    connection_options={"paths": ["s3://shop-landing/orders/"], "recurse": True},
    transformation_ctx="AmazonS3_node1",
)

# Script generated for node Evaluate Data Quality
EvaluateDataQuality_node2_ruleset = """
    # Example rules: Completeness "colA" between 0.4 and 0.8, ColumnCount > 10
    Rules = [
        IsComplete "order_id",
        IsUnique "order_id",
        ColumnValues "status" in ["NEW", "PAID", "SHIPPED"],
        RowCount > 0
    ]
"""

EvaluateDataQuality_node2 = EvaluateDataQuality().process_rows(
    frame=AmazonS3_node1,
    ruleset=EvaluateDataQuality_node2_ruleset,
    publishing_options={
        "dataQualityEvaluationContext": "EvaluateDataQuality_node2",
        "enableDataQualityResultsPublishing": True,
    },
    additional_options={"dataQualityResultsPublishing.strategy": "BEST_EFFORT", "observations.scope": "ALL"},
)

# Script generated for node ruleOutcomes
ruleOutcomes_node3 = SelectFromCollection.apply(
    dfc=EvaluateDataQuality_node2,
    key="ruleOutcomes",
    transformation_ctx="ruleOutcomes_node3",
)

# Script generated for node rowLevelOutcomes
rowLevelOutcomes_node4 = SelectFromCollection.apply(
    dfc=EvaluateDataQuality_node2,
    key="rowLevelOutcomes",
    transformation_ctx="rowLevelOutcomes_node4",
)

# Script generated for node Amazon S3
AmazonS3_node5 = glueContext.write_dynamic_frame.from_options(
    frame=ruleOutcomes_node3,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://shop-quality/outcomes/", "partitionKeys": []},
    transformation_ctx="AmazonS3_node5",
)
AmazonS3_node6 = glueContext.write_dynamic_frame.from_options(
    frame=rowLevelOutcomes_node4,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://shop-quality/rows/", "partitionKeys": []},
    transformation_ctx="AmazonS3_node6",
)
job.commit()
