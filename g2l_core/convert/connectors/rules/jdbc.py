"""JDBC reads and writes (mysql, postgresql, sqlserver, oracle, custom/marketplace JDBC) and
``write_dynamic_frame.from_jdbc_conf`` (Redshift or JDBC, by what the call says) -> ``format("jdbc")``
or ``format("redshift")``, credentials from the secret scope."""

from __future__ import annotations

import libcst as cst

from g2l_core.convert.connectors import dispatch, jdbc, render
from g2l_core.convert.connectors.plan import Plan, Unsupported, truthy
from g2l_core.convert.connectors.rules.base import (ConnectorRead, ConnectorWrite, bound_dict, connection_type,
                                                    decide, describe)
from g2l_core.convert.rules import EARLY, Outcome, Rule, Site, glue_method, namespaced
from g2l_core.convert.writes import as_statement, write_api

# Options only Glue's Redshift connector takes: such a read is no plain JDBC read.
REDSHIFT_ONLY = frozenset({"redshiftTmpDir", "aws_iam_role", "tempdir", "forward_spark_s3_credentials"})


class JdbcRead(ConnectorRead):
    DESCRIPTION = ("`from_options('mysql'|'postgresql'|..., {url|connectionName, dbtable, hashfield})` -> "
                   "`spark.read.format('jdbc').option(...).load()`")
    TYPES = jdbc.TYPES


class ConnectionTableRead(ConnectorRead):
    """A read whose connection type is known only at run time (a template job takes it from its config) but
    whose options name a table of a Glue connection (``useConnectionProperties``, ``connectionName``,
    ``dbtable``/``query``, nothing of Redshift's): a JDBC read whatever the database, since the connection's
    URL names the driver."""

    DESCRIPTION = ("`from_options(<type known at run time>, {useConnectionProperties, connectionName, dbtable})` -> "
                   "`spark.read.format('jdbc')` with the connection's secrets")

    def matches(self, site: Site) -> bool:
        if not Rule.matches(self, site) or connection_type(site, 0) is not None:
            return False
        try:
            site.literal(0, "connection_type")
            return False  # a literal type that is no string: left to the generic rule's flag
        except ValueError:
            pass
        options = bound_dict(site, site.arg(1, "connection_options")) or {}
        return ("connectionName" in options and truthy(options.get("useConnectionProperties"))
                and ("dbtable" in options or "query" in options) and not set(options) & REDSHIFT_ONLY)

    def kind(self, site: Site) -> str | None:
        return "jdbc"

    def plan(self, site: Site, kind: str, options: dict) -> Plan | None:
        plan = super().plan(site, kind, options)
        if plan is not None:
            plan.notes.append("connection type known only at run time: read as JDBC through the Glue connection's url")
        return plan


class JdbcWrite(ConnectorWrite):
    DESCRIPTION = "`write_dynamic_frame.from_options(frame, 'postgresql'|..., {...})` -> `df.write.format('jdbc').mode('append')`"
    TYPES = jdbc.TYPES


class JdbcConfWrite(Rule):
    DESCRIPTION = ("`write_dynamic_frame.from_jdbc_conf(frame, catalog_connection, options, redshift_tmp_dir)` -> "
                   "`df.write.format('redshift'|'jdbc')` with the connection's secrets")
    PRIORITY = EARLY
    MATCHER = namespaced("write_dynamic_frame", "from_jdbc_conf") | glue_method(
        "write_dynamic_frame_from_jdbc_conf", "write_from_jdbc_conf")

    def rewrite(self, site: Site) -> Outcome:
        api = write_api(site)
        frame, connection = site.arg(0, "frame"), site.arg(1, "catalog_connection")
        options = bound_dict(site, site.arg(2, "connection_options"))
        if frame is None or connection is None:
            site.flag(self, "JDBC write without frame/catalog_connection", api)
            return None
        if options is None:
            return self._opaque(site, api, frame, connection)
        try:
            plan = dispatch.jdbc_conf_write_plan(connection, options, site.arg(3, "redshift_tmp_dir"))
        except Unsupported as exc:
            site.flag(self, str(exc), api)
            return None
        decide(self, site, plan, api, describe(plan, write=True))
        return as_statement(site, render.write(plan, frame, site.helper))

    def _opaque(self, site: Site, api: str, frame: cst.BaseExpression, connection: cst.BaseExpression) -> Outcome:
        """Options known only at run time: the connection's url and login, then the options as given."""
        plan = jdbc.write_plan("jdbc", {}, connection)
        plan.spread = site.arg(2, "connection_options")
        plan.flags = ["connection options computed at run time are passed as they are: Glue's database option "
                      "is not a Spark JDBC option (put the database into the url)"]
        decide(self, site, plan, api, describe(plan, write=True))
        return as_statement(site, render.write(plan, frame, site.helper))


RULES = (JdbcRead, ConnectionTableRead, JdbcWrite, JdbcConfWrite)
