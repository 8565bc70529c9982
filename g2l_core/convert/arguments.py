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
            names_node = _without_reserved(names_node, kept)
            note = f"; reserved Glue arguments {', '.join(dropped)} are filled in by the helper" if dropped else ""
        else:
            note = "; names computed at run time, reserved Glue names are ignored by the helper"
        kwargs = {"widgets": True} if site.options.params == "widgets" else {}
        via = "dbutils.widgets (sys.argv off Databricks)" if kwargs else "--name value command-line arguments"
        site.with_helper(self, f"job parameters read from {via}{note}")
        written = site.updated.args
        if not kwargs and len(written) == 2 and all(a.keyword is None and not a.star for a in written):
            # the call as written, so its line breaks and the comments among the names stay
            return site.updated.with_changes(func=site.helper("job_arguments"),
                                             args=[written[0], written[1].with_changes(value=names_node)])
        return build.call(site.helper("job_arguments"), argv, names_node, **kwargs)


def _without_reserved(names_node: cst.BaseExpression, kept: list[str]) -> cst.BaseExpression:
    """The names list as written (its layout and comments) less the reserved names; a tuple or a name
    bound elsewhere becomes a new list."""
    if isinstance(names_node, cst.List) and len(names_node.elements) >= len(kept):
        elements = build.kept(names_node.elements, lambda e: build.literal_value(e.value) not in RESERVED)
        if [build.literal_value(e.value) for e in elements] == kept:
            return names_node.with_changes(elements=elements)
    return build.literal(kept)


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
