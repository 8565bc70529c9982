"""Glue Studio's generated helper functions (``sparkSqlQuery(glueContext, query, mapping,
transformation_ctx)`` and hand-written ones like it) become plain functions over the SparkSession:
the GlueContext parameter is named ``spark``, and ``transformation_ctx`` leaves the signature and
every call, since the Glue calls that used it are converted."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.rules import Outcome, Rule, Site


class StudioHelperDef(Rule):
    DESCRIPTION = "`def sparkSqlQuery(glueContext, query, mapping, transformation_ctx)` -> `def sparkSqlQuery(spark, query, mapping)`"
    API = "Glue Studio helper"
    NODE = cst.FunctionDef
    MATCHER = m.FunctionDef()

    def matches(self, site: Site) -> bool:
        return site.studio_helper(site.original.name.value) is not None

    def rewrite(self, site: Site) -> Outcome:
        ctx, glue = site.studio_helper(site.original.name.value)  # type: ignore[misc]
        params = site.updated.params
        positional = list(params.params)
        if ctx is not None and ctx >= len(params.posonly_params):
            del positional[ctx - len(params.posonly_params)]
            if positional:
                positional[-1] = positional[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        if glue is not None and positional and positional[0].name.value == glue:
            positional[0] = positional[0].with_changes(name=cst.Name("spark"), annotation=None)
        changes = [c for c, done in (("transformation_ctx dropped", ctx is not None),
                                     (f"{glue} -> spark", glue is not None)) if done]
        site.converted(self, "Glue Studio style helper: " + ", ".join(changes))
        return site.updated.with_changes(params=params.with_changes(params=positional))


class StudioHelperParameter(Rule):
    DESCRIPTION = "the GlueContext parameter of such a helper is `spark` in its body"
    NODE = cst.Name
    MATCHER = m.Name()

    def matches(self, site: Site) -> bool:
        function = site.enclosing_function()
        if function is None:
            return False
        helper = site.studio_helper(function.name.value)
        return helper is not None and helper[1] == site.original.value and site.is_parameter(site.original.value)

    def rewrite(self, site: Site) -> Outcome:
        return site.updated.with_changes(value="spark")


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
        keep = [a for i, a in enumerate(args)
                if not (a.keyword is not None and a.keyword.value == "transformation_ctx")
                and not (a.keyword is None and a.star == "" and i == ctx)]
        if len(keep) == len(args):
            return None
        if keep:
            keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        site.converted(self, "transformation_ctx argument dropped")
        return site.updated.with_changes(args=keep)


RULES = (StudioHelperDef, StudioHelperParameter, StudioHelperCall)
