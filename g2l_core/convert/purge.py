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
        for position, keyword in ((0, "database"), (1, "table_name")):
            try:
                if not isinstance(site.literal(position, keyword, ""), str):
                    site.flag(self, "purge_table without literal database/table_name")
                    return None
            except ValueError:
                pass  # named at run time: the Unity Catalog name is built as reads build it
        # The partition predicate is often built at run time (the day being rewritten): it joins the statement
        # as an expression; any other option computed at run time leaves the purge to a human.
        options = storage.literal_items(build.dict_items(site.constant(site.arg(2, "options") or cst.Dict([]))),
                                        runtime=("partitionPredicate",))
        if options is None:
            site.flag(self, "purge_table options computed at run time; write the DELETE by hand")
            return None
        name, note = storage.table_name(site, site.arg(0, "database"), site.arg(1, "table_name"))
        if name is None:
            site.flag(self, f"purge_table: {note}")
            return None
        statement = _joined("DELETE FROM ", name)
        predicate = options.get("partitionPredicate")
        if isinstance(predicate, cst.BaseExpression):
            statement = build.binary(_joined(statement, " WHERE "), cst.Add(), predicate)
        elif predicate:
            statement = _joined(statement, f" WHERE {predicate}")
        if options_retain_nothing(options, frozenset({"retentionPeriod", "partitionPredicate"})):
            site.converted(self, "retentionPeriod 0: every matching row is deleted, as Glue deletes every file (run "
                                 "VACUUM to drop the files)")
        else:
            site.flag(self, "Glue keeps files newer than retentionPeriod (default 7 days); DELETE removes all "
                            "matching rows (run VACUUM to drop files)")
        return build.method(site.receiver(), "sql", statement)


def _joined(left: str | cst.BaseExpression, right: str | cst.BaseExpression) -> cst.BaseExpression:
    """Text and a SQL string (a literal, an f-string or a call giving the table name) as one string."""
    parts: list[cst.BaseFormattedStringContent] = []
    for side in (left, right):
        if isinstance(side, str):
            parts.append(cst.FormattedStringText(side.replace("{", "{{").replace("}", "}}")))
        elif isinstance(side, cst.SimpleString):
            parts.append(cst.FormattedStringText(str(build.literal_value(side)).replace("{", "{{").replace("}", "}}")))
        elif isinstance(side, cst.FormattedString):
            parts.extend(side.parts)
        else:
            parts.append(cst.FormattedStringExpression(expression=side))
    if all(isinstance(p, cst.FormattedStringText) for p in parts):
        return build.string("".join(p.value for p in parts).replace("{{", "{").replace("}}", "}"))  # type: ignore[attr-defined]
    code = "".join(_EMPTY.code_for_node(p) for p in parts)
    quote = next((q for q in ('"', "'") if q not in code), None)
    if quote is None:  # quotes of both kinds inside: an f-string could not hold them before Python 3.12
        return build.binary(left if isinstance(left, cst.BaseExpression) else build.string(left), cst.Add(),
                            right if isinstance(right, cst.BaseExpression) else build.string(right))
    return cst.FormattedString(parts=parts, start=f"f{quote}", end=quote)


_EMPTY = cst.Module([])


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
