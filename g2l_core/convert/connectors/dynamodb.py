"""DynamoDB: export-based reads -> the exported files read by ``g2l_helpers.read_dynamodb_export``.

Glue's ``dynamodb.export`` reads go through a point-in-time export in S3 (``ddb``: Glue starts the
export itself, and so does ``g2l_helpers.export_dynamodb_table``; ``s3``: one that already exists). The export files are DynamoDB JSON, one item per
line (``{"Item": {"id": {"S": "a"}, ...}}``); the helper reads the newest export under the prefix and,
with ``dynamodb.unnestDDBJson`` (or ``simplifyDDBJson``), turns each item into plain columns. Databricks
has no DynamoDB connector: live scans and writes go through boto3 helpers (``scan_dynamodb`` on the driver,
``write_dynamodb`` per partition) and are flagged, saying what that costs and the export alternative.
"""

from __future__ import annotations

from collections.abc import Mapping

from g2l_core.convert.connectors.plan import (
    FRAME, SESSION, HelperCall, Plan, Template, Unsupported, Value, leftover, literal, pick, truthy,
)

TYPES = frozenset({"dynamodb"})
EXPORT_KEYS = frozenset({"dynamodb.export", "dynamodb.tableArn", "dynamodb.s3.bucket", "dynamodb.s3.prefix",
                         "dynamodb.s3.bucketOwner", "dynamodb.sts.roleArn", "dynamodb.sts.roleSessionName",
                         "dynamodb.sts.region", "dynamodb.unnestDDBJson", "dynamodb.simplifyDDBJson"})
LIVE_READ = frozenset({"dynamodb.input.tableName", "dynamodb.region", "dynamodb.throughput.read.percent",
                       "dynamodb.splits", "dynamodb.sts.roleArn", "dynamodb.sts.roleSessionName", "dynamodb.endpoint"})
LIVE_WRITE = frozenset({"dynamodb.output.tableName", "dynamodb.region", "dynamodb.throughput.write.percent",
                        "dynamodb.output.numParallelTasks", "dynamodb.output.retry", "dynamodb.sts.roleArn",
                        "dynamodb.sts.roleSessionName", "dynamodb.endpoint"})
SCAN_NOTE = ("live scan: Databricks has no DynamoDB connector; g2l_helpers.scan_dynamodb scans with boto3 "
             "on the driver (serial, the table must fit in driver memory, cluster credentials need dynamodb:Scan). "
             "For a big table, export it to S3 (export_table_to_point_in_time) and read it with "
             "g2l_helpers.read_dynamodb_export(spark, 's3://<bucket>/<prefix>', True)")
WRITE_NOTE = ("Databricks has no DynamoDB connector; g2l_helpers.write_dynamodb puts every row with "
              "boto3 batch_write_item from each partition (cluster credentials need dynamodb:BatchWriteItem; "
              "Glue's write throughput percentage is not applied: repartition to limit parallel writers)")


def read_plan(options: Mapping[str, Value]) -> Plan:
    mode = literal(options.get("dynamodb.export"), "computed") if "dynamodb.export" in options else None
    if mode is None:
        return _live(options, LIVE_READ, "dynamodb.input.tableName", "scan_dynamodb", SCAN_NOTE)
    bucket, prefix = options.get("dynamodb.s3.bucket"), options.get("dynamodb.s3.prefix")
    if bucket is None:
        raise Unsupported("DynamoDB export without dynamodb.s3.bucket (Glue used its temporary folder): export to "
                          "a bucket of your own and read it with g2l_helpers.read_dynamodb_export")
    plan = Plan("dynamodb")
    unnest_option = pick(options, "dynamodb.unnestDDBJson", "dynamodb.simplifyDDBJson")
    unnest: Value = truthy(unnest_option)
    if unnest_option is not None and literal(unnest_option, None) is None:
        unnest = unnest_option  # computed at run time: the helper reads it then
    if mode == "s3":
        plan.path = _export_path(bucket, prefix)
        plan.reader = HelperCall("read_dynamodb_export", (SESSION, plan.path, unnest))
    else:  # Glue exports the table on every run: so does the converted job, before reading the export
        table = options.get("dynamodb.tableArn")
        if table is None:
            raise Unsupported("DynamoDB export without dynamodb.tableArn: name the table to export")
        args = (table, bucket) if prefix is None else (table, bucket, prefix)
        plan.reader = HelperCall("read_dynamodb_export", (SESSION, HelperCall("export_dynamodb_table", args), unnest))
        plan.notes.append("a new export is started and awaited on every run, as Glue does "
                          "(g2l_helpers.export_dynamodb_table: point-in-time recovery on the table, cluster "
                          "credentials with dynamodb:ExportTableToPointInTime and DescribeExport)")
    if "dynamodb.sts.roleArn" in options:
        plan.notes.append("dynamodb.sts.roleArn dropped: the cluster's credentials read the export files")
    return plan


def write_plan(options: Mapping[str, Value]) -> Plan:
    return _live(options, LIVE_WRITE, "dynamodb.output.tableName", "write_dynamodb", WRITE_NOTE)


def _live(options: Mapping[str, Value], known: frozenset[str], table_key: str, helper: str, note: str) -> Plan:
    if table_key not in options:
        raise Unsupported(f"DynamoDB without {table_key}: " + note)
    plan = Plan("dynamodb")
    region = options.get("dynamodb.region")
    target = SESSION if helper == "scan_dynamodb" else FRAME
    call = HelperCall(helper, (target, options[table_key]) + (() if region is None else (region,)))
    if helper == "scan_dynamodb":
        plan.reader = call
    else:
        plan.writer = call
    plan.flags.append(note)
    unknown = leftover(options, known)
    if unknown:
        plan.flags.append(f"options not carried over: {', '.join(unknown)}")
    return plan


def _export_path(bucket: Value, prefix: Value | None) -> Value:
    parts = [bucket] if prefix is None else [bucket, prefix]
    texts = [literal(p, None) for p in parts]
    if all(isinstance(t, str) for t in texts):
        return "s3://" + "/".join(t.strip("/") for t in texts)  # type: ignore[union-attr]
    return Template("s3://" + "/".join("{}" for _ in parts), tuple(parts))
