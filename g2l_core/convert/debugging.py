"""Glue's debugging and error-record APIs -> code that runs on Databricks.

``Spigot`` writes a sample of the frame and passes the frame on: the sample becomes a JSON write of
``sample(prob)``/``limit(topk)`` (Glue writes 100 records when neither is given) to the same path. Spark
keeps no error records, so the error APIs get their runnable empty equivalents (``0``, ``df.limit(0)``,
nothing to assert), flagged: a job's check on its error records never fires any more, and the note says
where bad rows go instead.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build, storage
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import REMOVE, Outcome, ReplaceStatement, Rule, Site, glue_method, transform_apply
from g2l_core.convert.transforms import TransformRule

NO_ERROR_RECORDS = ("Spark keeps no error records (Glue's unparseable rows): {what}; catch bad input with the "
                    "reader's badRecordsPath or the rescued data column")
SPIGOT_DEFAULT_TOPK = 100


class SpigotRule(TransformRule):
    DESCRIPTION = "`Spigot.apply(frame, path, options)` / `dyf.spigot(...)` -> a sampled JSON write of the frame, which passes on"
    CLASS, METHOD = "Spigot", "spigot"
    PARAMS = ("path", "options", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        nodes = self.required(site, "path", what="a path")
        if nodes is None:
            return None
        frame, path = nodes
        options = self.param(site, "options")
        items = build.dict_items(site.constant(options)) if options is not None else {}
        if items is None or set(items) - {"topk", "prob"}:
            self.flag(site, "spigot options computed at run time or unknown; write the sample by hand "
                            "(df.limit(n).write.json(path))")
            return None
        target = site.assigned_to()
        if not site.is_statement() and not isinstance(target, cst.Name):
            self.flag(site, "spigot used inside an expression; write the sample as its own statement")
            return None
        sampled = build.name(target.value) if isinstance(target, cst.Name) else frame
        if "prob" in items:
            sampled = build.method(sampled, "sample", fraction=items["prob"])
        if "topk" in items or "prob" not in items:
            sampled = build.method(sampled, "limit", items.get("topk", build.literal(SPIGOT_DEFAULT_TOPK)))
        write = storage.chain(sampled, (".write", ()), ("mode", ("append",)),
                              ("json", (storage.mapped_path(site, path),)))
        self.converted(site, "sample written as JSON with DataFrameWriter; the frame itself passes on unchanged")
        statements = [build.expression_statement(write)]
        if isinstance(target, cst.Name) and not (isinstance(frame, cst.Name) and frame.value == target.value):
            statements.insert(0, build.assign(target, frame))
        return ReplaceStatement(statements)


class DropDuplicatesRule(TransformRule):
    DESCRIPTION = "`DropDuplicates.apply(frame, keys)` -> `df.dropDuplicates(keys)`"
    CLASS = "DropDuplicates"
    PARAMS = ("keys", "transformation_ctx")

    def rewrite(self, site: Site) -> Outcome:
        frame = self.frame(site)
        known = {"frame", "keys", "subset", "transformation_ctx"}
        odd = [a.keyword.value for a in site.original.args if a.keyword is not None and a.keyword.value not in known]
        if frame is None or odd or any(a.star for a in site.original.args):
            self.flag(site, "DropDuplicates arguments not understood" + (f": {', '.join(odd)}" if odd else ""))
            return None
        keys = self.param(site, "keys") or site.arg(-1, "subset")
        self.converted(site, "DataFrame.dropDuplicates" + (" on the keys" if keys is not None else " over all columns"))
        return build.method(frame, "dropDuplicates", *([keys] if keys is not None else []))


class _ErrorRecords(Rule):
    """Methods on a DynamicFrame, or on a value that is neither a DataFrame nor a session."""

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) not in (
            Kind.DATA_FRAME, Kind.SPARK_SESSION, Kind.RDD)


class ErrorCount(_ErrorRecords):
    DESCRIPTION = "`dyf.errorsCount()` / `dyf.stageErrorsCount()` -> `0`, flagged: a check on it never fires"
    API = "DynamicFrame"
    MATCHER = glue_method("errorsCount", "stageErrorsCount")

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        site.flag(self, NO_ERROR_RECORDS.format(what=f"{method}() is 0 here"), f"DynamicFrame.{method}")
        return cst.Integer("0")


class ErrorFrame(_ErrorRecords):
    DESCRIPTION = "`dyf.errorsAsDynamicFrame()` / `ErrorsAsDynamicFrame.apply(dyf)` -> `df.limit(0)`, flagged"
    API = "DynamicFrame.errorsAsDynamicFrame"
    MATCHER = glue_method("errorsAsDynamicFrame") | transform_apply("ErrorsAsDynamicFrame")

    def matches(self, site: Site) -> bool:
        func = site.original.func
        if isinstance(func, cst.Attribute) and func.attr.value == "apply":
            return Rule.matches(self, site) and site.is_glue_class(func.value, "ErrorsAsDynamicFrame")
        return super().matches(site)

    def rewrite(self, site: Site) -> Outcome:
        func = site.original.func
        applied = isinstance(func, cst.Attribute) and func.attr.value == "apply"
        frame = site.arg(0, "frame") if applied else site.receiver()
        api = "ErrorsAsDynamicFrame" if applied else self.API
        if frame is None:
            site.flag(self, "ErrorsAsDynamicFrame without a frame", api)
            return None
        site.flag(self, NO_ERROR_RECORDS.format(what="the error frame is empty here (same columns, no rows)"), api)
        return build.method(frame, "limit", 0)


class ErrorThreshold(_ErrorRecords):
    DESCRIPTION = "`dyf.assertErrorThreshold()` is removed and flagged: with no error records there is nothing to assert"
    API = "DynamicFrame.assertErrorThreshold"
    MATCHER = glue_method("assertErrorThreshold")

    def rewrite(self, site: Site) -> Outcome:
        if not site.is_statement():
            site.flag(self, "assertErrorThreshold() used as a value; remove it by hand")
            return None
        site.flag(self, NO_ERROR_RECORDS.format(what="assertErrorThreshold() removed, it has nothing to check; "
                                                     "add an explicit count check or a Lakeflow expectation if needed"))
        return REMOVE


RULES = (SpigotRule, DropDuplicatesRule, ErrorCount, ErrorFrame, ErrorThreshold)
