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

# Default ruleset used by all target nodes with data quality enabled
DEFAULT_DATA_QUALITY_RULESET = """
    Rules = [
        ColumnCount > 0
    ]
"""

# Script generated for node Patients
Patients_node1 = glueContext.create_dynamic_frame.from_catalog(
    database="clinic", table_name="patients", transformation_ctx="Patients_node1"
)

# Script generated for node Evaluate Data Quality
EvaluateDataQuality_node2_ruleset = """
    # Example rules: Completeness "colA" between 0.4 and 0.8, ColumnCount > 10
    Rules = [
        IsComplete "patient_id",
        IsUnique "patient_id",
        ColumnValues "age" between 0 and 120,
        RowCount > 100,
        ColumnExists "ward"
    ]
"""

EvaluateDataQuality_node2 = EvaluateDataQuality().process_rows(
    frame=Patients_node1,
    ruleset=EvaluateDataQuality_node2_ruleset,
    publishing_options={
        "dataQualityEvaluationContext": "EvaluateDataQuality_node2",
        "enableDataQualityCloudWatchMetrics": True,
        "enableDataQualityResultsPublishing": True,
    },
    additional_options={"observations.scope": "ALL", "performanceTuning.caching": "CACHE_NOTHING"},
)

# Script generated for node ruleOutcomes
ruleOutcomes_node3 = SelectFromCollection.apply(
    dfc=EvaluateDataQuality_node2,
    key="ruleOutcomes",
    transformation_ctx="ruleOutcomes_node3",
)

# Script generated for node Outcomes
Outcomes_node4 = glueContext.write_dynamic_frame.from_options(
    frame=ruleOutcomes_node3,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://clinic-dq/outcomes/", "partitionKeys": []},
    transformation_ctx="Outcomes_node4",
)

job.commit()
