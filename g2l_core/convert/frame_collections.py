"""DynamicFrameCollection -> ``dict[str, DataFrame]``."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method, transform_apply


def subscript(value: cst.BaseExpression, key: cst.BaseExpression) -> cst.Subscript:
    return cst.Subscript(value, [cst.SubscriptElement(cst.Index(key))])


class SelectFromCollection(Rule):
    DESCRIPTION = "`SelectFromCollection.apply(dfc, key)` / `dfc.select(key)` -> `dfc[key]`"
    API = "SelectFromCollection"
    MATCHER = transform_apply("SelectFromCollection") | glue_method("select")

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        if site.original.func.attr.value == "select":  # type: ignore[attr-defined]
            return site.kind(site.original_receiver()) is Kind.COLLECTION and len(site.original.args) >= 1
        return site.is_glue_class(site.original.func.value, "SelectFromCollection")  # type: ignore[attr-defined]

    def rewrite(self, site: Site) -> Outcome:
        if site.original.func.attr.value == "select":  # type: ignore[attr-defined]
            collection, key = site.receiver(), site.arg(0, "key")
            api = "DynamicFrameCollection.select"
        else:
            collection, key = site.arg(0, "dfc"), site.arg(1, "key")
            api = self.API
        if collection is None or key is None:
            site.flag(self, "collection/key missing", api)
            return None
        site.converted(self, "collections are dicts of DataFrames", api)
        return subscript(collection, key)


class CollectionConstructor(Rule):
    DESCRIPTION = "`DynamicFrameCollection(dict, glueContext)` -> the dict"
    API = "DynamicFrameCollection"
    MATCHER = m.Call(func=m.Name("DynamicFrameCollection"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.is_glue_class(site.original.func, "DynamicFrameCollection")

    def rewrite(self, site: Site) -> Outcome:
        frames = site.arg(0, "dynamic_frames")
        if frames is None:
            site.flag(self, "DynamicFrameCollection without frames")
            return None
        site.converted(self, "collections are dicts of DataFrames")
        return build.call("dict", frames)


class CollectionMap(Rule):
    DESCRIPTION = "`dfc.map(f)` -> `{key: f(df, key) ...}`; MapToCollection/FlatMap are flagged"
    API = "DynamicFrameCollection.map"
    MATCHER = glue_method("map", "flatmap") | transform_apply("MapToCollection", "FlatMap")

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        func = site.original.func
        if func.attr.value == "apply":  # type: ignore[attr-defined]
            return site.is_glue_class(func.value, "MapToCollection", "FlatMap")  # type: ignore[attr-defined]
        return site.kind(site.original_receiver()) is Kind.COLLECTION

    def rewrite(self, site: Site) -> Outcome:
        func = site.original.func
        api = func.value.value if func.attr.value == "apply" else f"DynamicFrameCollection.{func.attr.value}"  # type: ignore[attr-defined]
        site.flag(self, "rewrite as a dict comprehension over the collection's DataFrames", api)
        return None


RULES = (SelectFromCollection, CollectionConstructor, CollectionMap)
