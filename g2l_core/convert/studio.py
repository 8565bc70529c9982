"""Glue Studio's generated helper functions (``sparkSqlQuery(glueContext, query, mapping,
transformation_ctx)`` and hand-written ones like it) become plain functions over the SparkSession:
``transformation_ctx`` leaves the signature and every call, since the Glue calls that used it are
converted (the GlueContext parameter becomes ``spark`` as in any function: ``parameters``)."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.build import kept
from g2l_core.convert.parameters import ContextKeyword, renamed_context_keywords
from g2l_core.convert.rules import Outcome, Rule, Site


class StudioHelperDef(Rule):
    DESCRIPTION = "`def sparkSqlQuery(glueContext, query, mapping, transformation_ctx)` -> `def sparkSqlQuery(glueContext, query, mapping)`"
    API = "Glue Studio helper"
    NODE = cst.FunctionDef
    MATCHER = m.FunctionDef()

    def matches(self, site: Site) -> bool:
        return site.studio_helper(site.original.name.value) is not None

    def rewrite(self, site: Site) -> Outcome:
        ctx, _ = site.studio_helper(site.original.name.value)  # type: ignore[misc]
        params = site.updated.params
        if ctx is None or ctx < len(params.posonly_params):
            return None
        dropped = params.params[ctx - len(params.posonly_params)]
        positional = kept(params.params, lambda p: p is not dropped)
        site.converted(self, "Glue Studio style helper: transformation_ctx dropped")
        return site.updated.with_changes(params=params.with_changes(params=positional))


class StudioHelperCall(Rule):
    DESCRIPTION = "`sparkSqlQuery(glueContext, ..., transformation_ctx='x')` -> `sparkSqlQuery(spark, ...)`"
    API = "Glue Studio helper"
    MATCHER = m.Call(func=m.Name())
    ANY_CALL = True  # the helpers' names are the module's own

    def matches(self, site: Site) -> bool:
        func = site.original.func
        return isinstance(func, cst.Name) and (helper := site.studio_helper(func.value)) is not None and (
            helper[0] is not None)

    def rewrite(self, site: Site) -> Outcome:
        ctx, _ = site.studio_helper(site.original.func.value)  # type: ignore[attr-defined,misc]
        args = list(site.updated.args)
        dropped = [a for i, a in enumerate(args) if (a.keyword is not None and a.keyword.value == "transformation_ctx")
                   or (a.keyword is None and a.star == "" and i == ctx)]
        if not dropped:
            return None
        keep = kept(args, lambda a: all(a is not d for d in dropped))
        if ContextKeyword().matches(site):  # `glueContext=glueContext`: the parameter is `spark` now
            keep = renamed_context_keywords(keep)
        site.converted(self, "transformation_ctx argument dropped")
        return site.updated.with_changes(args=keep)


RULES = (StudioHelperDef, StudioHelperCall)
