"""Members of a GlueContext that the SparkSession replacing it does not have.

The GlueContext variable becomes ``spark``, so every member read on it must exist on a SparkSession. The
GlueContext is a SQLContext: its SQLContext methods become their SparkSession spellings
(``SqlContextMethod``); its JVM internals (``_jvm``, ``_jsc``, ``_sc``) and any other member that is neither
Glue API a rule converts nor a SparkSession member are flagged (``unknown_context_member``), never left to
fail at run time as ``spark.<member>``.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method
from g2l_core.glue_api import CONTEXT_METHODS, NAMESPACES

# pyspark.sql.SparkSession's public members (classic and Connect).
SESSION_MEMBERS = frozenset(
    "active addArtifact addArtifacts addTag builder catalog clearProgressHandlers clearTags client conf "
    "copyFromLocalToFs createDataFrame dataSource getActiveSession getTags interruptAll interruptOperation "
    "interruptTag newSession profile range read readStream registerProgressHandler removeProgressHandler "
    "removeTag sparkContext sql stop streams table tvf udf udtf version".split())
# Members other rules convert (the Glue API, the session attributes).
CONVERTED_ELSEWHERE = CONTEXT_METHODS | NAMESPACES | {"spark_session", "spark_context"}
JVM_INTERNALS = frozenset({"_jvm", "_jsc", "_sc", "sc", "_ssql_ctx", "_glue_scala_context", "_jsparkSession"})

# SQLContext method -> (catalog method, or None for the ones spelled out in SqlContextMethod.rewrite)
_CATALOG = {"cacheTable": "cacheTable", "uncacheTable": "uncacheTable", "clearCache": "clearCache",
            "dropTempTable": "dropTempView", "isCached": "isCached"}
SQL_CONTEXT = frozenset({*_CATALOG, "setConf", "getConf", "registerDataFrameAsTable", "tableNames"})


def unknown_context_member(attr: str) -> str | None:
    """The review note for ``glueContext.<attr>`` when ``spark.<attr>`` would not exist, else None."""
    if attr in SESSION_MEMBERS or attr in CONVERTED_ELSEWHERE or attr in SQL_CONTEXT or attr == "sparkSession":
        return None
    if attr in JVM_INTERNALS:
        return (f"GlueContext.{attr} reaches Spark's JVM: Databricks shared and serverless compute (Spark Connect) "
                "have none; rewrite it with the DataFrame API")
    return (f"GlueContext.{attr} is neither Glue API g2l converts nor a SparkSession member: spark.{attr} does not "
            "exist; rewrite it")


class SqlContextMethod(Rule):
    DESCRIPTION = ("The GlueContext's SQLContext methods: `glueContext.setConf(k, v)` -> `spark.conf.set(k, v)`, "
                   "`getConf` -> `spark.conf.get`, `registerDataFrameAsTable(df, n)` -> `df.createOrReplaceTempView(n)`, "
                   "`cacheTable`/`uncacheTable`/`clearCache`/`isCached`/`dropTempTable` -> `spark.catalog.*`, "
                   "`tableNames(db)` -> `[t.name for t in spark.catalog.listTables(db)]`")
    API = "GlueContext"
    MATCHER = glue_method(*SQL_CONTEXT)

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.GLUE_CONTEXT

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        session, call = site.receiver(), site.updated
        if method in ("setConf", "getConf"):
            args = [a.with_changes(keyword=cst.Name("default")) if a.keyword and a.keyword.value == "defaultValue"
                    else a for a in call.args]
            out = call.with_changes(func=build.attribute(build.attribute(session, "conf"), method[:3]), args=args)
        elif method in _CATALOG:
            out = call.with_changes(func=build.attribute(build.attribute(session, "catalog"), _CATALOG[method]))
        elif method == "registerDataFrameAsTable":
            frame, name = site.arg(0, "df"), site.arg(1, "tableName")
            if frame is None or name is None:
                return None
            out = build.method(frame, "createOrReplaceTempView", name)
        else:  # tableNames
            listing = call.with_changes(func=build.attribute(build.attribute(session, "catalog"), "listTables"))
            out = cst.ListComp(elt=build.attribute(cst.Name("t"), "name"),
                               for_in=cst.CompFor(target=cst.Name("t"), iter=listing))
        site.converted(self, f"SQLContext.{method}: the SparkSession's spelling", api=f"GlueContext.{method}")
        return out


RULES = (SqlContextMethod,)
