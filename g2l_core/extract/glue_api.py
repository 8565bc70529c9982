"""Which call names are Glue API calls, under one canonical key each (see awsglue_api.md).

Calls arrive as dotted names with ``()`` marking a call in the receiver chain
(``glueContext.create_dynamic_frame.from_catalog``, ``df.write.mode().saveAsTable``). Names that PySpark
DataFrames share (``join``, ``filter``, ``count``) are not counted: only ``Join.apply`` style transforms are.
"""

from __future__ import annotations

TRANSFORMS = frozenset({
    "ApplyMapping", "SelectFields", "DropFields", "RenameField", "ResolveChoice", "DropNullFields", "Filter",
    "Map", "Join", "Union", "SplitFields", "SplitRows", "Relationalize", "Unbox", "UnnestFrame",
    "SelectFromCollection", "MapToCollection", "FlatMap", "Spigot", "ErrorsAsDynamicFrame",
    "FillMissingValues", "FindMatches", "FindIncrementalMatches", "EvaluateDataQuality", "DropDuplicates",
})
READER_WRITER_GROUPS = frozenset({
    "create_dynamic_frame", "create_data_frame", "write_dynamic_frame", "write_data_frame",
})
CONTEXT_METHODS = frozenset({
    "create_dynamic_frame_from_catalog", "create_dynamic_frame_from_options", "create_dynamic_frame_from_rdd",
    "create_data_frame_from_catalog", "create_data_frame_from_options",
    "create_sample_dynamic_frame_from_catalog", "create_sample_dynamic_frame_from_options",
    "write_dynamic_frame_from_options", "write_dynamic_frame_from_catalog", "write_dynamic_frame_from_jdbc_conf",
    "write_data_frame_from_catalog", "write_from_options", "write_from_catalog",
    "getSource", "getSink", "getStreamingSource", "forEachBatch", "add_ingestion_time_columns",
    "purge_table", "purge_s3_path", "transition_table", "transition_s3_path",
    "start_transaction", "commit_transaction", "cancel_transaction", "get_logger", "extract_jdbc_conf",
})
DYNAMIC_FRAME_METHODS = frozenset({
    "apply_mapping", "resolveChoice", "select_fields", "drop_fields", "rename_field", "relationalize", "unbox",
    "unnest", "spigot", "mergeDynamicFrame", "errorsAsDynamicFrame", "errorsCount", "stageErrorsCount",
    "assertErrorThreshold", "split_fields", "split_rows", "fromDF",
})
SINK_METHODS = frozenset({"setCatalogInfo", "setFormat", "writeFrame"})
CONSTRUCTORS = frozenset({"GlueContext", "getResolvedOptions", "Job", "DynamicFrameCollection"})



def glue_api_key(dotted: str, n_args: int) -> str | None:
    """Canonical Glue API name for a call, or None when the call is not Glue API.

    ``n_args`` tells a Glue ``dyf.toDF()`` (no arguments) from PySpark's column-renaming ``df.toDF("a")``.
    """
    parts = dotted.replace("()", "").split(".")
    last = parts[-1]
    prev = parts[-2] if len(parts) > 1 else ""
    if last == "apply" and prev in TRANSFORMS:
        return f"{prev}.apply"
    if prev in READER_WRITER_GROUPS:
        return f"{prev}.{last}"
    if last in CONTEXT_METHODS:
        return last
    if last in DYNAMIC_FRAME_METHODS:
        return f"DynamicFrame.{last}"
    if last == "toDF" and n_args == 0 and len(parts) > 1:
        return "DynamicFrame.toDF"
    if last in SINK_METHODS:
        return f"DataSink.{last}"
    if last in CONSTRUCTORS:
        return last
    return None


def is_context_api(key: str) -> bool:
    return key == "GlueContext" or key.startswith(("create_", "write_", "DataSink.")) or key in CONTEXT_METHODS


def is_dynamic_frame_api(key: str) -> bool:
    return (key.startswith(("DynamicFrame", "create_dynamic_frame", "write_dynamic_frame"))
            or key.endswith(".apply") or key in ("create_sample_dynamic_frame_from_catalog",
                                                  "create_sample_dynamic_frame_from_options"))
