import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrameCollection
from awsgluedq.transforms import EvaluateDataQuality
import concurrent.futures
import re


class GroupFilter:
    def __init__(self, name, filters):
        self.name = name
        self.filters = filters


def apply_group_filter(source_DyF, group):
    return Filter.apply(frame=source_DyF, f=group.filters)


def threadedRoute(glue_ctx, source_DyF, group_filters) -> DynamicFrameCollection:
    dynamic_frames = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as executor:
        future_to_filter = {
            executor.submit(apply_group_filter, source_DyF, gf): gf
            for gf in group_filters
        }
        for future in concurrent.futures.as_completed(future_to_filter):
            gf = future_to_filter[future]
            if future.exception() is not None:
                print("%r generated an exception: %s" % (gf, future.exception()))
            else:
                dynamic_frames[gf.name] = future.result()
    return DynamicFrameCollection(dynamic_frames, glue_ctx)


args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Film ratings
Filmratings_node1700000000001 = glueContext.create_dynamic_frame.from_catalog(
    database="cinema",
    table_name="ratings_raw",
    transformation_ctx="Filmratings_node1700000000001",
)

# Script generated for node Rating checks
Ratingchecks_node1700000000002_ruleset = """
    # Example rules: Completeness "colA" between 0.4 and 0.8, ColumnCount > 10
    Rules = [
        IsComplete "film_id",
        ColumnValues "stars" between 0 and 5
    ]
"""

Ratingchecks_node1700000000002 = EvaluateDataQuality().process_rows(
    frame=Filmratings_node1700000000001,
    ruleset=Ratingchecks_node1700000000002_ruleset,
    publishing_options={
        "dataQualityEvaluationContext": "Ratingchecks_node1700000000002",
        "enableDataQualityCloudWatchMetrics": True,
        "enableDataQualityResultsPublishing": True,
    },
    additional_options={"observations.scope": "ALL", "performanceTuning.caching": "CACHE_NOTHING"},
)

# Script generated for node rowLevelOutcomes
rowLevelOutcomes_node1700000000003 = SelectFromCollection.apply(
    dfc=Ratingchecks_node1700000000002,
    key="rowLevelOutcomes",
    transformation_ctx="rowLevelOutcomes_node1700000000003",
)

# Script generated for node Conditional Router
ConditionalRouter_node1700000000004 = threadedRoute(
    glueContext,
    source_DyF=rowLevelOutcomes_node1700000000003,
    group_filters=[
        GroupFilter(
            name="rejected",
            filters=lambda row: (bool(re.match("Failed", row["DataQualityEvaluationResult"]))),
        ),
        GroupFilter(
            name="default_group",
            filters=lambda row: (not (bool(re.match("Failed", row["DataQualityEvaluationResult"])))),
        ),
    ],
)

# Script generated for node rejected
rejected_node1700000000005 = SelectFromCollection.apply(
    dfc=ConditionalRouter_node1700000000004,
    key="rejected",
    transformation_ctx="rejected_node1700000000005",
)

# Script generated for node default_group
default_group_node1700000000006 = SelectFromCollection.apply(
    dfc=ConditionalRouter_node1700000000004,
    key="default_group",
    transformation_ctx="default_group_node1700000000006",
)

# Script generated for node Drop outcome columns
Dropoutcomecolumns_node1700000000007 = DropFields.apply(
    frame=default_group_node1700000000006,
    paths=["DataQualityRulesPass", "DataQualityRulesFail", "DataQualityRulesSkip", "DataQualityEvaluationResult"],
    transformation_ctx="Dropoutcomecolumns_node1700000000007",
)

# Script generated for node Rejected out
Rejectedout_node1700000000008 = glueContext.write_dynamic_frame.from_options(
    frame=rejected_node1700000000005,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://cinema-quality/rejected/", "partitionKeys": []},
    transformation_ctx="Rejectedout_node1700000000008",
)

# Script generated for node Clean ratings
Cleanratings_node1700000000009 = glueContext.write_dynamic_frame.from_catalog(
    frame=Dropoutcomecolumns_node1700000000007,
    database="cinema",
    table_name="ratings_clean",
    transformation_ctx="Cleanratings_node1700000000009",
)

job.commit()
