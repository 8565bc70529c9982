import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "gcp_project"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Google BigQuery Connector
GoogleBigQueryConnector_node1 = glueContext.create_dynamic_frame.from_options(
    connection_type="marketplace.spark",
    connection_options={
        "parentProject": args["gcp_project"],
        "table": "analytics.web_events",
        "connectionName": "bigquery-connection",
        "filter": "event_date = CURRENT_DATE()",
    },
    transformation_ctx="GoogleBigQueryConnector_node1",
)

# Script generated for node Iceberg source
Icebergsource_node2 = glueContext.create_dynamic_frame.from_options(
    connection_type="marketplace.spark",
    connection_options={
        "path": "glue_catalog.web.sessions",
        "connectionName": "iceberg-connector-glue3",
    },
    transformation_ctx="Icebergsource_node2",
)

# Script generated for node Join
Join_node3 = Join.apply(
    frame1=GoogleBigQueryConnector_node1,
    frame2=Icebergsource_node2,
    keys1=["session_id"],
    keys2=["id"],
    transformation_ctx="Join_node3",
)

# Script generated for node Iceberg target
Icebergtarget_node4 = glueContext.write_dynamic_frame.from_options(
    frame=Join_node3,
    connection_type="marketplace.spark",
    connection_options={
        "path": "glue_catalog.web.sessions_enriched",
        "connectionName": "iceberg-connector-glue3",
    },
    transformation_ctx="Icebergtarget_node4",
)

# Script generated for node Elasticsearch target
Elasticsearchtarget_node5 = glueContext.write_dynamic_frame.from_options(
    frame=Join_node3,
    connection_type="custom.spark",
    connection_options={
        "path": "web-sessions",
        "es.nodes.wan.only": "true",
        "es.port": "443",
        "connectionName": "es-custom-connector",
    },
    transformation_ctx="Elasticsearchtarget_node5",
)

job.commit()
