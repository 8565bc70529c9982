"""JDBC reads and writes (mysql, postgresql, sqlserver, oracle, custom/marketplace JDBC) and
``write_dynamic_frame.from_jdbc_conf`` (Redshift or JDBC, by what the call says) -> ``format("jdbc")``
or ``format("redshift")``, credentials from the secret scope."""

from __future__ import annotations

import libcst as cst

from g2l_core.convert.connectors import dispatch, jdbc, render
from g2l_core.convert.connectors.plan import Unsupported
from g2l_core.convert.connectors.rules.base import ConnectorRead, ConnectorWrite, bound_dict, decide, describe
from g2l_core.convert.rules import EARLY, Outcome, Rule, Site, glue_method, namespaced
from g2l_core.convert.writes import as_statement, write_api


class JdbcRead(ConnectorRead):
    DESCRIPTION = ("`from_options('mysql'|'postgresql'|..., {url|connectionName, dbtable, hashfield})` -> "
                   "`spark.read.format('jdbc').option(...).load()`")
    TYPES = jdbc.TYPES


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


RULES = (JdbcRead, JdbcWrite, JdbcConfWrite)
