"""Glue connectors (Redshift, JDBC, Kinesis, Kafka, Spark connectors, DynamoDB) -> Databricks reads and
writes, as plans independent of the syntax tree (``plan.Plan``); ``render`` turns a plan into code.

``read_plan``/``write_plan`` return None for a connection type that is not a connector (``s3``: the
file readers handle it) and raise ``plan.Unsupported`` with what to do instead where no faithful
conversion exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors import custom, dynamodb, jdbc, redshift, streaming
from g2l_core.convert.connectors.plan import Plan, Unsupported, Value

CONNECTION_TYPES = redshift.TYPES | jdbc.TYPES | streaming.TYPES | custom.TYPES | dynamodb.TYPES


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
    return None


def write_plan(connection_type: str, options: Mapping[str, Value], connection: Value | None = None,
               tmp_dir: Value | None = None) -> Plan | None:
    if connection_type in redshift.TYPES:
        return redshift.write_plan(options, connection, tmp_dir)
    if connection_type in jdbc.TYPES:
        return jdbc.write_plan(connection_type, options, connection)
    if connection_type in streaming.TYPES:
        raise Unsupported(f"{connection_type} write: inside the batch function write with "
                          f"df.select(F.to_json(F.struct('*')).alias('{'value' if connection_type == 'kafka' else 'data'}'))"
                          f".write.format('{connection_type}') and the stream/topic options")
    if connection_type in custom.TYPES:
        return custom.plan(connection_type, options, write=True)
    if connection_type in dynamodb.TYPES:
        return dynamodb.write_plan(options)
    return None


def jdbc_conf_write_plan(connection: Value, options: Mapping[str, Value], tmp_dir: Value | None = None) -> Plan:
    """``write_dynamic_frame.from_jdbc_conf``: Redshift when the call stages in S3 or names a Redshift
    connection, else plain JDBC (the connection's URL says the database)."""
    if redshift.targets_redshift(options, connection, tmp_dir):
        return redshift.write_plan(options, connection, tmp_dir)
    return jdbc.write_plan("jdbc", options, connection)


__all__ = ["CONNECTION_TYPES", "Plan", "Unsupported", "jdbc_conf_write_plan", "read_plan", "write_plan"]
