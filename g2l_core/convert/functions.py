"""``awsglue.functions`` column functions -> ``pyspark.sql.functions``."""

from __future__ import annotations


import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.rules import Outcome, Rule, Site

EQUIVALENTS = {"namedStruct": "named_struct", "explodeWithIndex": "posexplode"}


class GlueFunction(Rule):
    DESCRIPTION = "`namedStruct` -> `F.named_struct`, `explodeWithIndex` -> `F.posexplode`; `replaceArrayElement` flagged"
    API = "awsglue.functions"
    MATCHER = m.Call(func=m.OneOf(*(m.Name(n) for n in (*EQUIVALENTS, "replaceArrayElement"))))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.glue_import(site.original.func.value) is not None  # type: ignore[attr-defined]

    def rewrite(self, site: Site) -> Outcome:
        name = site.original.func.value  # type: ignore[attr-defined]
        api = f"awsglue.functions.{name}"
        if name not in EQUIVALENTS:
            site.flag(self, "rewrite with F.transform(array, lambda x: ...)", api)
            return None
        site.converted(self, f"F.{EQUIVALENTS[name]}", api)
        return site.updated.with_changes(func=build.attribute(site.functions(), EQUIVALENTS[name]))


RULES = (GlueFunction,)

