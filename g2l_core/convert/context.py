"""GlueContext / SparkContext / Job set-up becomes one ``SparkSession.builder.getOrCreate()``.

The first set-up statement in a scope creates ``spark``; later ones disappear, and GlueContext
variables are renamed to ``spark`` wherever they are used (see the transformer's name handling).
``getOrCreate`` returns the existing session on Databricks and starts one anywhere else.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import REMOVE, Outcome, ReplaceStatement, Rule, Site, glue_method

SESSION = "SparkSession.builder.getOrCreate"


def create_session(site: Site) -> cst.Call:
    site.need_import("pyspark.sql", "SparkSession")
    return build.call(SESSION)


def _scope(site: Site) -> int:
    return site.conversion.resolver.where(site.original)[0]


class GlueContextSetup(Rule):
    DESCRIPTION = "`glueContext = GlueContext(sc)` -> `spark = SparkSession.builder.getOrCreate()`"
    API = "GlueContext"
    KEYS = frozenset({"GlueContext"})
    MATCHER = m.Call(func=m.Name("GlueContext"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.conversion.resolver.is_glue_class(site.original.func, "GlueContext")

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        scope = _scope(site)
        if target is None:
            site.converted(self, "GlueContext built inline: use the SparkSession")
            return create_session(site)
        new_target: cst.BaseExpression = build.name("spark") if isinstance(target, cst.Name) else target
        if scope not in site.conversion.spark_scopes:
            site.conversion.spark_scopes.add(scope)
            site.converted(self, "the SparkSession replaces the GlueContext (getOrCreate works on and off Databricks)")
            return ReplaceStatement([build.assign(new_target, create_session(site)).body[0]])
        site.converted(self, "the SparkSession created above replaces the GlueContext")
        if isinstance(target, cst.Name):
            return REMOVE
        return ReplaceStatement([build.assign(new_target, build.name("spark")).body[0]])


class SparkContextSetup(Rule):
    DESCRIPTION = "`sc = SparkContext()` in a Glue script -> the SparkSession (and `sc = spark.sparkContext` if still used)"
    API = "SparkContext"
    KEYS = frozenset({"SparkContext", "getOrCreate"})
    MATCHER = m.Call(func=m.Name("SparkContext")) | m.Call(
        func=m.Attribute(value=m.Name("SparkContext"), attr=m.Name("getOrCreate"))
    )

    def matches(self, site: Site) -> bool:
        return (
            super().matches(site)
            and bool(site.conversion.tracked)  # only in modules that import awsglue
            and isinstance(site.assigned_to(), cst.Name)
        )

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        assert isinstance(target, cst.Name)
        scope = _scope(site)
        statements = []
        if scope not in site.conversion.spark_scopes:
            site.conversion.spark_scopes.add(scope)
            statements.append(build.assign("spark", create_session(site)).body[0])
        if self._used_elsewhere(site, target.value):
            statements.append(build.assign(target.value, build.dotted("spark.sparkContext")).body[0])
            site.converted(self, "SparkContext taken from the SparkSession (not available on serverless/shared compute)")
        else:
            site.converted(self, "SparkContext only fed the GlueContext; the SparkSession replaces both")
        return ReplaceStatement(statements)

    @staticmethod
    def _used_elsewhere(site: Site, name: str) -> bool:
        resolver = site.conversion.resolver
        for node in site.conversion.facts.names.get(name, ()):
            parent = site.conversion.facts.parent.get(id(node))
            if isinstance(parent, cst.AssignTarget):
                continue
            if isinstance(parent, cst.Arg):
                call = site.conversion.facts.parent.get(id(parent))
                if isinstance(call, cst.Call) and resolver.is_glue_class(call.func, "GlueContext"):
                    continue
            return True
        return False


class SparkSessionSeen(Rule):
    DESCRIPTION = "An existing `spark = SparkSession.builder...getOrCreate()` means no new one is needed"
    API = "SparkSession"
    KEYS = frozenset({"getOrCreate"})
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("getOrCreate")))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original) is Kind.SPARK_SESSION

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        if isinstance(target, cst.Name) and target.value == "spark":
            site.conversion.spark_scopes.add(_scope(site))
        return None


class JobObject(Rule):
    DESCRIPTION = "`job = Job(glueContext)` is removed (Databricks jobs need no job object)"
    API = "Job"
    KEYS = frozenset({"Job"})
    MATCHER = m.Call(func=m.Name("Job"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.conversion.resolver.is_glue_class(site.original.func, "Job")

    def rewrite(self, site: Site) -> Outcome:
        if isinstance(site.assigned_to(), cst.Name):
            site.converted(self, "removed: Databricks jobs need no Job object")
            return REMOVE
        site.flag(self, "Job object used inline; remove it by hand")
        return None


class JobInitCommit(Rule):
    DESCRIPTION = "`job.init(...)` / `job.commit()` are removed"
    API = "Job"
    KEYS = frozenset({"init", "commit"})
    MATCHER = glue_method("init", "commit")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.JOB

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = f"Job.{method}"
        if not site.is_statement():
            site.flag(self, f"job.{method}() used as a value; remove it by hand", api)
            return None
        if method == "commit" and site.conversion.bookmarks:
            site.converted(self, "removed; bookmark state is replaced as noted at the bookmarked reads", api)
        else:
            site.converted(self, "removed: Databricks runs need no init/commit", api)
        return REMOVE


RULES = (GlueContextSetup, SparkContextSetup, SparkSessionSeen, JobObject, JobInitCommit)
