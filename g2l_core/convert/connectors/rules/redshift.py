"""Redshift reads and writes (``connection_type="redshift"``) -> ``format("redshift")``."""

from __future__ import annotations

from g2l_core.convert.connectors import redshift
from g2l_core.convert.connectors.plan import Plan, Value
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite, bound_dict
from g2l_core.convert.rules import Site


def _with_format_options(site: Site, options: dict[str, Value], position: int) -> dict[str, Value]:
    """Glue also takes preactions/postactions from format_options for Redshift."""
    extra = bound_dict(site, site.arg(position, "format_options")) or {}
    return {**{k: v for k, v in extra.items() if k not in options}, **options}


class RedshiftRead(ConnectorRead):
    DESCRIPTION = ("`from_options('redshift', {url|connectionName, dbtable|query, redshiftTmpDir, aws_iam_role})` -> "
                   "`spark.read.format('redshift').option(...).load()`")
    TYPES = redshift.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan:
        return redshift.read_plan(_with_format_options(site, options, 3), tmp_dir=site.arg(-1, "redshift_tmp_dir"))


class RedshiftWrite(ConnectorWrite):
    DESCRIPTION = ("`write_dynamic_frame.from_options(frame, 'redshift', {..., preactions, postactions})` -> "
                   "`df.write.format('redshift').mode('append')...save()`")
    TYPES = redshift.TYPES

    def plan(self, site: Site, kind: str, options: dict[str, Value]) -> Plan:
        return redshift.write_plan(_with_format_options(site, options, 4), tmp_dir=site.arg(-1, "redshift_tmp_dir"))


RULES = (RedshiftRead, RedshiftWrite)
