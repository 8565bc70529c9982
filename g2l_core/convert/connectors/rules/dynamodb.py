"""DynamoDB: export reads -> ``g2l_helpers.read_dynamodb_export``; live scans and writes -> boto3 helpers, flagged."""

from __future__ import annotations

from g2l_core.convert import storage
from g2l_core.convert.connectors import dynamodb, render
from g2l_core.convert.connectors.plan import HelperCall, Plan, Value
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite
from g2l_core.convert.rules import Site


class DynamoDbRead(ConnectorRead):
    DESCRIPTION = ("`from_options('dynamodb', {'dynamodb.export': 'ddb'|'s3', 'dynamodb.s3.bucket', ...})` -> "
                   "`g2l_helpers.read_dynamodb_export(spark, 's3://bucket/prefix', unnest)`; a live scan -> "
                   "`g2l_helpers.scan_dynamodb(spark, table)`, flagged")
    TYPES = dynamodb.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan:
        plan = dynamodb.read_plan(options)
        assert plan.reader is not None
        if plan.path is None:  # a live scan
            return plan
        path = storage.mapped_path(site, render.expression(plan.path, site.helper))
        session, _, unnest = plan.reader.args
        plan.reader = HelperCall(plan.reader.name, (session, path, unnest))
        return plan


class DynamoDbWrite(ConnectorWrite):
    DESCRIPTION = ("`write_dynamic_frame.from_options(frame, 'dynamodb', {'dynamodb.output.tableName'})` -> "
                   "`g2l_helpers.write_dynamodb(df, table)` (boto3 batch writes per partition), flagged")
    TYPES = dynamodb.TYPES


RULES = (DynamoDbRead, DynamoDbWrite)
