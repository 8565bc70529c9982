"""``glueContext.get_logger()`` -> ``logging.getLogger(__name__)``; Glue's ``warn`` -> ``warning``."""

from __future__ import annotations

import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method


class GetLogger(Rule):
    DESCRIPTION = "`glueContext.get_logger()` -> `logging.getLogger(__name__)`"
    API = "GlueContext.get_logger"
    MATCHER = glue_method("get_logger")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) in (Kind.GLUE_CONTEXT, None)

    def rewrite(self, site: Site) -> Outcome:
        site.need_import("logging")
        site.converted(self, "standard logging; Databricks collects driver logs")
        return build.call("logging.getLogger", build.name("__name__"))


class LoggerWarn(Rule):
    DESCRIPTION = "Glue logger `warn(...)` -> `warning(...)` (Logger.warn is deprecated)"
    API = "GlueLogger.warn"
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("warn")))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.LOGGER

    def rewrite(self, site: Site) -> Outcome:
        site.converted(self, "logging.Logger.warning")
        return site.updated.with_changes(func=build.attribute(site.receiver(), "warning"))


RULES = (GetLogger, LoggerWarn)
