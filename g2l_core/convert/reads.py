"""``create_dynamic_frame`` / ``create_data_frame`` reads -> ``spark.read``.

Catalog reads become ``spark.read.table("<catalog>.<schema>.<table>")`` with the push-down predicate
as ``where``; S3 reads become ``spark.read.format(...).option(...).load(paths)`` with Glue format
options renamed, and their push-down predicate as ``where`` too: Spark discovers the partition columns from
the Hive-style ``key=value`` folders and prunes the same folders Glue lists (``recursiveFileLookup`` turns
that discovery off, so such a read drops it). Reads that relied on job bookmarks get a review note and a decision of their own:
Databricks has no bookmark state, so the incremental read has to be rebuilt.
"""

from __future__ import annotations

import re

import libcst as cst

from g2l_core.convert import build, storage
from g2l_core.convert.connectors import redshift
from g2l_core.convert.model import CONVERTED, CONVERTED_WITH_HELPER, FLAGGED
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method, namespaced

READ_NAMESPACES = ("create_dynamic_frame", "create_data_frame")


def read_api(site: Site) -> str:
    func = site.original.func
    assert isinstance(func, cst.Attribute)
    if isinstance(func.value, cst.Attribute) and func.value.attr.value in READ_NAMESPACES:
        return f"GlueContext.{func.value.attr.value}.{func.attr.value}"
    return f"GlueContext.{func.attr.value}"


def is_sample(site: Site) -> bool:
    return site.original.func.attr.value.startswith("create_sample")  # type: ignore[attr-defined]


LIBRARY_BOOKMARKS = ("transformation_ctx in library code: whether the calling job has bookmarks on is unknown; "
                     "if it has, this read was incremental, and a full read followed by an append duplicates data "
                     "every run: keep a watermark, or confirm the job reads everything each run")


def note_bookmarks(rule: Rule, site: Site, ctx_position: int, additional: dict | None) -> None:
    """A bookmarked read gets its own flagged decision saying how to replace the bookmark."""
    keys = (additional or {}).get("jobBookmarkKeys")
    ctx_node = site.original_arg(ctx_position, "transformation_ctx")
    if keys is None and ctx_node is not None and not site.bookmarks and site.in_library_code \
            and not site.options.no_job_bookmarks:
        message = LIBRARY_BOOKMARKS
        site.record("job bookmarks", FLAGGED, "Bookmarks", message)
        site.review(message)
        return
    if keys is None and not (site.bookmarks and ctx_node is not None):
        return
    how = (
        f"keep a high-watermark of {keys} in a Delta table and filter on it"
        if keys else
        "use Auto Loader (cloudFiles) with a checkpoint for files, or a watermark table for catalog/JDBC sources"
    )
    message = f"job bookmarks made this read incremental; Databricks has none: {how}"
    site.record("job bookmarks", FLAGGED, "Bookmarks", message)
    site.review(message)


def redshift_table(site: Site, position: int, additional: dict | None, name: cst.BaseExpression,
                   write: bool = False) -> str:
    """A catalog table Glue reached through a Redshift connection (``redshift.catalog_review``): a flagged
    decision of its own and a review note (the table call stays, runnable), or for a staging folder only
    passed through, a remark returned for the call's decision message."""
    node = site.original_arg(position, "redshift_tmp_dir")
    try:
        shown = build.literal_value(name)
    except ValueError:
        shown = site.code(name)
    review = redshift.catalog_review(site.constant(node) if node is not None else None, additional, shown, write)
    if review is None:
        return ""
    message, flagged = review
    if not flagged:
        return "; " + message
    site.record("Redshift catalog table", FLAGGED, "RedshiftCatalogTable", message)
    site.review(message)
    return ""


def never_empty(node: cst.BaseExpression) -> bool:
    """An f-string with literal text of its own: never the empty "no predicate" string."""
    return isinstance(node, cst.FormattedString) and any(
        isinstance(part, cst.FormattedStringText) and part.value.strip() for part in node.parts)


def with_predicates(site: Site, read: cst.BaseExpression, predicates) -> tuple[cst.BaseExpression, bool]:
    """``read.where(p)`` for each push-down predicate; one known only at run time goes through the helper,
    which skips it when empty (Glue's "no predicate"). Also says whether the helper was used."""
    helper_used = False
    for pred in predicates:
        if never_empty(pred):
            read = build.method(read, "where", pred)
            continue
        try:
            text = build.literal_value(site.constant(pred))
        except ValueError:
            read = build.call(site.helper("where_predicate"), read, pred)
            helper_used = True
            continue
        if text:
            read = build.method(read, "where", pred)
    return read, helper_used


class CatalogRead(Rule):
    DESCRIPTION = "`from_catalog(database, table_name, push_down_predicate)` -> `spark.read.table(uc_name).where(...)`"
    MATCHER = namespaced("create_dynamic_frame", "from_catalog") | namespaced(
        "create_data_frame", "from_catalog") | glue_method(
        "create_dynamic_frame_from_catalog", "create_data_frame_from_catalog", "create_sample_dynamic_frame_from_catalog")

    def rewrite(self, site: Site) -> Outcome:
        api = read_api(site)
        sample = is_sample(site)
        shift = 1 if sample else 0  # `num` sits after table_name in the sample variant
        name, note = storage.table_name(site, site.arg(0, "database"), site.arg(1, "table_name"))
        if name is None:
            site.flag(self, f"catalog read: {note}", api)
            return None
        try:
            additional = site.literal(5 + shift, "additional_options", {})
        except ValueError:
            additional = storage.literal_items(build.dict_items(site.constant(site.original_arg(
                5 + shift, "additional_options"))), runtime=storage.RUNTIME_DROPPED)
            if additional is not None:  # a transaction id: dropped, as the transaction is (transactions)
                additional = {k: v for k, v in additional.items() if k not in storage.RUNTIME_DROPPED}
        if site.original_arg(8 if sample else 6, "catalog_id") is not None:
            site.flag(self, "cross-account catalog_id: point the table at the shared catalog by hand", api)
            return None
        read = storage.chain(site.context(), (".read", ()), ("table", (name,)))
        predicates = []
        predicate = site.arg(4 + shift, "push_down_predicate")
        if predicate is not None:
            predicates.append(predicate)
        if isinstance(additional, dict) and additional.get("catalogPartitionPredicate"):
            predicates.append(build.string(additional["catalogPartitionPredicate"]))
        read, helper_used = with_predicates(site, read, predicates)
        message = "Unity Catalog table read" + (f"; {note}" if note else "")
        if helper_used:
            message += "; run-time predicates applied when non-empty"
        if additional is None:
            read = build.call(site.helper("catalog_read_options"), read, site.arg(5 + shift, "additional_options"))
            helper_used = True
            message += "; additional_options known only at run time: partition predicates applied, other keys raise"
        message += redshift_table(site, 2 + shift, additional, name)
        if sample:
            read = build.method(read, "limit", site.arg(2, "num"))
        query = (additional or {}).get("sampleQuery") if isinstance(additional, dict) else None
        if query is not None:
            site.flag(self, f"additional_options sampleQuery {query!r} chose the rows Glue read (in the source "
                            "database's SQL): the Unity Catalog table is read whole here; apply the query's conditions "
                            "with .where(...)", api)
            return read
        if helper_used:
            site.with_helper(self, message, api)
        else:
            site.converted(self, message, api)
        note_bookmarks(self, site, 3, additional if isinstance(additional, dict) else None)
        return read


JSON_RECORDS_PATH = re.compile(r"^\$(\.[A-Za-z_][A-Za-z0-9_]*)+\[\*\]$")


class OptionsRead(Rule):
    DESCRIPTION = "`from_options(connection_type='s3', format=...)` -> `spark.read.format(...).load(paths)`"
    MATCHER = namespaced("create_dynamic_frame", "from_options") | namespaced(
        "create_data_frame", "from_options") | glue_method(
        "create_dynamic_frame_from_options", "create_data_frame_from_options",
        "create_sample_dynamic_frame_from_options")

    def rewrite(self, site: Site) -> Outcome:
        api = read_api(site)
        sample = is_sample(site)
        pos = {"format": 4, "format_options": 5, "ctx": 6} if sample else {"format": 2, "format_options": 3, "ctx": 4}
        try:
            connection_type = site.literal(0, "connection_type")
        except ValueError:
            site.flag(self, "connection type computed at run time; convert this read by hand", api)
            return None
        try:
            fmt = site.literal(pos["format"], "format")
        except ValueError:  # a format chosen at run time (a job argument): Glue's name mapped when the job runs
            fmt = None
        format_node = site.arg(pos["format"], "format") if fmt is None else None
        options_node = site.arg(1, "connection_options")
        if connection_type != "s3":  # connectors Databricks has are converted by the connector rules
            site.flag(self, f"no automatic equivalent for connection_type={connection_type!r} "
                            "(use the Databricks connector for it)", api)
            return None
        items = build.dict_items(site.constant(options_node)) if options_node is not None else None
        format_items, runtime_options = storage.format_items(site, site.arg(pos["format_options"], "format_options"))
        if items is None or "paths" not in items:
            site.flag(self, "connection options computed at run time; convert this read by hand", api)
            return None
        if fmt == "grokLog":
            return grok_read(self, site, api, items, format_items)
        spark_format = storage.FILE_FORMATS.get(fmt) if format_node is None else build.call(
            site.helper("file_format"), format_node)
        if spark_format is None:
            site.flag(self, f"format {fmt!r} has no Spark reader", api)
            return None
        calls: list = [(".read", ()), ("format", (spark_format,))]
        if runtime_options is not None:
            calls.append(runtime_options)
        notes = []
        json_path_node = None
        if fmt == "json" and "jsonPath" in format_items:
            json_path_node = format_items.pop("jsonPath")
            try:
                json_path = build.literal_value(json_path_node)
            except ValueError:
                json_path = None  # computed at run time: the helper checks it when the job runs
            if json_path in ("$[*]", "$"):
                json_path_node = None
            elif json_path is not None and not JSON_RECORDS_PATH.match(json_path):
                site.flag(self, f"jsonPath {json_path!r} is not a plain field path ending in [*]: read with "
                                "multiLine and select/explode the records by hand", api)
                return None
        numbered, csv_note = csv_header_plan(fmt, format_items)
        option_calls, unknown = storage.format_option_calls(format_items)
        calls += option_calls
        if csv_note:
            notes.append(csv_note)
        recurse = items.get("recurse")
        if recurse is not None:
            calls.append(("option", ("recursiveFileLookup", recurse)))
        unknown += [k for k in items if k not in ("paths", "recurse") and k not in storage.PATH_OPTIONS_DROPPED]
        dropped = [k for k in items if k in storage.PATH_OPTIONS_DROPPED]
        if dropped:
            notes.append(f"Glue-only options dropped: {', '.join(dropped)}")
        paths = storage.single_path(storage.mapped_path(site, items["paths"]))
        calls.append(("load", (paths,)))
        read = storage.chain(site.context(), *calls)
        predicate = site.arg(-1, "push_down_predicate") if sample else site.arg(5, "push_down_predicate")
        filtered, predicate_helper = with_predicates(site, read, [predicate] if predicate is not None else [])
        pruned = filtered is not read
        if pruned:
            read, recursive_dropped = without_recursive_lookup(filtered)
        if numbered:
            read = build.call(site.helper("glue_csv_column_names"), read,
                              *((build.literal(True),) if "withHeader" in format_items else ()))
        if sample:
            read = build.method(read, "limit", site.arg(2, "num"))
        if unknown:
            site.flag(self, f"options without a Spark equivalent: {', '.join(sorted(unknown))}", api)
        elif json_path_node is not None:
            read = build.call(site.helper("json_path_records"), read, json_path_node)
            site.with_helper(self, "json files read with spark.read; the records at jsonPath are exploded "
                                   "into rows by g2l_helpers.json_path_records", api)
        elif format_node is not None or runtime_options is not None:
            site.with_helper(self, "files read with spark.read; the format or its options, known at run time, are "
                                   "mapped from Glue's names by g2l_helpers" + (f"; {'; '.join(notes)}" if notes else ""),
                             api)
        else:
            message = f"{spark_format} files read with spark.read" + (f"; {'; '.join(notes)}" if notes else "")
            if numbered:
                site.with_helper(self, message, api)
            else:
                site.converted(self, message, api)
        if pruned:
            message = "push_down_predicate kept as where(): Spark prunes the Hive-style partition folders it names"
            if recursive_dropped:
                message += "; recursiveFileLookup dropped, since it turns off the partition discovery the predicate needs"
            site.record(f"{api} push_down_predicate", CONVERTED_WITH_HELPER if predicate_helper else CONVERTED,
                        type(self).__name__, message)
        note_bookmarks(self, site, pos["ctx"], None)
        return read


GROK_OPTIONS = ("logFormat", "customPatterns", "MISSING", "StrictMode")


def grok_read(rule: Rule, site: Site, api: str, items: dict, format_items: dict) -> Outcome:
    """``format="grokLog"``: the text files parsed line by line with the grok pattern
    (``g2l_helpers.read_grok_log``, which expands the pattern into one regular expression)."""
    if "logFormat" not in format_items:
        site.flag(rule, "grokLog read without logFormat: name the grok pattern", api)
        return None
    kwargs = {k: format_items[k] for k in GROK_OPTIONS if k in format_items}
    if items.get("recurse") is not None:
        kwargs["recursive"] = items["recurse"]
    paths = storage.single_path(storage.mapped_path(site, items["paths"]))
    unknown = sorted([k for k in format_items if k not in GROK_OPTIONS]
                     + [k for k in items if k not in ("paths", "recurse") and k not in storage.PATH_OPTIONS_DROPPED])
    read = build.call(site.helper("read_grok_log"), site.context(), paths, **kwargs)
    message = "grokLog files parsed with the grok pattern by g2l_helpers.read_grok_log"
    if unknown:
        site.flag(rule, f"{message}; options without an equivalent: {', '.join(unknown)}", api)
    else:
        site.with_helper(rule, message, api)
    note_bookmarks(rule, site, 4, None)
    return read


def csv_header_plan(fmt: str, format_items: dict) -> tuple[bool, str]:
    """Glue reads CSV without a header line unless ``withHeader`` says so, and names the columns col0, col1,
    ...; Spark names them _c0, _c1, ...: such a read gets ``g2l_helpers.glue_csv_column_names``. Glue's
    ``skipFirst`` without a header skips the first line, which Spark's ``header`` does (the names it reads
    from that line are replaced anyway). Returns (rename the columns, a note); ``format_items`` is updated."""
    if fmt != "csv":
        return False, ""
    try:
        header = build.literal_value(format_items["withHeader"]) if "withHeader" in format_items else False
        skip = build.literal_value(format_items["skipFirst"]) if "skipFirst" in format_items else False
    except ValueError:
        return False, ""
    if header in (True, "true", "True"):
        return False, ""
    format_items.pop("withHeader", None)
    if skip in (True, "true", "True"):
        format_items.pop("skipFirst", None)
        format_items["withHeader"] = build.literal(True)
        return True, "skipFirst: the first line is read as a header and its names replaced by col0, col1, ..."
    return True, "no header line: columns named col0, col1, ... as Glue names them"


def without_recursive_lookup(node: cst.BaseExpression) -> tuple[cst.BaseExpression, bool]:
    """The reader chain without its ``.option("recursiveFileLookup", ...)`` call, and whether it had one: it
    turns off the partition discovery a push-down predicate's columns come from."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return node, False
    func = node.func
    first = node.args[0].value if node.args else None
    if (func.attr.value == "option" and isinstance(first, cst.SimpleString)
            and first.evaluated_value == "recursiveFileLookup"):
        inner, _ = without_recursive_lookup(func.value)
        return inner, True
    inner, found = without_recursive_lookup(func.value)
    return node.with_changes(func=func.with_changes(value=inner)), found


class RddRead(Rule):
    DESCRIPTION = "`create_dynamic_frame.from_rdd(rdd, name, schema)` -> `spark.createDataFrame(rdd, schema)`"
    MATCHER = namespaced("create_dynamic_frame", "from_rdd") | glue_method("create_dynamic_frame_from_rdd")

    def rewrite(self, site: Site) -> Outcome:
        data = site.arg(0, "data")
        schema = site.arg(2, "schema")
        args = [data] if schema is None else [data, schema]
        site.converted(self, "DataFrame built from the data directly", read_api(site))
        return build.method(site.context(), "createDataFrame", *args)


RULES = (CatalogRead, OptionsRead, RddRead)
