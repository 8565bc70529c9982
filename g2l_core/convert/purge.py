"""``purge_table`` / ``purge_s3_path``: deletes become SQL / file removal, flagged for the retention rule.

Glue only purges files older than ``retentionPeriod`` (default 168 hours); ``DELETE``/file removal
do not, so every purge is converted but left for review.
"""

from __future__ import annotations

from g2l_core.convert import build, storage
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method


class PurgeTable(Rule):
    DESCRIPTION = "`glueContext.purge_table(database, table_name, options)` -> `spark.sql('DELETE FROM ...')`"
    API = "GlueContext.purge_table"
    MATCHER = glue_method("purge_table")

    def rewrite(self, site: Site) -> Outcome:
        try:
            database, table = site.literal(0, "database"), site.literal(1, "table_name")
            options = site.literal(2, "options", {})
        except ValueError:
            site.flag(self, "purge of a table named at run time; write the DELETE by hand")
            return None
        if not isinstance(database, str) or not isinstance(table, str) or not isinstance(options, dict):
            site.flag(self, "purge_table without literal database/table_name")
            return None
        statement = f"DELETE FROM {site.options.table_name(database, table)}"
        if options.get("partitionPredicate"):
            statement += f" WHERE {options['partitionPredicate']}"
        self.retention(site, "Glue keeps files newer than retentionPeriod (default 7 days); DELETE removes all "
                             "matching rows (run VACUUM to drop files)")
        return build.method(site.receiver(), "sql", statement)

    def retention(self, site: Site, message: str) -> None:
        """The purge removes more than Glue's, which keeps files newer than the retention period."""
        site.flag(self, message)


class PurgeS3Path(Rule):
    DESCRIPTION = "`glueContext.purge_s3_path(path, options)` -> `g2l_helpers.remove_path(path)`"
    API = "GlueContext.purge_s3_path"
    MATCHER = glue_method("purge_s3_path")

    def rewrite(self, site: Site) -> Outcome:
        path = site.arg(0, "s3_path")
        if path is None:
            site.flag(self, "purge_s3_path without a path")
            return None
        self.retention(site, "removes everything under the path (dbutils.fs.rm on Databricks); Glue kept files newer "
                             "than retentionPeriod")
        return build.call(site.helper("remove_path"), storage.mapped_path(site, path))

    def retention(self, site: Site, message: str) -> None:
        site.flag(self, message)


RULES = (PurgeTable, PurgeS3Path)
