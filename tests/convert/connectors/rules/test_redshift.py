"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.redshift``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def load(glueContext, day):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="redshift",
        connection_options={
            "url": "jdbc:redshift://dwh.example:5439/analytics",
            "query": f"select * from sales.orders where day = '{day}'",
            "redshiftTmpDir": "s3://acme-tmp/unload/",
            "aws_iam_role": "arn:aws:iam::123456789012:role/redshift-unload",
            "connectionName": "dwh",
        },
    )
""",
                 """def load(spark, day):
    return (
        spark.read.format("redshift")
        .option("url", "jdbc:redshift://dwh.example:5439/analytics")
        .option("query", f"select * from sales.orders where day = '{day}'")
        .option("aws_iam_role", "arn:aws:iam::123456789012:role/redshift-unload")
        .option("tempdir", "s3://acme-tmp/unload/")
        .load()
    )
""",
                 [('RedshiftRead', 'converted')], id='redshift_query_iam'),
]

test_connector_rule = check_cases(CASES)
