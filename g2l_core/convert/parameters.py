"""Library functions and methods that take the GlueContext (``def load(glue_context, day)``) take the session:
the parameter is named ``spark``, its uses follow, and keyword call sites (``load(glue_context=gc)``) too. Renames are not Glue call sites: no decision is recorded,
as for GlueContext variables (``names.ContextName``).

Keyword call sites are renamed in every module, whatever they call, so callers elsewhere in a package
agree with the converted definition; calls into the Glue API itself (``DynamicFrame.fromDF(glue_ctx=...)``)
are left to their own rules.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert.bindings import GLUE_CONTEXT_PARAMS
from g2l_core.convert.rules import EARLY, Outcome, Rule, Site
from g2l_core.pytree import dotted_name

LATE = 200  # after every rule that converts the call itself


class ContextParameterDef(Rule):
    DESCRIPTION = "`def load(glue_context, day)` -> `def load(spark, day)`"
    API = "GlueContext parameter"
    NODE = cst.FunctionDef
    MATCHER = m.FunctionDef()

    def matches(self, site: Site) -> bool:
        return site.renames_parameter(site.original) is not None

    def rewrite(self, site: Site) -> Outcome:
        name = site.renames_parameter(site.original)
        new_name = site.new_parameter_name(site.original)
        params = site.updated.params

        def renamed(group):
            return [p.with_changes(name=cst.Name(new_name)) if p.name.value == name else p for p in group]

        return site.updated.with_changes(params=params.with_changes(
            posonly_params=renamed(params.posonly_params), params=renamed(params.params),
            kwonly_params=renamed(params.kwonly_params)))


class ContextParameterName(Rule):
    DESCRIPTION = "uses of such a parameter in its function are `spark`"
    NODE = cst.Name
    MATCHER = m.Name()
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        return site.original.value in GLUE_CONTEXT_PARAMS and site.renamed_parameter(site.original.value)

    def rewrite(self, site: Site) -> Outcome:
        return site.updated.with_changes(value=site.parameter_name(site.original.value))


class ContextKeyword(Rule):
    DESCRIPTION = "`load(glue_context=gc)` -> `load(spark=spark)`"
    API = "GlueContext parameter"
    MATCHER = m.Call()
    ANY_CALL = True  # the callee is the project's own function, in this module or another
    PRIORITY = LATE

    def matches(self, site: Site) -> bool:
        call = site.original
        if not any(a.keyword is not None and a.keyword.value in GLUE_CONTEXT_PARAMS for a in call.args):
            return False
        head = dotted_name(call.func).partition(".")[0]
        if head and site.glue_import(head):
            return False  # the Glue API's own glue_ctx= (DynamicFrame.fromDF, DynamicFrameCollection)
        local = _callee(site)
        if isinstance(local, cst.FunctionDef) and site.renames_parameter(local) is None:
            return False  # a local function whose parameter keeps its name (it has a `spark` already)
        return True

    def rewrite(self, site: Site) -> Outcome:
        local = _callee(site)
        new_name = site.new_parameter_name(local) if isinstance(local, cst.FunctionDef) else "spark"
        return site.updated.with_changes(args=renamed_context_keywords(site.updated.args, new_name))


def renamed_context_keywords(args, new_name: str = "spark") -> list[cst.Arg]:
    """``glue_context=gc`` arguments as ``spark=gc`` (or the name the callee's parameter took); a rule
    rewriting a call that ContextKeyword also matches applies it too, since only one call rule rewrites a call."""
    return [a.with_changes(keyword=cst.Name(new_name))
            if a.keyword is not None and a.keyword.value in GLUE_CONTEXT_PARAMS else a for a in args]


def _callee(site: Site) -> cst.FunctionDef | cst.ClassDef | None:
    """The module's own function a call goes to; for a class, its ``__init__``."""
    local = site.local_function(site.original)
    cls = site.local_class(site.original) if local is None else None
    if cls is not None and isinstance(cls.body, cst.IndentedBlock):
        return next((s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
                    cls)
    return local


class ContextFixture(Rule):
    DESCRIPTION = ("A pytest fixture named like a GlueContext (`def glue_context():`) is `spark`: the tests "
                   "asking for it by name have their parameter renamed to `spark` (ContextParameterDef)")
    API = "GlueContext parameter"
    NODE = cst.FunctionDef
    MATCHER = m.FunctionDef()

    def matches(self, site: Site) -> bool:
        function = site.original
        return function.name.value in GLUE_CONTEXT_PARAMS and site.imports_glue and any(
            _is_fixture(d.decorator) for d in function.decorators)

    def rewrite(self, site: Site) -> Outcome:
        function = site.original
        params = {p.name.value for p in (*function.params.posonly_params, *function.params.params,
                                          *function.params.kwonly_params)}
        # A module's own `spark` fixture (or one this fixture asks for) is the one the renamed tests get;
        # this one keeps a name of its own, out of their way.
        free = not site.uses_of("spark") and "spark" not in params and not site.module_has_session()
        return site.updated.with_changes(name=cst.Name("spark" if free and site.function("spark") is None
                                                      else "glue_context"))


def _is_fixture(decorator: cst.BaseExpression) -> bool:
    """``@pytest.fixture``, ``@fixture``, either with arguments."""
    if isinstance(decorator, cst.Call):
        decorator = decorator.func
    return dotted_name(decorator) in ("pytest.fixture", "fixture")


RULES = (ContextParameterDef, ContextParameterName, ContextKeyword, ContextFixture)
