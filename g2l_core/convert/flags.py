"""Glue features with no faithful Databricks equivalent: left in place, marked and recorded.

The statement keeps its code, gets a ``# g2l: review: ...`` comment saying what to use instead, and
the call site gets a ``flagged`` decision.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.model import Kind
from g2l_core.convert.rules import FLAGS_FIRST, Outcome, Rule, Site, glue_method, predicate


_APPLY = m.Name("apply") | m.Name("process_rows")


class FlagRule(Rule):
    """Flag every call a matcher finds; ``ADVICE`` maps the call name to what to do instead."""

    PRIORITY = FLAGS_FIRST
    ADVICE: ClassVar[dict[str, str]] = {}
    RECEIVER_KINDS: ClassVar[tuple[Kind | None, ...] | None] = None  # None: any receiver

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        if self.RECEIVER_KINDS is not None and isinstance(site.original.func, cst.Attribute):
            return site.kind(site.original_receiver()) in self.RECEIVER_KINDS
        return True

    def rewrite(self, site: Site) -> Outcome:
        func = site.original.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value  # type: ignore[attr-defined]
        api = f"{self.API}.{name}" if self.API else name
        site.flag(self, f"{name}: {self.ADVICE[name]}", api)
        return None


class LakeFormation(FlagRule):
    DESCRIPTION = "Storage-class transitions (governed-table transactions: ``transactions``)"
    API = "GlueContext"
    ADVICE = {
        "transition_table": "S3 storage-class transitions are managed outside Databricks (S3 lifecycle rules)",
        "transition_s3_path": "S3 storage-class transitions are managed outside Databricks (S3 lifecycle rules)",
        "getSampleDynamicFrame": "use spark.read ... .limit(n)",
    }
    MATCHER = glue_method(*ADVICE)
    RECEIVER_KINDS = (Kind.GLUE_CONTEXT, None)


class MachineLearningAndQuality(FlagRule):
    DESCRIPTION = "awsglueml (FindMatches, FillMissingValues)"
    ADVICE = {
        "FindMatches": "no equivalent; use an entity-resolution library or a Databricks ML model",
        "FindIncrementalMatches": "no equivalent; use an entity-resolution library or a Databricks ML model",
        "FillMissingValues": "impute with pyspark.ml.feature.Imputer",
    }
    _CLASS = m.OneOf(*(m.Name(n) for n in ADVICE))
    # FindMatches.apply(...), FindMatches(...), FindMatches(...).apply(...), and through the module:
    # `ml.FindMatches.apply(...)` after `import awsglueml.transforms as ml`
    MATCHER = m.Call(func=m.Attribute(value=_CLASS, attr=_APPLY)) | m.Call(func=_CLASS) | m.Call(
        func=m.Attribute(value=m.Call(func=_CLASS), attr=_APPLY)) | m.Call(
        func=m.Attribute(value=m.Attribute(attr=_CLASS), attr=_APPLY))

    def matches(self, site: Site) -> bool:
        if not predicate(self.MATCHER)(site.original):
            return False
        return site.glue_import(self._head(site.original)) is not None

    @staticmethod
    def _head(call: cst.Call) -> str:
        func = call.func
        while isinstance(func, (cst.Attribute, cst.Call)):
            func = func.value if isinstance(func, cst.Attribute) else func.func
        return func.value if isinstance(func, cst.Name) else ""

    @classmethod
    def _class(cls, call: cst.Call) -> str:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("apply", "process_rows"):
            func = func.value
        if isinstance(func, cst.Call):
            func = func.func
        if isinstance(func, cst.Attribute):
            return func.attr.value
        return func.value if isinstance(func, cst.Name) else ""

    def rewrite(self, site: Site) -> Outcome:
        name = self._class(site.original)
        site.flag(self, f"{name}: {self.ADVICE[name]}", name)
        return None


class DynamicFrameConstructor(FlagRule):
    DESCRIPTION = "`DynamicFrame(jdf, glueContext)` built from JVM objects"
    API = ""
    ADVICE = {"DynamicFrame": "built from a JVM object; use the DataFrame directly"}
    MATCHER = m.Call(func=m.Name("DynamicFrame"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.is_glue_class(site.original.func, "DynamicFrame")


RULES = (LakeFormation, MachineLearningAndQuality, DynamicFrameConstructor)
