"""``glueContext.forEachBatch(frame, batch_function, options)`` -> Structured Streaming ``foreachBatch``."""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build, storage
from g2l_core.convert.connectors.rules.base import bound_dict
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method


class ForEachBatch(Rule):
    DESCRIPTION = ("`forEachBatch(frame, fn, {windowSize, checkpointLocation})` -> `writeStream.foreachBatch(fn)...`; "
                   "options computed at run time -> `g2l_helpers.for_each_batch(frame, fn, options)`")
    API = "GlueContext.forEachBatch"
    MATCHER = glue_method("forEachBatch")

    def batch_function(self, site: Site) -> cst.BaseExpression | None:
        """What ``foreachBatch`` is given (the connector rules wrap it to parse the records first)."""
        return site.arg(1, "batch_function")

    def rewrite(self, site: Site) -> Outcome:
        frame, function = site.arg(0, "frame"), self.batch_function(site)
        node = site.arg(2, "options")
        options = bound_dict(site, node)
        if frame is None or function is None:
            site.flag(self, "forEachBatch without its frame or batch function; build writeStream by hand")
            return None
        if options is None:
            assert node is not None
            site.with_helper(self, "options known only at run time: g2l_helpers.for_each_batch applies windowSize and "
                                   "checkpointLocation to writeStream.foreachBatch as Glue does; other keys raise")
            return build.call(site.helper("for_each_batch"), frame, function, node)
        calls: list = [(".writeStream", ()), ("foreachBatch", (function,))]
        if "checkpointLocation" in options:
            calls.append(("option", ("checkpointLocation", storage.mapped_path(site, options["checkpointLocation"]))))
        if "windowSize" in options:
            calls.append(("trigger", (), {"processingTime": options["windowSize"]}))
        calls += [("start", ()), ("awaitTermination", ())]
        rest = sorted(set(options) - {"checkpointLocation", "windowSize", "batchMaxRetries"})
        message = "micro-batches via writeStream.foreachBatch; the function gets (DataFrame, batch id)"
        if "batchMaxRetries" in options:
            message += ("; batchMaxRetries dropped: a failing batch stops the query and the job's retries restart "
                        "it from the checkpoint, which runs the batch again")
        if rest:
            site.flag(self, f"options without a Structured Streaming equivalent: {', '.join(rest)}")
        else:
            site.converted(self, message)
        return storage.chain(frame, *calls)


RULES = (ForEachBatch,)
