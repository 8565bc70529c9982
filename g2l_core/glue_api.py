"""The AWS Glue PySpark API in one table: every name, the module it comes from, and what kind of thing it is.

Extraction counts Glue call sites with it (``glue_api_key``), the converter resolves what a call returns
and which star-imported names are Glue's, the residue check finds Glue tokens left in converted code, and
the converter's rule table is checked against it (``tests/test_glue_api.py``). Adding a Glue name
here makes it known to all of them at once.

Two flags keep PySpark code from being taken for Glue code:
- ``shared``: PySpark has a method of the same name (``filter``, ``join``); the name is never counted as a
  Glue call by itself, only used when the receiver is known to be a DynamicFrame.
- ``common``: an ordinary word (``Filter``, ``Job``, ``get_logger``); a token of that name in converted
  code is not Glue residue by itself (transform classes count only as ``Name.apply``).
"""

from __future__ import annotations

from dataclasses import dataclass

MODULE = "module"
CLASS = "class"
FUNCTION = "function"
TRANSFORM = "transform"  # awsglue.transforms class, called as ``Class.apply(frame, ...)``
NAMESPACE = "namespace"  # ``glueContext.create_dynamic_frame`` and friends
NAMESPACE_METHOD = "namespace method"  # ``.from_catalog`` on a namespace
CONTEXT_METHOD = "GlueContext method"
FRAME_METHOD = "DynamicFrame method"
SINK_METHOD = "DataSink method"
SOURCE_METHOD = "DataSource method"

# What a call returns, spelled as the converter's ``Kind`` values.
DYNAMIC_FRAME = "DynamicFrame"
DATA_FRAME = "DataFrame"
COLLECTION = "DynamicFrameCollection"


@dataclass(frozen=True)
class GlueName:
    name: str
    module: str
    kind: str
    returns: str | None = None
    shared: bool = False
    common: bool = False


def _many(kind: str, module: str, names: str, **flags) -> list[GlueName]:
    return [GlueName(n, module, kind, **flags) for n in names.split()]


_DF = {"returns": DYNAMIC_FRAME}
# Glue Studio visual transforms: module ``gs_<name>`` adds the method ``gs_<name>`` to DynamicFrame (and DataFrame).
VISUAL_TRANSFORMS = ("now", "derived", "to_timestamp", "format_timestamp", "uuid", "identifier", "concat", "split",
                     "array_to_cols", "explode", "flatten", "regex_extract", "null_rows", "pivot", "unpivot", "repartition",
                     "sequence_id")
_COLL = {"returns": COLLECTION}

TABLE: tuple[GlueName, ...] = (
    *_many(MODULE, "", "awsglue awsglueml awsgluedq"),
    # Glue Studio's visual transform modules (Glue 4+): importing one attaches its method to DynamicFrame.
    *_many(MODULE, "", " ".join(f"gs_{n}" for n in VISUAL_TRANSFORMS), common=True),
    GlueName("GlueContext", "awsglue.context", CLASS),
    GlueName("DynamicFrame", "awsglue.dynamicframe", CLASS),
    GlueName("DynamicFrameCollection", "awsglue.dynamicframe", CLASS),
    GlueName("Job", "awsglue.job", CLASS, common=True),
    GlueName("GlueTransform", "awsglue.transforms", CLASS),
    GlueName("getResolvedOptions", "awsglue.utils", FUNCTION),
    *_many(TRANSFORM, "awsglue.transforms",
           "ApplyMapping SelectFields DropFields RenameField ResolveChoice DropNullFields Unbox UnnestFrame "
           "SelectFromCollection Spigot ErrorsAsDynamicFrame", **_DF),
    *_many(TRANSFORM, "awsglue.transforms", "Filter Map Join Union DropDuplicates", common=True, **_DF),
    *_many(TRANSFORM, "awsglue.transforms", "SplitFields SplitRows Relationalize MapToCollection", **_COLL),
    GlueName("FlatMap", "awsglue.transforms", TRANSFORM, COLLECTION, common=True),
    *_many(TRANSFORM, "awsglueml.transforms", "FindMatches FindIncrementalMatches FillMissingValues", **_DF),
    GlueName("EntityDetector", "awsglueml.transforms", CLASS, common=True),  # Glue Studio's Detect Sensitive Data
    GlueName("EvaluateDataQuality", "awsgluedq.transforms", TRANSFORM, DYNAMIC_FRAME),
    GlueName("create_dynamic_frame", "awsglue.context", NAMESPACE, DYNAMIC_FRAME),
    GlueName("create_data_frame", "awsglue.context", NAMESPACE, DATA_FRAME),
    *_many(NAMESPACE, "awsglue.context", "write_dynamic_frame write_data_frame"),
    *_many(NAMESPACE_METHOD, "awsglue.context", "from_catalog from_options from_rdd", common=True),
    GlueName("from_jdbc_conf", "awsglue.context", NAMESPACE_METHOD),
    *_many(CONTEXT_METHOD, "awsglue.context",
           "create_dynamic_frame_from_catalog create_dynamic_frame_from_options create_dynamic_frame_from_rdd "
           "create_sample_dynamic_frame_from_catalog create_sample_dynamic_frame_from_options", **_DF),
    *_many(CONTEXT_METHOD, "awsglue.context",
           "create_data_frame_from_catalog create_data_frame_from_options getStreamingSource "
           "add_ingestion_time_columns", returns=DATA_FRAME),
    *_many(CONTEXT_METHOD, "awsglue.context",
           "write_dynamic_frame_from_options write_dynamic_frame_from_catalog write_dynamic_frame_from_jdbc_conf "
           "write_data_frame_from_catalog write_from_options write_from_catalog write_from_jdbc_conf "
           "getSource getSink forEachBatch purge_table purge_s3_path transition_table transition_s3_path "
           "start_transaction commit_transaction cancel_transaction extract_jdbc_conf"),
    GlueName("get_logger", "awsglue.context", CONTEXT_METHOD, common=True),
    *_many(FRAME_METHOD, "awsglue.dynamicframe",
           "apply_mapping resolveChoice select_fields drop_fields rename_field unbox unnest_ddb_json simplify_ddb_json spigot "
           "mergeDynamicFrame errorsAsDynamicFrame assertErrorThreshold fromDF", **_DF),
    GlueName("unnest", "awsglue.dynamicframe", FRAME_METHOD, DYNAMIC_FRAME, common=True),
    *_many(FRAME_METHOD, "awsglue.dynamicframe", "split_fields split_rows relationalize", **_COLL),
    *_many(FRAME_METHOD, "awsglue.dynamicframe", "errorsCount stageErrorsCount"),
    *_many(FRAME_METHOD, "awsglue.dynamicframe", " ".join(f"gs_{n}" for n in VISUAL_TRANSFORMS), common=True, **_DF),
    *_many(FRAME_METHOD, "awsglue.dynamicframe", "filter map join union repartition coalesce drop_nulls",
           shared=True, common=True, **_DF),
    # ``toDF()`` without arguments is Glue's; PySpark's renaming ``df.toDF("a")`` is not (see glue_api_key).
    GlueName("toDF", "awsglue.dynamicframe", FRAME_METHOD, DATA_FRAME, shared=True, common=True),
    *_many(SINK_METHOD, "awsglue.data_sink", "setCatalogInfo writeFrame"),
    GlueName("setFormat", "awsglue.data_sink", SINK_METHOD, common=True),
    GlueName("write", "awsglue.data_sink", SINK_METHOD, shared=True, common=True),  # file objects too
    GlueName("getFrame", "awsglue.data_source", SOURCE_METHOD, DYNAMIC_FRAME),
)

BY_NAME: dict[str, list[GlueName]] = {}
for _entry in TABLE:
    BY_NAME.setdefault(_entry.name, []).append(_entry)


def names(*kinds: str, shared: bool | None = False, module: str | None = None) -> frozenset[str]:
    """Names of the given kinds (all kinds when none given); ``shared=None`` includes PySpark's names too."""
    return frozenset(e.name for e in TABLE if (not kinds or e.kind in kinds)
                     and (shared is None or e.shared == shared) and (module is None or e.module.startswith(module)))


def returns(*kinds: str) -> dict[str, str]:
    """Name -> what calling it returns, for entries of the given kinds that return a frame or collection."""
    return {e.name: e.returns for e in TABLE if e.kind in kinds and e.returns is not None}


GLUE_MODULES = tuple(sorted(names(MODULE)))
TRANSFORMS = names(TRANSFORM)
NAMESPACES = names(NAMESPACE)
CONTEXT_METHODS = names(CONTEXT_METHOD)
FRAME_METHODS = names(FRAME_METHOD)
SINK_METHODS = names(SINK_METHOD)
SOURCE_METHODS = names(SOURCE_METHOD)
TOP_LEVEL = names(CLASS, FUNCTION)
# What ``from awsglue.transforms import *`` (and the ml/dq variants) brings in.
STAR_EXPORTS = frozenset(e.name for e in TABLE if e.module.endswith(".transforms"))
# What ``from awsglue.utils import *`` (and context, dynamicframe, job: modules without an ``__all__``) brings in
# of the names above.
MODULE_EXPORTS = {module: frozenset(e.name for e in TABLE if e.module == module and e.kind in (CLASS, FUNCTION))
                  for module in ("awsglue.context", "awsglue.dynamicframe", "awsglue.job", "awsglue.utils")}
# Tokens that mark Glue code wherever they appear; ``APPLY_ONLY`` names only as ``Name.apply``.
RESIDUE = frozenset(e.name for e in TABLE if not e.common)
APPLY_ONLY = frozenset(e.name for e in TABLE if e.kind == TRANSFORM and e.common)
# Residue names that are methods: Glue code only as an attribute (``frame.select_fields(...)``); as a name of
# its own it is the user's (a variable ``apply_mapping`` named after a Studio node, a ``select_fields=`` option).
_METHOD_KINDS = (NAMESPACE, NAMESPACE_METHOD, CONTEXT_METHOD, FRAME_METHOD, SINK_METHOD, SOURCE_METHOD)
ATTRIBUTE_ONLY = frozenset(n for n in RESIDUE if all(e.kind in _METHOD_KINDS for e in BY_NAME[n]))


# g2l's own run-time helper module in converted code (``ConvertOptions.helper_module`` default): calls
# through it are converted code, never Glue call sites, and its functions are named apart from Glue's.
HELPER_MODULE = "g2l_helpers"
HELPER_MODULES = frozenset({HELPER_MODULE})


def glue_api_key(dotted: str, n_args: int) -> str | None:
    """Canonical Glue API name for a call, or None when the call is not Glue API.

    ``dotted`` is the call's receiver chain with ``()`` marking calls (see ``pytree.dotted_name``);
    ``n_args`` tells a Glue ``dyf.toDF()`` (no arguments) from PySpark's column-renaming ``df.toDF("a")``.
    """
    parts = dotted.replace("()", "").split(".")
    if parts[0] in HELPER_MODULES:
        return None
    last = parts[-1]
    prev = parts[-2] if len(parts) > 1 else ""
    if last == "apply" and prev in TRANSFORMS:
        return f"{prev}.apply"
    if prev in NAMESPACES:
        return f"{prev}.{last}"
    if last in CONTEXT_METHODS:
        return last
    if last in FRAME_METHODS:
        return f"DynamicFrame.{last}"
    if last == "toDF" and n_args == 0 and len(parts) > 1:
        return "DynamicFrame.toDF"
    if last in SINK_METHODS:
        return f"DataSink.{last}"
    if last in SOURCE_METHODS:
        return f"DataSource.{last}"
    if last in TOP_LEVEL:
        return last
    return None


def is_context_api(key: str) -> bool:
    return key == "GlueContext" or key.startswith(("create_", "write_", "DataSink.", "DataSource.")) or (
        key in CONTEXT_METHODS)


def is_dynamic_frame_api(key: str) -> bool:
    return (key.startswith(("DynamicFrame", "create_dynamic_frame", "write_dynamic_frame"))
            or key.endswith(".apply") or key in ("create_sample_dynamic_frame_from_catalog",
                                                  "create_sample_dynamic_frame_from_options"))
