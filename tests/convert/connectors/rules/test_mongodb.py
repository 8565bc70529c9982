"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.mongodb``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def save(glueContext, frame, database):
    options = {"connectionName": "atlas", "database": database, "collection": "talks", "ssl": "true",
               "ssl.domain_match": "false"}
    glueContext.write_dynamic_frame.from_options(frame, connection_type="mongodb", connection_options=options)
""",
                 """import g2l_helpers

def save(spark, frame, database):
    options = {"connectionName": "atlas", "database": database, "collection": "talks", "ssl": "true",
               "ssl.domain_match": "false"}
    (
        frame.write.format("mongodb")
        .mode("append")
        .option(
            "connection.uri",
            g2l_helpers.mongodb_uri(g2l_helpers.connection_secret("atlas", "url"), g2l_helpers.connection_secret("atlas", "user"), g2l_helpers.connection_secret("atlas", "password"), "true", "false"),
        )
        .option("database", database)
        .option("collection", "talks")
        .save()
    )
""",
                 [('MongoWrite', 'converted_with_helper')], id='mongodb_write_from_connection'),
]

test_connector_rule = check_cases(CASES)
