import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsgluedq.transforms import EvaluateDataQuality
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as SqlFuncs


def sparkAggregate(
    glueContext, parentFrame, groups, aggs, transformation_ctx
) -> DynamicFrame:
    aggsFuncs = []
    for column, func in aggs:
        aggsFuncs.append(getattr(SqlFuncs, func)(column))
    result = (
        parentFrame.toDF().groupBy(*groups).agg(*aggsFuncs)
        if len(groups) > 0
        else parentFrame.toDF().agg(*aggsFuncs)
    )
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


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

# Script generated for node Store sales
Storesales_node1711000000001 = glueContext.create_dynamic_frame.from_catalog(
    database="retail-raw", table_name="store_sales", transformation_ctx="Storesales_node1711000000001"
)

# Script generated for node Select Fields
SelectFields_node1711000000002 = SelectFields.apply(
    frame=Storesales_node1711000000001,
    paths=["region", "store_id", "amount", "units"],
    transformation_ctx="SelectFields_node1711000000002",
)

# Script generated for node Sales by region
Salesbyregion_node1711000000003 = sparkAggregate(
    glueContext,
    parentFrame=SelectFields_node1711000000002,
    groups=["region"],
    aggs=[["amount", "sum"], ["units", "avg"], ["store_id", "countDistinct"]],
    transformation_ctx="Salesbyregion_node1711000000003",
)

# Script generated for node Grand total
Grandtotal_node1711000000004 = sparkAggregate(
    glueContext,
    parentFrame=SelectFields_node1711000000002,
    groups=[],
    aggs=[["amount", "sum"]],
    transformation_ctx="Grandtotal_node1711000000004",
)

# Script generated for node Regional report
EvaluateDataQuality().process_rows(
    frame=Salesbyregion_node1711000000003,
    ruleset=DEFAULT_DATA_QUALITY_RULESET,
    publishing_options={
        "dataQualityEvaluationContext": "EvaluateDataQuality_node1711000000005",
        "enableDataQualityResultsPublishing": True,
    },
    additional_options={
        "dataQualityResultsPublishing.strategy": "BEST_EFFORT",
        "observations.scope": "ALL",
    },
)
if Salesbyregion_node1711000000003.count() >= 1:
    Salesbyregion_node1711000000003 = Salesbyregion_node1711000000003.coalesce(1)
Regionalreport_node1711000000006 = glueContext.write_dynamic_frame.from_options(
    frame=Salesbyregion_node1711000000003,
    connection_type="s3",
    format="csv",
    connection_options={"path": "s3://retail-reports/by-region/", "partitionKeys": []},
    transformation_ctx="Regionalreport_node1711000000006",
)

# Script generated for node Total
Total_node1711000000007 = glueContext.write_dynamic_frame.from_options(
    frame=Grandtotal_node1711000000004,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://retail-reports/total/", "compression": "gzip", "partitionKeys": []},
    transformation_ctx="Total_node1711000000007",
)

job.commit()
