"""``write_dynamic_frame`` / ``write_data_frame`` -> ``df.write`` in append mode.

Glue writes append; converted writes say ``mode("append")`` explicitly (the DataFrameWriter default,
``errorifexists``, would fail on the second run, and ``overwrite`` would silently lose data).
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build, storage
from g2l_core.convert.rules import Outcome, ReplaceStatement, Rule, Site, glue_method, namespaced
from g2l_core.convert.reads import redshift_table

WRITE_NAMESPACES = ("write_dynamic_frame", "write_data_frame")


def write_api(site: Site) -> str:
    func = site.original.func
    assert isinstance(func, cst.Attribute)
    if isinstance(func.value, cst.Attribute) and func.value.attr.value in WRITE_NAMESPACES:
        return f"GlueContext.{func.value.attr.value}.{func.attr.value}"
    return f"GlueContext.{func.attr.value}"


def as_statement(site: Site, write: cst.BaseExpression) -> Outcome:
    """``datasink = glueContext.write_...(...)`` keeps no value in PySpark: drop an unused target."""
    target = site.assigned_to()
    if isinstance(target, cst.Name) and len(site.uses_of(target.value)) == 1:
        return ReplaceStatement([cst.Expr(write)])
    return write


class CatalogWrite(Rule):
    DESCRIPTION = "`write_dynamic_frame.from_catalog(frame, database, table_name)` -> `df.write.mode('append').saveAsTable(uc_name)`"
    MATCHER = namespaced("write_dynamic_frame", "from_catalog") | namespaced(
        "write_data_frame", "from_catalog") | glue_method("write_dynamic_frame_from_catalog",
                                                          "write_data_frame_from_catalog")

    def rewrite(self, site: Site) -> Outcome:
        api = write_api(site)
        frame = site.arg(0, "frame")
        name, note = storage.table_name(site, site.arg(1, "database"), site.arg(2, "table_name"))
        if frame is None or name is None:
            site.flag(self, "catalog write without frame/database/table_name", api)
            return None
        if site.original_arg(6, "catalog_id") is not None:
            site.flag(self, "cross-account catalog_id: point the table at the shared catalog by hand", api)
            return None
        additional_nodes = build.dict_items(site.constant(site.original_arg(5, "additional_options") or cst.Dict([])))
        additional = storage.literal_items(additional_nodes, runtime=("partitionKeys", *storage.RUNTIME_DROPPED))
        if additional is None:
            site.flag(self, "additional_options computed at run time; carry partitionKeys/options over by hand", api)
            return None
        calls: list = [(".write", ()), ("mode", ("append",))]
        if "partitionKeys" in additional and additional_nodes:
            calls.append(storage.partition_by(additional_nodes["partitionKeys"]))
        if additional.get("enableUpdateCatalog") and additional.get("updateBehavior") != "LOG":
            calls.append(("option", ("mergeSchema", "true")))
        calls.append(("saveAsTable", (name,)))
        message = "appends to the Unity Catalog table (Glue appends by default)" + (f"; {note}" if note else "")
        message += redshift_table(site, 3, additional, name, write=True)
        review = table_options_review(additional)
        if review:
            site.flag(self, f"{message}; {review}", api)
        else:
            site.converted(self, message, api)
        return as_statement(site, storage.chain(frame, *calls))


# additional_options of a catalog write that a Unity Catalog table append carries over or does not need.
TABLE_WRITE_OPTIONS = frozenset({
    "partitionKeys", "enableUpdateCatalog", "updateBehavior", "useGlueParquetWriter", "compression",
    "write.parquet.compression-codec", "blockSize", "pageSize", "groupFiles", "groupSize",
    "aws_iam_role", "preactions", "postactions", "redshiftTmpDir", "extracopyoptions", "tempformat",
    *storage.RUNTIME_DROPPED,
})


def table_options_review(additional: dict) -> str:
    """Why a catalog write's ``additional_options`` need a person: Hudi write settings (an upsert is not an
    append) or options with no meaning for a Unity Catalog table; empty when there are none."""
    hudi = sorted(k for k in additional if k.startswith("hoodie."))
    other = sorted(k for k in additional if k not in TABLE_WRITE_OPTIONS and not k.startswith("hoodie."))
    notes = []
    if hudi:
        operation = additional.get("hoodie.datasource.write.operation", "upsert")
        keys = additional.get("hoodie.datasource.write.recordkey.field")
        notes.append(f"Hudi write settings ({operation}" + (f" on {keys}" if keys else "") + "): the Unity Catalog "
                     "table is appended to; for an upsert, MERGE into the Delta table on the record key instead")
    if other:
        notes.append(f"additional_options with no meaning for a Unity Catalog table dropped: {', '.join(other)}")
    return "; ".join(notes)


class OptionsWrite(Rule):
    DESCRIPTION = "`write_dynamic_frame.from_options(frame, 's3', {path, partitionKeys}, format)` -> `df.write...save(path)`"
    MATCHER = namespaced("write_dynamic_frame", "from_options") | namespaced(
        "write_data_frame", "from_options") | glue_method("write_dynamic_frame_from_options", "write_from_options")

    def rewrite(self, site: Site) -> Outcome:
        api = write_api(site)
        frame = site.arg(0, "frame")
        try:
            connection_type = site.literal(1, "connection_type")
        except ValueError:
            site.flag(self, "connection type computed at run time; convert this write by hand", api)
            return None
        try:
            fmt = site.literal(3, "format")
        except ValueError:  # a format chosen at run time (a job argument): Glue's name mapped when the job runs
            fmt = None
        format_node = site.arg(3, "format") if fmt is None else None
        options_node = site.arg(2, "connection_options")
        if connection_type != "s3":  # connectors Databricks has are converted by the connector rules
            site.flag(self, f"no automatic equivalent for connection_type={connection_type!r}", api)
            return None
        items = build.dict_items(site.constant(options_node)) if options_node is not None else None
        format_items, runtime_options = storage.format_items(site, site.arg(4, "format_options"))
        if frame is None or items is None or "path" not in items:
            site.flag(self, "connection options computed at run time; convert this write by hand", api)
            return None
        spark_format = storage.FILE_FORMATS.get(fmt or "json")
        if format_node is not None:
            spark_format = build.call(site.helper("file_format"), format_node)  # type: ignore[assignment]
        if spark_format is None:
            site.flag(self, f"format {fmt!r} has no Spark writer", api)
            return None
        calls: list = [(".write", ()), ("format", (spark_format,)), ("mode", ("append",))]
        calls.append(storage.partition_by(items.get("partitionKeys")))
        # Glue writes a CSV header line by default; other file formats ignore the option
        if (spark_format == "csv" or format_node is not None) and "writeHeader" not in format_items:
            calls.append(("option", ("header", True)))  # Glue writes a header line by default
        if runtime_options is not None:  # after the header default, which a writeHeader in them overrides
            calls.append(runtime_options)
        option_calls, unknown = storage.format_option_calls(format_items, write=True)
        calls += option_calls
        if "compression" in items and "compression" not in format_items:  # Glue Studio puts it with the path
            calls.append(("option", ("compression", items["compression"])))
        unknown += [k for k in items if k not in ("path", "partitionKeys", "compression")
                    and k not in storage.PATH_OPTIONS_DROPPED]
        calls.append(("save", (storage.mapped_path(site, items["path"]),)))
        write = storage.chain(frame, *calls)
        if unknown:
            site.flag(self, f"options without a Spark equivalent: {', '.join(sorted(unknown))}", api)
        elif format_node is not None or runtime_options is not None:
            site.with_helper(self, "appends files (Glue appends by default); the format or its options, known at "
                                   "run time, are mapped from Glue's names by g2l_helpers", api)
        else:
            site.converted(self, f"appends {spark_format} files (Glue appends by default)", api)
        return as_statement(site, write)


RULES = (CatalogWrite, OptionsWrite)
