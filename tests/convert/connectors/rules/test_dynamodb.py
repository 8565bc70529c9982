"""Before -> after for the connector rules in ``g2l_core.convert.connectors.rules.dynamodb``."""

import pytest

from connector_cases import check_cases

CASES = [
    pytest.param("""def users(glueContext, bucket):
    return glueContext.create_dynamic_frame.from_options(
        connection_type="dynamodb",
        connection_options={"dynamodb.export": "s3", "dynamodb.s3.bucket": bucket, "dynamodb.s3.prefix": "exports/users",
                            "dynamodb.unnestDDBJson": True})
""",
                 """import g2l_helpers

def users(spark, bucket):
    return g2l_helpers.read_dynamodb_export(
        spark,
        "s3://{}/{}".format(bucket, "exports/users"),
        True,
    )
""",
                 [('DynamoDbRead', 'converted_with_helper')], id='dynamodb_export'),
    pytest.param("""def save(glueContext, frame):
    glueContext.write_dynamic_frame_from_options(
        frame=frame, connection_type="dynamodb",
        connection_options={"dynamodb.output.tableName": "customer-profiles", "dynamodb.throughput.write.percent": "1.0"})
""",
                 """import g2l_helpers

def save(spark, frame):
    # g2l: review: dynamodb write: Databricks has no DynamoDB connector; g2l_helpers.write_dynamodb puts every row with boto3 batch_write_item from each partition (cluster credentials need dynamodb:BatchWriteItem; Glue's write throughput percentage is not applied: repartition to limit parallel writers)
    g2l_helpers.write_dynamodb(frame, "customer-profiles")
""",
                 [('DynamoDbWrite', 'flagged')], id='dynamodb_write'),
]

test_connector_rule = check_cases(CASES)
