"""GlueContext is a ``SQLContext``: the ``SQLContext`` methods jobs call on it become the session's own.

``glueContext`` turns into ``spark`` (a ``SparkSession``), which has no ``setConf``, ``getConf`` or
``registerDataFrameAsTable``: left as they were, those calls fail when the job runs. Any other member that is
neither Glue API a rule converts nor a SparkSession member is flagged where it is read
(``unknown_context_member``), never left to fail at run time as ``spark.<member>``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.context import SPARK_CONTEXT_NOTE
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method
from g2l_core.glue_api import CONTEXT_METHODS, NAMESPACES

# pyspark.sql.SparkSession's public members (classic and Connect).
SESSION_MEMBERS = frozenset(
    "active addArtifact addArtifacts addTag builder catalog clearProgressHandlers clearTags client conf "
    "copyFromLocalToFs createDataFrame dataSource getActiveSession getTags interruptAll interruptOperation "
    "interruptTag newSession profile range read readStream registerProgressHandler removeProgressHandler "
    "removeTag sparkContext sql stop streams table tvf udf udtf version".split())
# Members other rules convert: the Glue API, the session attributes, SQLContext's methods and SparkContext.
CONVERTED_ELSEWHERE = CONTEXT_METHODS | NAMESPACES | {"spark_session", "spark_context", "sparkSession", "_jsc", "_sc"}
JVM_INTERNALS = frozenset({"_jvm", "sc", "_ssql_ctx", "_glue_scala_context", "_jsparkSession"})
# SQLContext method -> the session's catalog method of the same meaning
CATALOG_METHODS = {"cacheTable": "cacheTable", "uncacheTable": "uncacheTable", "clearCache": "clearCache",
                   "isCached": "isCached", "dropTempTable": "dropTempView"}
SQL_CONTEXT_METHODS = ("setConf", "getConf", "registerDataFrameAsTable", "tableNames", *CATALOG_METHODS)


def unknown_context_member(attr: str) -> str | None:
    """The review note for ``glueContext.<attr>`` when ``spark.<attr>`` would not exist, else None."""
    if attr in SESSION_MEMBERS or attr in CONVERTED_ELSEWHERE or attr in SQL_CONTEXT_METHODS:
        return None
    if attr in JVM_INTERNALS:
        return (f"GlueContext.{attr} reaches Spark's JVM: Databricks shared and serverless compute (Spark Connect) "
                "have none; rewrite it with the DataFrame API")
    return (f"GlueContext.{attr} is neither Glue API g2l converts nor a SparkSession member: spark.{attr} does not "
            "exist; rewrite it")


class SqlContextMethod(Rule):
    DESCRIPTION = ("`glueContext.setConf(k, v)` -> `spark.conf.set(k, v)`, `getConf` -> `spark.conf.get`, "
                   "`registerDataFrameAsTable(df, name)` -> `df.createOrReplaceTempView(name)`, `cacheTable` and the "
                   "like -> `spark.catalog`, `tableNames()` -> the names of `spark.catalog.listTables()`")
    API = "GlueContext (SQLContext)"
    MATCHER = glue_method(*SQL_CONTEXT_METHODS)

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.GLUE_CONTEXT

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        session = site.receiver()
        args = [a.value for a in site.updated.args]
        api = f"GlueContext.{method}"
        if any(a.star for a in site.updated.args):
            site.flag(self, f"{method} with starred arguments: call the session's equivalent by hand", api)
            return None
        if method in ("setConf", "getConf"):
            site.converted(self, "the session's runtime configuration (SQLContext methods are not on SparkSession)", api)
            return build.method(build.attribute(session, "conf"), "set" if method == "setConf" else "get", *args)
        if method == "registerDataFrameAsTable":
            frame = site.arg(0, "df")
            name = site.arg(1, "tableName")
            if frame is None or name is None:
                site.flag(self, "registerDataFrameAsTable without a frame and a name", api)
                return None
            site.converted(self, "a temporary view of the DataFrame", api)
            return build.method(frame, "createOrReplaceTempView", name)
        if method == "tableNames":
            listed = build.method(build.attribute(session, "catalog"), "listTables", *args)
            site.converted(self, "the names of the catalog's tables", api)
            return cst.ListComp(
                elt=build.attribute(build.name("t"), "name"),
                for_in=cst.CompFor(target=build.name("t"), iter=listed))
        site.converted(self, f"the session catalog's {CATALOG_METHODS[method]}", api)
        return build.method(build.attribute(session, "catalog"), CATALOG_METHODS[method], *args)


class ContextSparkContext(Rule):
    DESCRIPTION = ("`glueContext._jsc` / `glueContext._sc` (the SQLContext's SparkContext) -> "
                   "`spark.sparkContext._jsc` / `spark.sparkContext`, flagged: shared and serverless compute have none")
    API = "GlueContext (SQLContext)"
    NODE = cst.Attribute
    MATCHER = m.Attribute(attr=m.Name("_jsc") | m.Name("_sc"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original.value) is Kind.GLUE_CONTEXT

    def rewrite(self, site: Site) -> Outcome:
        attr = site.original.attr.value
        site.flag(self, SPARK_CONTEXT_NOTE, api=f"GlueContext.{attr}")
        context = build.attribute(site.updated.value, "sparkContext")
        return context if attr == "_sc" else build.attribute(context, "_jsc")


RULES = (SqlContextMethod, ContextSparkContext)
