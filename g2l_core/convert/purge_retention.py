"""Purges with ``retentionPeriod`` 0: Glue deletes every file older than zero hours, i.e. all of them.

The general purge rules flag every purge because Glue keeps files newer than the retention period
(default 168 hours) and the Databricks equivalents do not. A job that sets the period to 0 asked for
exactly what the equivalents do (common before rewriting a snapshot), so those convert without a
review note. Any other option (``excludeStorageClasses``, ``manifestFilePath``) keeps the flag.
"""

from __future__ import annotations

from g2l_core.convert.purge import PurgeS3Path, PurgeTable
from g2l_core.convert.rules import EARLY, Site

_ALLOWED = {"purge_table": {"retentionPeriod", "partitionPredicate"}, "purge_s3_path": {"retentionPeriod"}}


def _retains_nothing(site: Site, method: str, position: int) -> bool:
    try:
        options = site.literal(position, "options", None)
    except ValueError:
        return False
    if not isinstance(options, dict) or set(options) - _ALLOWED[method]:
        return False
    period = options.get("retentionPeriod")
    return period is not None and str(period).strip() in ("0", "0.0")


class PurgeS3PathNoRetention(PurgeS3Path):
    DESCRIPTION = "`purge_s3_path(path, {'retentionPeriod': 0})` -> `g2l_helpers.remove_path(path)`, no review"
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        return super().matches(site) and _retains_nothing(site, "purge_s3_path", 1)

    def retention(self, site: Site, message: str) -> None:
        site.converted(self, "retentionPeriod 0: every file under the path is removed, as Glue does")


class PurgeTableNoRetention(PurgeTable):
    DESCRIPTION = "`purge_table(db, table, {'retentionPeriod': 0})` -> `DELETE FROM ...`, no review"
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        return super().matches(site) and _retains_nothing(site, "purge_table", 2)

    def retention(self, site: Site, message: str) -> None:
        site.converted(self, "retentionPeriod 0: every matching row is deleted, as Glue deletes every file (run "
                             "VACUUM to drop the files)")


RULES = (PurgeS3PathNoRetention, PurgeTableNoRetention)
