import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame


def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = spark.sql(query)
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Snowflake orders
Snowflakeorders_node1 = glueContext.create_dynamic_frame.from_options(
    connection_type="snowflake",
    connection_options={
        "autopushdown": "on",
        "query": "select order_id, store, total from SALES.PUBLIC.ORDERS where order_date >= dateadd(day, -1, current_date)",
        "connectionName": "snowflake-prod",
        "sfDatabase": "SALES",
        "sfSchema": "PUBLIC",
    },
    transformation_ctx="Snowflakeorders_node1",
)

# Script generated for node Store totals
SqlQuery0 = """
select store, sum(total) as revenue from orders group by store
"""
Storetotals_node2 = sparkSqlQuery(
    glueContext,
    query=SqlQuery0,
    mapping={"orders": Snowflakeorders_node1},
    transformation_ctx="Storetotals_node2",
)

# Script generated for node Snowflake target
Snowflaketarget_node3 = glueContext.write_dynamic_frame.from_options(
    frame=Storetotals_node2,
    connection_type="snowflake",
    connection_options={
        "autopushdown": "on",
        "dbtable": "STORE_REVENUE",
        "connectionName": "snowflake-prod",
        "preactions": "CREATE TABLE IF NOT EXISTS REPORTING.STORE_REVENUE (store string, revenue double); TRUNCATE TABLE REPORTING.STORE_REVENUE;",
        "sfDatabase": "SALES",
        "sfSchema": "REPORTING",
    },
    transformation_ctx="Snowflaketarget_node3",
)

job.commit()
