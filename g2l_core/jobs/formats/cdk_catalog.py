"""The ``aws_glue_alpha`` catalog constructs (``Database``, ``Table``/``S3Table`` with ``Schema`` column types
and a ``DataFormat``) as the ``CfnDatabase``/``CfnTable`` properties they synthesize, so the DDL side reads
them as it reads the L1 constructs."""

from __future__ import annotations

from g2l_core.jobs.formats.cdk_values import Construct, joined

SCHEMA_TYPES = {"STRING": "string", "BIG_INT": "bigint", "INTEGER": "int", "SMALL_INT": "smallint",
                "TINY_INT": "tinyint", "DOUBLE": "double", "FLOAT": "float", "BOOLEAN": "boolean", "DATE": "date",
                "TIMESTAMP": "timestamp", "BINARY": "binary"}
_TEXT_IN, _TEXT_OUT = "org.apache.hadoop.mapred.TextInputFormat", \
    "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
# DataFormat member -> (classification, input format, output format, serde)
DATA_FORMATS = {
    "PARQUET": ("parquet", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
    "ORC": ("orc", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
            "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
    "JSON": ("json", _TEXT_IN, _TEXT_OUT, "org.openx.data.jsonserde.JsonSerDe"),
    "CSV": ("csv", _TEXT_IN, _TEXT_OUT, "org.apache.hadoop.hive.serde2.OpenCSVSerde"),
    "TSV": ("csv", _TEXT_IN, _TEXT_OUT, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
    "AVRO": ("avro", "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
             "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
             "org.apache.hadoop.hive.serde2.avro.AvroSerDe"),
}


def schema_type(member: str, args: list):
    """``Schema.decimal(10, 2)``, ``Schema.array(Schema.STRING)``... as the Hive type text (args already plain)."""
    if member in ("decimal", "char", "varchar"):
        return joined([f"{member}(", *[x for a in args for x in (str(a), ",")][:-1], ")"])
    if member == "array" and args:
        return joined(["array<", args[0], ">"])
    if member == "map" and len(args) > 1:
        return joined(["map<", args[0], ",", args[1], ">"])
    if member == "struct" and args and isinstance(args[0], list):
        fields = [joined([c.get("name"), ":", c.get("type")]) for c in args[0] if isinstance(c, dict)]
        return joined(["struct<", *[x for f in fields for x in (f, ",")][:-1], ">"])
    return NotImplemented


def _columns(items) -> list:
    return [{"name": c.get("name"), "type": c.get("type"), "comment": c.get("comment")} if isinstance(c, dict) else c
            for c in items or []]


def table_props(cid: str, kw: dict, data_format) -> dict:
    """``glue.Table(...)``/``S3Table(...)`` keyword arguments as ``CfnTable`` properties; ``data_format`` is the
    ``DataFormat`` member name (``PARQUET``) or None."""
    classification, input_format, output_format, serde = DATA_FORMATS.get(data_format, (None,) * 4)
    bucket = kw.get("bucket")
    bucket_name = bucket.name if isinstance(bucket, Construct) else bucket
    prefix = kw.get("s3_prefix") or ""
    parameters = {"classification": classification, "has_encrypted_data": "false", **(kw.get("parameters") or {})}
    if kw.get("compressed"):
        parameters["compressed"] = "true"
    return {
        "database_name": kw.get("database"),
        "table_input": {
            "name": kw.get("table_name") or cid.lower(), "description": kw.get("description"),
            "table_type": "EXTERNAL_TABLE", "parameters": parameters,
            "partition_keys": _columns(kw.get("partition_keys")),
            "storage_descriptor": {
                "columns": _columns(kw.get("columns")), "input_format": input_format, "output_format": output_format,
                "serde_info": {"serialization_library": serde},
                "location": joined(["s3://", bucket_name, "/", prefix]) if bucket_name is not None else None,
            },
        },
    }
