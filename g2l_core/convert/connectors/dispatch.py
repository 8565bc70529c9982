"""Which family plans a connector call: ``read_plan``/``write_plan`` return None for a connection type that is not a connector (``s3``: the
file readers handle it) and raise ``plan.Unsupported`` with what to do instead where no faithful
conversion exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import custom, dynamodb, jdbc, mongodb, redshift, streaming
from g2l_core.convert.connectors.plan import Plan, Value

CONNECTION_TYPES = redshift.TYPES | jdbc.TYPES | streaming.TYPES | custom.TYPES | dynamodb.TYPES | mongodb.TYPES


def read_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None,
              tmp_dir: Value | None = None) -> Plan | None:
    if connection_type in redshift.TYPES:
        return redshift.read_plan(options, connection, tmp_dir)
    if connection_type in jdbc.TYPES:
        return jdbc.read_plan(connection_type, options, connection)
    if connection_type in streaming.TYPES:
        return streaming.read_plan(connection_type, options)
    if connection_type in custom.TYPES:
        return custom.plan(connection_type, options)
    if connection_type in dynamodb.TYPES:
        return dynamodb.read_plan(options)
    if connection_type in mongodb.TYPES:
        return mongodb.plan(connection_type, options)
    return None


def write_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None,
               tmp_dir: Value | None = None) -> Plan | None:
    if connection_type in redshift.TYPES:
        return redshift.write_plan(options, connection, tmp_dir)
    if connection_type in jdbc.TYPES:
        return jdbc.write_plan(connection_type, options, connection)
    if connection_type == streaming.KAFKA:
        return streaming.kafka_write_plan(options)
    if connection_type == streaming.KINESIS:
        return streaming.kinesis_write_plan(options)
    if connection_type in custom.TYPES:
        return custom.plan(connection_type, options, write=True)
    if connection_type in dynamodb.TYPES:
        return dynamodb.write_plan(options)
    if connection_type in mongodb.TYPES:
        return mongodb.plan(connection_type, options, write=True)
    return None


# Connector format for an option dict known only at run time (passed on as it is, flagged).
OPAQUE_FORMATS = {**{t: "redshift" for t in redshift.TYPES}, **{t: "jdbc" for t in jdbc.TYPES},
                  **{t: t for t in streaming.TYPES}, **{t: "mongodb" for t in mongodb.TYPES},
                  custom.OPENSEARCH: custom.OPENSEARCH, "bigquery": "bigquery", custom.COSMOS: "cosmos.oltp"}


def opaque_plan(connection_type: str, options: Value, write: bool = False) -> Plan | None:
    """``connection_options`` computed at run time: the connector's format with ``.options(**options)``;
    Glue's option names are not Spark's for every connector, so the plan is flagged. None when even the
    format is unknown (DynamoDB); a Spark connector's comes from its ``className`` at run time."""
    if connection_type in ("marketplace.spark", "custom.spark"):
        return custom.opaque_plan(connection_type, options, write)
    if write and connection_type in streaming.TYPES:
        return streaming.opaque_write_plan(connection_type, options)
    fmt = OPAQUE_FORMATS.get(connection_type)
    if fmt is None:
        return None
    plan = Plan(fmt, format=fmt, spread=options, streaming=connection_type in streaming.TYPES and not write,
                mode="append" if write else None)
    plan.flags.append(f"{connection_type} options computed at run time are passed as they are: Glue's names "
                      f"that differ from the {fmt} connector's ({_renamed(connection_type)}) need renaming")
    return plan


def _renamed(connection_type: str) -> str:
    if connection_type in redshift.TYPES:
        return "connectionName -> url/user/password from the secret scope, redshiftTmpDir -> tempdir"
    if connection_type == streaming.KINESIS:
        return "streamARN -> streamName + region, startingPosition -> initialPosition"
    if connection_type == streaming.KAFKA:
        return "bootstrap.servers -> kafka.bootstrap.servers, topicName -> subscribe"
    if connection_type == custom.OPENSEARCH:
        return "connectionName -> opensearch.nodes and login from the secret scope"
    return "connectionName -> url/user/password from the secret scope, hashfield/hashpartitions"


def jdbc_conf_write_plan(connection: Value, options: Mapping[str, Value], tmp_dir: Value | None = None) -> Plan:
    """``write_dynamic_frame.from_jdbc_conf``: Redshift when the call stages in S3 or names a Redshift
    connection, else plain JDBC (the connection's URL says the database)."""
    if redshift.targets_redshift(options, connection, tmp_dir):
        return redshift.write_plan(options, connection, tmp_dir)
    return jdbc.write_plan("jdbc", options, connection)
