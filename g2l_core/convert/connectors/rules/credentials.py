"""``glueContext.extract_jdbc_conf(name)`` -> ``g2l_helpers.jdbc_connection_conf(name)``: the same keys
(url, fullUrl, user, password, vendor), read from the secret scope or, off Databricks, the environment."""

from __future__ import annotations

from g2l_core.convert.connectors import credentials, render
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method


class ExtractJdbcConf(Rule):
    DESCRIPTION = "`glueContext.extract_jdbc_conf(connection_name)` -> `g2l_helpers.jdbc_connection_conf(connection_name)`"
    API = "GlueContext.extract_jdbc_conf"
    MATCHER = glue_method("extract_jdbc_conf")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) in (Kind.GLUE_CONTEXT, None)

    def rewrite(self, site: Site) -> Outcome:
        name = site.arg(0, "connection_name")
        if name is None:
            site.flag(self, "extract_jdbc_conf without a connection name")
            return None
        message = (f"connection {credentials.describe(name)}: url/user/password from secret scope "
                   f"{site.options.secret_scope!r} (environment variables off Databricks)")
        if site.arg(1, "catalog_id") is not None:
            message += "; catalog_id dropped: the secrets of the other account's connection must be in the scope"
        site.with_helper(self, message)
        return render.expression(credentials.extract_jdbc_conf(name), site.helper)


RULES = (ExtractJdbcConf,)
