"""Pieces shared by reads, writes and sinks: table names, path mapping, format options."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.bindings import GLUE_CONTEXT_PARAMS
from g2l_core.options import ConvertOptions
from g2l_core.options import quote_identifier

if TYPE_CHECKING:
    from g2l_core.convert.state import Site

FILE_FORMATS = {"csv": "csv", "json": "json", "parquet": "parquet", "glueparquet": "parquet", "orc": "orc",
                "avro": "avro", "xml": "xml", "delta": "delta", "hudi": "hudi", "iceberg": "iceberg"}
# Glue format option -> Spark reader/writer option; None: no Spark equivalent needed (dropped).
FORMAT_OPTIONS = {
    "withHeader": "header", "writeHeader": "header", "separator": "sep", "quoteChar": "quote",
    "escaper": "escape", "multiline": "multiLine", "multiLine": "multiLine", "rowTag": "rowTag",
    "compression": "compression", "encoding": "encoding", "skipFirst": None, "optimizePerformance": None,
    "useGlueParquetWriter": None, "blockSize": None, "pageSize": None,
    # XML: Glue reads and writes it with spark-xml, whose options Databricks' native XML source keeps.
    "attributePrefix": "attributePrefix", "valueTag": "valueTag", "excludeAttribute": "excludeAttribute",
    "treatEmptyValuesAsNulls": "treatEmptyValuesAsNulls", "ignoreSurroundingSpaces": "ignoreSurroundingSpaces",
    "rootTag": "rootTag", "nullValue": "nullValue",
    "version": None,  # Avro: the writer's Avro version (Spark writes the current one)
}
PATH_OPTIONS_DROPPED = frozenset({"groupFiles", "groupSize", "compressionType", "maxBand", "maxFilesInBand",
                                  "useS3ListImplementation", "boundedFiles", "boundedSize"})


def chain(receiver: cst.BaseExpression, *calls: tuple) -> cst.BaseExpression:
    """``receiver.m1(a).m2(b)`` from ``(name, args, kwargs)`` tuples; ``None`` entries are skipped."""
    node = receiver
    for item in calls:
        if item is None:
            continue
        method, args, kwargs = item if len(item) == 3 else (*item, {})
        if method.startswith("."):  # plain attribute, e.g. ".write"
            node = build.attribute(node, method[1:])
        else:
            node = build.method(node, method, *args, **kwargs)
    return node


def context_expr(site: Site, original: cst.BaseExpression) -> cst.BaseExpression:
    """The converted form of a GlueContext expression taken from another statement (sinks, sources)."""
    if isinstance(original, cst.Name) and site.is_context_name(original.value):
        return build.name("spark")
    if isinstance(original, cst.Name) and site.renamed_parameter(original.value):
        return build.name(site.parameter_name(original.value))
    if isinstance(original, cst.Attribute) and original.attr.value in GLUE_CONTEXT_PARAMS:
        return original.with_changes(attr=cst.Name("spark"))  # as names.ContextAttribute renames it
    return original


def table_name(site: Site, database: cst.BaseExpression | None, table: cst.BaseExpression | None):
    """Unity Catalog name: a literal when both parts are literals, else an f-string; a database known only
    at run time under a ``schema_map`` goes through ``g2l_helpers.uc_table_name``, which holds the same map
    (an f-string would name the Glue database, not the schema the DDL created the table in).

    Returns ``(expression, note)``; the note says why there is no name."""
    if database is None or table is None:
        return None, "database/table_name missing"
    try:
        db = build.literal_value(site.constant(database))
    except ValueError:
        db = None
    try:
        tbl = build.literal_value(site.constant(table))
    except ValueError:
        tbl = None
    options = site.options
    if isinstance(db, str) and isinstance(tbl, str):
        return build.string(options.table_name(db, tbl)), ""
    if not isinstance(db, str) and options.schema_map:
        site.runtime_helpers.append("database known only at run time: g2l_helpers.uc_table_name applies "
                                    "schema_map to it")
        return build.call(site.helper("uc_table_name"), database, table), ""
    # Parts known only at run time are always backticked: a hyphen or leading digit would otherwise
    # break the name, and backticks around a plain identifier change nothing.
    parts: list[str | cst.BaseExpression] = [quote_identifier(options.catalog) + "."]
    parts += [quote_identifier(options.uc_schema(db))] if isinstance(db, str) else ["`", database, "`"]
    parts += ["."]
    parts += [quote_identifier(tbl.lower())] if isinstance(tbl, str) else ["`", table, "`"]
    return _fstring(site, parts), ""


def _fstring(site: Site, parts: list) -> cst.BaseExpression:
    code = "".join(site.code(p) for p in parts if isinstance(p, cst.CSTNode))
    quote = '"' if '"' not in code else "'"
    if quote in code:
        fmt = "".join("{}" if isinstance(p, cst.CSTNode) else p for p in parts)
        return build.method(build.string(fmt), "format", *[p for p in parts if isinstance(p, cst.CSTNode)])
    out: list[cst.BaseFormattedStringContent] = []
    for p in parts:
        if isinstance(p, cst.CSTNode):
            out.append(cst.FormattedStringExpression(expression=p))
        else:
            out.append(cst.FormattedStringText(p.replace("{", "{{").replace("}", "}}")))
    merged: list[cst.BaseFormattedStringContent] = []
    for item in out:
        if merged and isinstance(item, cst.FormattedStringText) and isinstance(merged[-1], cst.FormattedStringText):
            merged[-1] = cst.FormattedStringText(merged[-1].value + item.value)
        else:
            merged.append(item)
    return cst.FormattedString(parts=merged, start=f"f{quote}", end=quote)


def mapped_path(site: Site, node: cst.BaseExpression) -> cst.BaseExpression:
    """Apply ``path_map`` to a path argument.

    String literals (also in a list) and the leading text of f-strings are rewritten here; a path known
    only at run time (a variable, parameter, call) is wrapped in ``g2l_helpers.map_path(...)``, whose
    table is the same ``path_map``, so an S3 path cannot reach Databricks unmapped without a word.
    Names of this module's literal constants are left as they are: the constant itself is rewritten."""
    options = site.options
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if isinstance(value, str):
            new = options.map_path(value)
            return node if new == value else build.string(new)
        return node
    if isinstance(node, (cst.List, cst.Tuple)):
        if any(isinstance(e, cst.StarredElement) for e in node.elements):
            return _runtime_path(site, node)
        return node.with_changes(elements=[e.with_changes(value=mapped_path(site, e.value)) for e in node.elements])
    if not options.path_map:
        return node
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[0], cst.FormattedStringText):
        text = node.parts[0].value
        if any(text.startswith(prefix) for prefix in options.path_map):
            new = options.map_path(text)
            return node.with_changes(parts=[node.parts[0].with_changes(value=new), *node.parts[1:]])
        if not any(prefix.startswith(text) for prefix in options.path_map):
            return node  # its fixed start already rules out every path_map entry
    if isinstance(node, cst.Name) and site.constant(node) is not node:
        constant = site.constant(node)
        if isinstance(constant, (cst.SimpleString, cst.List, cst.Tuple)):
            return node  # rewritten where it is defined (see PathConstants)
    return _runtime_path(site, node)


def _runtime_path(site: Site, node: cst.BaseExpression) -> cst.BaseExpression:
    site.runtime_helpers.append("path known only at run time: g2l_helpers.map_path applies path_map to it")
    return build.call(site.helper("map_path"), node)


def single_path(node: cst.BaseExpression) -> cst.BaseExpression:
    """``["s3://x"]`` -> ``"s3://x"`` (reads the same, reads better)."""
    if isinstance(node, cst.List) and len(node.elements) == 1 and not isinstance(node.elements[0], cst.StarredElement):
        return node.elements[0].value
    return node


def literal_items(items: dict[str, cst.BaseExpression] | None, runtime: tuple[str, ...]) -> dict | None:
    """The literal values of a dict display's items; keys in ``runtime`` may hold any expression (kept as
    nodes). None when it is no dict display or another value is computed at run time."""
    if items is None:
        return None
    out = {}
    for key, node in items.items():
        try:
            out[key] = build.literal_value(node)
        except ValueError:
            if key not in runtime:
                return None
            out[key] = node
    return out


# additional_options keys whose value is only known at run time and which the conversion drops: a governed
# table's transaction id (transactions.Transaction makes it None)
RUNTIME_DROPPED = ("transactionId",)


def format_items(site: Site, node: cst.BaseExpression | None) -> tuple[dict[str, cst.BaseExpression], tuple | None]:
    """Glue ``format_options``: the items of a dict display (nothing more to do), or for a value computed at
    run time (a parameter, ``**format_options``) no items and the ``.options(**g2l_helpers.format_options(x))``
    call that maps Glue's option names when the job runs."""
    items = build.dict_items(site.constant(node or cst.Dict([])))
    if items is not None:
        return items, None
    return {}, ("options", (cst.Arg(build.call(site.helper("format_options"), node), star="**"),))


def format_option_calls(items: dict[str, cst.BaseExpression], write: bool = False):
    """``.option(k, v)`` calls for Glue format options, and the names that have no equivalent."""
    calls, unknown = [], []
    for key, value in items.items():
        if key in FORMAT_OPTIONS:
            spark_key = FORMAT_OPTIONS[key]
            if spark_key == "quote" and _is_minus_one(value):
                value = build.string("")  # Glue's -1: no quote character; Spark's is the empty string
            if spark_key is not None:
                calls.append(("option", (spark_key, value)))
        else:
            unknown.append(key)
    return calls, unknown


def _is_minus_one(node: cst.BaseExpression) -> bool:
    try:
        return build.literal_value(node) in (-1, "-1")
    except ValueError:
        return False


def partition_by(node: cst.BaseExpression | None):
    """The ``partitionBy`` call for Glue ``partitionKeys``: list elements, or ``*expr`` for a computed list;
    None when there is nothing to partition by (absent, or a literal empty list), so no empty
    ``.partitionBy()`` is written."""
    if node is None:
        return None
    if isinstance(node, (cst.List, cst.Tuple)) and not any(isinstance(e, cst.StarredElement) for e in node.elements):
        if not node.elements:
            return None
        return ("partitionBy", tuple(e.value for e in node.elements))
    return ("partitionBy", (cst.Arg(node, star="*"),))


def map_path_literals(node: cst.BaseExpression, options: ConvertOptions) -> cst.BaseExpression:
    """``node`` with ``path_map`` applied to its string literals (a string, or list/tuple elements and dict
    values, nested); the same object when nothing matched. The literal keeps its quote style."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if not isinstance(value, str):
            return node
        new = options.map_path(value)
        if new == value:
            return node
        quote = node.quote
        prefix = node.prefix.lower()
        if "b" in prefix or "\\" in new or quote[0] in new or "\n" in new:
            return build.string(new)
        return node.with_changes(value=f"{node.prefix}{quote}{new}{quote}")
    if isinstance(node, (cst.List, cst.Tuple)):
        elements = [e.with_changes(value=map_path_literals(e.value, options)) if isinstance(e, cst.Element) else e
                    for e in node.elements]
        changed = any(a.value is not b.value for a, b in zip(elements, node.elements) if isinstance(a, cst.Element))
        return node.with_changes(elements=elements) if changed else node
    if isinstance(node, cst.Dict):
        elements = [e.with_changes(value=map_path_literals(e.value, options)) if isinstance(e, cst.DictElement)
                    else e for e in node.elements]
        changed = any(a.value is not b.value for a, b in zip(elements, node.elements) if isinstance(a, cst.DictElement))
        return node.with_changes(elements=elements) if changed else node
    return node
