"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.credentials``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def connect(glueContext):
    conf = glueContext.extract_jdbc_conf("orders-db")
    return conf["url"] + "/orders", conf["user"], conf["password"]
""",
                 """import g2l_helpers

def connect(spark):
    conf = g2l_helpers.jdbc_connection_conf("orders-db")
    return conf["url"] + "/orders", conf["user"], conf["password"]
""",
                 [('ExtractJdbcConf', 'converted_with_helper')], id='extract_conf'),
]

test_connector_rule = check_cases(CASES)
