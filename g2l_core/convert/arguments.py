"""``getResolvedOptions(sys.argv, [...])`` -> the helper that reads ``--name value`` job parameters.

Databricks Python-script tasks pass parameters as command-line arguments, the same shape Glue uses,
so the helper parses ``sys.argv`` (or ``dbutils.widgets`` with ``params="widgets"``, falling back to
``sys.argv`` off Databricks). Glue's reserved arguments are dropped from the required list; the
helper still answers ``args["JOB_NAME"]`` and friends with sensible local values.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.rules import Outcome, Rule, Site

RESERVED = frozenset({
    "JOB_NAME", "JOB_ID", "JOB_RUN_ID", "TempDir", "job-bookmark-option", "job-language", "SECURITY_CONFIGURATION",
    "encryption-type", "enable-metrics", "enable-continuous-cloudwatch-log", "enable-glue-datacatalog",
    "enable-spark-ui", "spark-event-logs-path", "extra-py-files", "extra-jars", "extra-files",
    "additional-python-modules", "python-modules-installer-option", "enable-job-insights", "enable-auto-scaling",
})


class ResolvedOptions(Rule):
    DESCRIPTION = "`getResolvedOptions(sys.argv, names)` -> `g2l_helpers.job_arguments(sys.argv, names)`"
    API = "getResolvedOptions"
    MATCHER = m.Call(func=m.Name("getResolvedOptions"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.glue_import("getResolvedOptions") is not None

    def rewrite(self, site: Site) -> Outcome:
        argv = site.arg(0, "args")
        names_node = site.arg(1, "options")
        if argv is None or names_node is None:
            site.flag(self, "getResolvedOptions without argv/names; pass parameters by hand")
            return None
        try:
            names = site.literal(1, "options")
        except ValueError:
            names = None
        if isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names):
            kept = [n for n in names if n not in RESERVED]
            dropped = [n for n in names if n in RESERVED]
            names_node = build.literal(kept)
            note = f"; reserved Glue arguments {', '.join(dropped)} are filled in by the helper" if dropped else ""
        else:
            note = "; names computed at run time, reserved Glue names are ignored by the helper"
        kwargs = {"widgets": True} if site.options.params == "widgets" else {}
        via = "dbutils.widgets (sys.argv off Databricks)" if kwargs else "--name value command-line arguments"
        site.with_helper(self, f"job parameters read from {via}{note}")
        return build.call(site.helper("job_arguments"), argv, names_node, **kwargs)


class ArgumentError(Rule):
    DESCRIPTION = ("`except GlueArgumentError:` (a missing job argument) -> `except g2l_helpers.JobArgumentError:`, "
                   "which the helper raises as Glue raised its own")
    API = "GlueArgumentError"
    NODE = cst.Name
    MATCHER = m.Name("GlueArgumentError")

    def matches(self, site: Site) -> bool:
        qualified = site.glue_name()
        return bool(qualified) and qualified.rsplit(".", 1)[-1] == "GlueArgumentError"  # type: ignore[union-attr]

    def rewrite(self, site: Site) -> Outcome:
        site.consume()
        return site.helper("JobArgumentError")


RULES = (ResolvedOptions, ArgumentError)
