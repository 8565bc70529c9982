"""Glue names that are not calls: GlueContext variables, awsglue types in annotations and isinstance
checks, and the GlueContext's session attributes."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.bindings import GLUE_CONTEXT_PARAMS
from g2l_core.convert.context import SPARK_CONTEXT_NOTE
from g2l_core.convert.sql_context import unknown_context_member
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import EARLY, Outcome, Rule, Site

TYPE_RENAMES = {"DynamicFrame": ("pyspark.sql", "DataFrame"), "GlueContext": ("pyspark.sql", "SparkSession")}


class ContextName(Rule):
    DESCRIPTION = "A variable holding the GlueContext is the SparkSession: `glueContext` -> `spark`"
    NODE = cst.Name
    MATCHER = m.Name()
    PRIORITY = EARLY  # a GlueContext variable is renamed before any type rename looks at it

    def matches(self, site: Site) -> bool:
        value = site.original.value
        return (site.is_context_name(value) and site.kind_in_scope(site.original) is Kind.GLUE_CONTEXT
                and not site.is_parameter(value))

    def rewrite(self, site: Site) -> Outcome:
        flag_unknown_member(self, site)
        return site.updated.with_changes(value="spark")


def flag_unknown_member(rule: Rule, site: Site) -> None:
    """``glueContext.<member>`` the SparkSession does not have (``members``) is flagged where it is read."""
    parent = site.parent(site.original)
    if isinstance(parent, cst.Attribute) and parent.value is site.original:
        note = unknown_context_member(parent.attr.value)
        if note is not None:
            site.flag(rule, note, api=f"GlueContext.{parent.attr.value}")


class ContextAttribute(Rule):
    DESCRIPTION = ("A GlueContext held on an object under its conventional name is the session: `self.glue_context` -> "
                   "`self.spark`; a DynamicFrame's `frame.glue_ctx` -> `frame.sparkSession`")
    NODE = cst.Attribute
    MATCHER = m.Attribute(attr=m.OneOf(*(m.Name(n) for n in sorted(GLUE_CONTEXT_PARAMS))))
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        # Renamed wherever it is read or set, in every module, so a base class and its subclasses elsewhere agree.
        return super().matches(site) and site.kind(site.original.value) not in (Kind.SPARK_SESSION, Kind.GLUE_CONTEXT)

    def rewrite(self, site: Site) -> Outcome:
        if site.kind(site.original.value) in (Kind.DYNAMIC_FRAME, Kind.DATA_FRAME):
            return site.updated.with_changes(attr=cst.Name("sparkSession"))
        flag_unknown_member(self, site)
        return site.updated.with_changes(attr=cst.Name("spark"))


class _GlueTypeName(Rule):
    NODE = cst.Name
    MATCHER = m.Name()

    def short_name(self, site: Site) -> str | None:
        """The awsglue class a name stands for, unless it is a receiver (``DynamicFrame.fromDF``: the call's
        rule handles it)."""
        qualified = site.glue_name()
        if qualified is None:
            return None
        parent = site.parent(site.original)
        if isinstance(parent, cst.AssignTarget):  # `GlueContext = None` (a fallback) binds the name: no type
            return None
        if isinstance(parent, cst.Attribute) and parent.value is site.original and not isinstance(
                site.parent(parent), cst.AssignTarget):  # `DynamicFrame.fn = fn` attaches fn: to DataFrame now
            return None
        return qualified.rsplit(".", 1)[-1]


SUBCLASS_NOTES = {
    "GlueContext": "a subclass of GlueContext now subclasses SparkSession, which Databricks shared and serverless "
                   "compute do not let you build from a SparkContext: make its methods functions taking the session "
                   "(spark), or hold the session in an attribute",
    "DynamicFrame": "a subclass of DynamicFrame now subclasses DataFrame, which is built by Spark, never by this "
                    "class's constructor: make its methods functions over DataFrames",
}


class TypeRename(_GlueTypeName):
    DESCRIPTION = "`DynamicFrame` / `GlueContext` in annotations and isinstance checks -> `DataFrame` / `SparkSession`"

    def matches(self, site: Site) -> bool:
        return self.short_name(site) in TYPE_RENAMES

    def rewrite(self, site: Site) -> Outcome:
        short = self.short_name(site)
        module, new = TYPE_RENAMES[short]  # type: ignore[index]
        site.need_import(module, new)
        site.consume()
        arg = site.parent(site.original)
        if isinstance(arg, cst.Arg) and isinstance(site.parent(arg), cst.ClassDef):
            site.flag(self, SUBCLASS_NOTES[short], api=f"{short} subclass")
        return site.updated.with_changes(value=new)


# PySpark names awsglue modules import and so re-export (`from awsglue.context import GlueContext, DataFrame`).
PYSPARK_REEXPORTS = {"DataFrame": "pyspark.sql", "SparkSession": "pyspark.sql", "SQLContext": "pyspark.sql",
                     "SparkContext": "pyspark"}


class PysparkName(Rule):
    DESCRIPTION = ("A PySpark name imported through an awsglue module (`from awsglue.context import DataFrame`) is "
                   "imported from PySpark")
    NODE = cst.Name
    MATCHER = m.Name()

    def matches(self, site: Site) -> bool:
        qualified = site.glue_name()
        return bool(qualified) and qualified.rsplit(".", 1)[-1] in PYSPARK_REEXPORTS and (  # type: ignore[union-attr]
            qualified.rsplit(".", 1)[-1] == site.original.value)  # type: ignore[union-attr]

    def rewrite(self, site: Site) -> Outcome:
        name = site.original.value
        site.need_import(PYSPARK_REEXPORTS[name], name)
        site.consume()
        return site.updated


class CollectionTypeRename(_GlueTypeName):
    DESCRIPTION = "`DynamicFrameCollection` as a type -> `dict` (collections convert to dicts of DataFrames)"

    def matches(self, site: Site) -> bool:
        return self.short_name(site) == "DynamicFrameCollection"

    def rewrite(self, site: Site) -> Outcome:
        site.consume()
        return site.updated.with_changes(value="dict")


class SparkSessionAttribute(Rule):
    DESCRIPTION = ("`glueContext.spark_session` (or `.sparkSession`, GlueContext being a SQLContext) -> `spark`; "
                   "`glueContext.spark_context` -> `spark.sparkContext`")
    NODE = cst.Attribute
    MATCHER = m.Attribute(attr=m.Name("spark_session") | m.Name("sparkSession") | m.Name("spark_context"))

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        kind = site.kind(site.original.value)
        # `self.glue_context.spark_session` in a class holding the GlueContext by its conventional name
        held = isinstance(site.original.value, cst.Attribute) and site.original.value.attr.value in GLUE_CONTEXT_PARAMS
        # `def sql(gc, query): return gc.spark_session.sql(query)`: no PySpark object has `spark_session`, so in a
        # Glue module a parameter read for it is a GlueContext (unless the module sets such an attribute itself)
        passed = (isinstance(site.original.value, cst.Name) and site.original.attr.value == "spark_session"
                  and site.is_parameter(site.original.value.value) and not site.stores_attribute("spark_session"))
        return kind is Kind.GLUE_CONTEXT or (kind is None and (held or passed) and site.imports_glue)

    def rewrite(self, site: Site) -> Outcome:
        attr = site.original.attr.value
        if attr == "spark_context":
            site.flag(self, SPARK_CONTEXT_NOTE, api=f"GlueContext.{attr}")
            return build.attribute(site.updated.value, "sparkContext")
        site.converted(self, "the GlueContext is the SparkSession in converted code", api=f"GlueContext.{attr}")
        return site.updated.value


class FrameName(Rule):
    DESCRIPTION = "`dyf.name` (a DynamicFrame's name) is flagged: on a DataFrame `df.name` is the column `name`"
    API = "DynamicFrame.name"
    NODE = cst.Attribute
    MATCHER = m.Attribute(attr=m.Name("name"))

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or site.kind(site.original.value) is not Kind.DYNAMIC_FRAME:
            return False
        # the name argument of DynamicFrame.fromDF goes with the call
        return not any(isinstance(p, cst.Call) and isinstance(p.func, cst.Attribute) and p.func.attr.value == "fromDF"
                       for p in site.ancestors())

    def rewrite(self, site: Site) -> Outcome:
        site.flag(self, "a DynamicFrame's name has no DataFrame equivalent (df.name is the column `name`): "
                        "use a literal name or pass one in")
        return None


RULES = [ContextName, ContextAttribute, FrameName, TypeRename, CollectionTypeRename, PysparkName,
         SparkSessionAttribute]
