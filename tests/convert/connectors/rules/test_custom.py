"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.custom``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def sync_sessions(glueContext):
    sessions = glueContext.create_dynamic_frame.from_options(
        connection_type="marketplace.spark",
        connection_options={"path": "glue_catalog.web.sessions", "connectionName": "iceberg-glue3"})
    glueContext.write_dynamic_frame.from_options(
        frame=sessions, connection_type="marketplace.spark",
        connection_options={"path": "glue_catalog.web.sessions_copy", "connectionName": "iceberg-glue3"})
""",
                 """def sync_sessions(spark):
    sessions = spark.table("main.web.sessions")
    sessions.writeTo("main.web.sessions_copy").append()
""",
                 [('SparkConnectorRead', 'converted'), ('SparkConnectorWrite', 'converted')], id='iceberg_catalog_table'),
    pytest.param("""def load(glueContext):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="snowflake",
        connection_options={"connectionName": "sf-prod", "sfDatabase": "SALES", "sfSchema": "PUBLIC",
                            "sfWarehouse": "ETL_WH", "dbtable": "ORDERS"})
""",
                 """import g2l_helpers

def load(spark):
    return (
        spark.read.format("snowflake")
        .option("sfUrl", g2l_helpers.connection_secret("sf-prod", "url"))
        .option("sfUser", g2l_helpers.connection_secret("sf-prod", "user"))
        .option("sfPassword", g2l_helpers.connection_secret("sf-prod", "password"))
        .option("sfDatabase", "SALES")
        .option("sfSchema", "PUBLIC")
        .option("sfWarehouse", "ETL_WH")
        .option("dbtable", "ORDERS")
        .load()
    )
""",
                 [('SparkConnectorRead', 'converted_with_helper')], id='snowflake_native'),
    pytest.param("""def load(glueContext):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="marketplace.spark",
        connection_options={"connectionName": "snowflake-conn", "dbtable": "ORDERS", "sfDatabase": "SALES"})
""",
                 """def load(spark):
    # g2l: review: spark connector read with format('snowflake-conn'): the connector class comes from Glue connection 'snowflake-conn': put the connector's Spark format name in format(...)
    return (
        spark.read.format("snowflake-conn")
        .option("dbtable", "ORDERS")
        .option("sfDatabase", "SALES")
        .load()
    )
""",
                 [('SparkConnectorRead', 'flagged')], id='marketplace'),
    pytest.param("""def index_talks(glueContext, talks):
    # search index of the talks, rebuilt by id
    glueContext.write_dynamic_frame.from_options(
        frame=talks,
        connection_type="opensearch",
        connection_options={
            "connectionName": "talks-search",
            "opensearch.resource": "talks",
            "opensearch.mapping.id": "talk_id",
        },
    )
    return glueContext.create_dynamic_frame.from_options(
        connection_type="opensearch",
        connection_options={"connectionName": "talks-search", "opensearch.resource": "talks",
                            "opensearch.query": '{"query": {"match": {"speaker": "ada"}}}'},
    )
""",
                 """import g2l_helpers

def index_talks(spark, talks):
    # search index of the talks, rebuilt by id
    (
        talks.write.format("opensearch")
        .mode("append")
        .option("opensearch.nodes", g2l_helpers.connection_secret("talks-search", "url"))
        .option(
            "opensearch.net.http.auth.user",
            g2l_helpers.connection_secret("talks-search", "user"),
        )
        .option(
            "opensearch.net.http.auth.pass",
            g2l_helpers.connection_secret("talks-search", "password"),
        )
        .option("opensearch.resource", "talks")
        .option("opensearch.mapping.id", "talk_id")
        .save()
    )
    return (
        spark.read.format("opensearch")
        .option("opensearch.nodes", g2l_helpers.connection_secret("talks-search", "url"))
        .option(
            "opensearch.net.http.auth.user",
            g2l_helpers.connection_secret("talks-search", "user"),
        )
        .option(
            "opensearch.net.http.auth.pass",
            g2l_helpers.connection_secret("talks-search", "password"),
        )
        .option("opensearch.resource", "talks")
        .option("opensearch.query", '{"query": {"match": {"speaker": "ada"}}}')
        .load()
    )
""",
                 [('SparkConnectorWrite', 'converted_with_helper'), ('SparkConnectorRead', 'converted_with_helper')], id='opensearch_write_and_read'),
]

test_connector_rule = check_cases(CASES)
