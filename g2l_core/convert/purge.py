"""``purge_table`` / ``purge_s3_path``: deletes become SQL / file removal, flagged for the retention rule.

Glue only purges files older than ``retentionPeriod`` (default 168 hours); ``DELETE``/file removal
do not, so a purge is converted but left for review. A purge with ``retentionPeriod`` 0 (common before
rewriting a snapshot) asked for exactly what the equivalents do and converts without a note; any other
option (``excludeStorageClasses``, ``manifestFilePath``) keeps the flag.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build, storage
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method


def retains_nothing(site: Site, position: int, allowed: frozenset[str]) -> bool:
    """The purge's literal options are ``retentionPeriod`` 0 plus only ``allowed`` keys."""
    try:
        return options_retain_nothing(site.literal(position, "options", None), allowed)
    except ValueError:
        return False


def options_retain_nothing(options: dict | None, allowed: frozenset[str]) -> bool:
    if not isinstance(options, dict) or set(options) - allowed:
        return False
    period = options.get("retentionPeriod")
    return period is not None and not isinstance(period, cst.CSTNode) and str(period).strip() in ("0", "0.0")


class PurgeTable(Rule):
    DESCRIPTION = ("`glueContext.purge_table(database, table_name, options)` -> `spark.sql('DELETE FROM ...')`; "
                   "flagged unless retentionPeriod is 0")
    API = "GlueContext.purge_table"
    MATCHER = glue_method("purge_table")

    def rewrite(self, site: Site) -> Outcome:
        # A table named at run time (a job argument, a function parameter) gets the Unity Catalog name a
        # catalog read of it gets: an f-string, or g2l_helpers.uc_table_name under a schema_map.
        name, note = storage.table_name(site, site.arg(0, "database"), site.arg(1, "table_name"))
        if name is None:
            site.flag(self, f"purge_table: {note}")
            return None
        # The partition predicate is often built at run time (the day being rewritten): it joins the statement
        # as an expression; any other option computed at run time leaves the purge to a human.
        options = storage.literal_items(build.dict_items(site.constant(site.arg(2, "options") or cst.Dict([]))),
                                        runtime=("partitionPredicate",))
        if options is None:
            site.flag(self, "purge_table options computed at run time; write the DELETE by hand")
            return None
        predicate = options.get("partitionPredicate")
        where = [" WHERE ", predicate] if isinstance(predicate, cst.BaseExpression) else (
            [f" WHERE {predicate}"] if predicate else [])
        statement = _joined(["DELETE FROM ", name, *where], opaque=predicate)
        if options_retain_nothing(options, frozenset({"retentionPeriod", "partitionPredicate"})):
            site.converted(self, "retentionPeriod 0: every matching row is deleted, as Glue deletes every file (run "
                                 "VACUUM to drop the files)")
        else:
            site.flag(self, "Glue keeps files newer than retentionPeriod (default 7 days); DELETE removes all "
                            "matching rows (run VACUUM to drop files)")
        return build.method(site.receiver(), "sql", statement)


def _joined(pieces: list, opaque: object = None) -> cst.BaseExpression:
    """Text and expressions as one string: adjacent literals merge, text joins the f-string the name is
    where it can, anything else (and ``opaque``, the job's own expression) is added with ``+``."""
    out: cst.BaseExpression | None = None
    for piece in pieces:
        node = build.string(piece) if isinstance(piece, str) else piece
        if out is None:
            out = node
        elif isinstance(out, cst.SimpleString) and isinstance(node, cst.SimpleString):
            out = build.string(build.literal_value(out) + build.literal_value(node))
        elif isinstance(out, cst.SimpleString) and node is not opaque and _takes_text(node, out):
            out = node.with_changes(parts=[_text(out), *node.parts])  # type: ignore[attr-defined]
        elif isinstance(node, cst.SimpleString) and _takes_text(out, node):
            out = out.with_changes(parts=[*out.parts, _text(node)])  # type: ignore[attr-defined]
        else:
            out = build.binary(out, cst.Add(), node)
    assert out is not None
    return out


def _takes_text(fstring: cst.BaseExpression, text: cst.SimpleString) -> bool:
    value = build.literal_value(text)
    return isinstance(fstring, cst.FormattedString) and isinstance(value, str) and "\\" not in value and (
        fstring.end not in value)


def _text(text: cst.SimpleString) -> cst.FormattedStringText:
    return cst.FormattedStringText(build.literal_value(text).replace("{", "{{").replace("}", "}}"))


class PurgeS3Path(Rule):
    DESCRIPTION = ("`glueContext.purge_s3_path(path, options)` -> `g2l_helpers.remove_path(path)`; flagged unless "
                   "retentionPeriod is 0")
    API = "GlueContext.purge_s3_path"
    MATCHER = glue_method("purge_s3_path")

    def rewrite(self, site: Site) -> Outcome:
        path = site.arg(0, "s3_path")
        if path is None:
            site.flag(self, "purge_s3_path without a path")
            return None
        if retains_nothing(site, 1, frozenset({"retentionPeriod"})):
            site.converted(self, "retentionPeriod 0: every file under the path is removed, as Glue does")
        else:
            site.flag(self, "removes everything under the path (dbutils.fs.rm on Databricks); Glue kept files newer "
                            "than retentionPeriod")
        return build.call(site.helper("remove_path"), storage.mapped_path(site, path))


RULES = (PurgeTable, PurgeS3Path)
