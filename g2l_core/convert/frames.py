"""``toDF``/``fromDF`` disappear (a converted DynamicFrame already is a DataFrame); the few
DynamicFrame methods whose DataFrame counterpart is spelled differently are renamed, and any other method
of a DynamicFrame that no rule converts is flagged where it is called, never left to fail at run time."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import LAST, Outcome, Rule, Site, glue_method
from g2l_core.pytree import dotted_name


class ToDF(Rule):
    DESCRIPTION = ("`dyf.toDF()` -> `dyf`; any zero-argument `x.toDF()` -> `x` (never PySpark's renaming call); "
                   "`df.toDF('a', 'b')` and `rdd.toDF()` are left alone")
    API = "DynamicFrame.toDF"
    MATCHER = glue_method("toDF")

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        kind = site.kind(site.original_receiver())
        if site.original.args:
            return kind is Kind.DYNAMIC_FRAME
        # Zero arguments: DataFrame.toDF() renames nothing (it raises unless the frame has no columns), so the
        # call can only be DynamicFrame.toDF -- e.g. on a frame returned by a helper in another module. The one
        # PySpark call it could be is RDD.toDF(), which builds a DataFrame: those receivers are left alone.
        return kind is not Kind.RDD

    def rewrite(self, site: Site) -> Outcome:
        kind = site.kind(site.original_receiver())
        if site.original.args:
            site.flag(self, "toDF options (ResolveChoice specs) are not carried over")
        elif kind is Kind.DYNAMIC_FRAME:
            site.converted(self, "identity: the frame already is a DataFrame")
        else:
            site.converted(self, "identity: a zero-argument toDF() is DynamicFrame.toDF (receiver defined in "
                                 "another module or at run time; converted frames are DataFrames)")
        return site.receiver()


class FromDF(Rule):
    DESCRIPTION = "`DynamicFrame.fromDF(df, glueContext, name)` -> `df`"
    API = "DynamicFrame.fromDF"
    MATCHER = m.Call(func=m.Attribute(value=m.Name() | m.Attribute(), attr=m.Name("fromDF")))

    def matches(self, site: Site) -> bool:
        """``DynamicFrame.fromDF``, also imported under another name or reached as ``dynamicframe.DynamicFrame``."""
        if not super().matches(site):
            return False
        owner = site.original.func.value  # type: ignore[attr-defined]
        head, _, rest = dotted_name(owner).partition(".")
        qualified = site.glue_import(head) if head else None
        if qualified is None:
            return False
        return f"{qualified}.{rest}".rstrip(".").endswith(".DynamicFrame")

    def rewrite(self, site: Site) -> Outcome:
        frame = site.arg(0, "dataframe")
        if frame is None:
            site.flag(self, "fromDF without a DataFrame")
            return None
        site.converted(self, "identity: DataFrames need no wrapping")
        return frame


GLUE_BOOKKEEPING = frozenset({"transformation_ctx", "info", "stageThreshold", "totalThreshold"})


class DynamicFrameMethod(Rule):
    DESCRIPTION = ("`dyf.schema()` -> `df.schema`, `dyf.getNumPartitions()` -> `df.rdd.getNumPartitions()`, "
                   "`dyf.show(num_rows=n)` -> `df.show(n)`, `dyf.repartition(n, transformation_ctx=...)` / `coalesce` "
                   "-> without Glue's bookkeeping arguments")
    API = "DynamicFrame"
    MATCHER = glue_method("schema", "getNumPartitions", "show", "repartition", "coalesce")

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or site.kind(site.original_receiver()) is not Kind.DYNAMIC_FRAME:
            return False
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        keywords = {a.keyword.value for a in site.original.args if a.keyword is not None}
        if method == "show":
            return "num_rows" in keywords
        if method in ("repartition", "coalesce"):
            return bool(keywords & GLUE_BOOKKEEPING)
        return not site.original.args

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = f"DynamicFrame.{method}"
        if method == "schema":
            site.converted(self, "DataFrame.schema is a property", api)
            return build.attribute(site.receiver(), "schema")
        if method == "show":
            site.converted(self, "DataFrame.show takes the row count as n", api)
            return site.updated.with_changes(args=[
                a.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)
                if a.keyword is not None and a.keyword.value == "num_rows" else a for a in site.updated.args])
        if method in ("repartition", "coalesce"):
            site.converted(self, f"DataFrame.{method}; Glue's transformation_ctx and error thresholds have no "
                                 "meaning there", api)
            return site.updated.with_changes(args=build.kept(
                site.updated.args, lambda a: a.keyword is None or a.keyword.value not in GLUE_BOOKKEEPING))
        site.converted(self, "partition count of the underlying RDD (not on serverless compute)", api)
        return build.method(build.attribute(site.receiver(), "rdd"), "getNumPartitions")


# pyspark.sql.DataFrame's public members (classic and Connect). A call of one of them on a value taken for a
# DynamicFrame runs on the DataFrame: had it been a DynamicFrame on Glue, the call would have failed there.
DATAFRAME_MEMBERS = frozenset(
    "agg alias approxQuantile asTable cache checkpoint coalesce colRegex collect columns corr count cov "
    "createGlobalTempView createOrReplaceGlobalTempView createOrReplaceTempView createTempView crossJoin crosstab "
    "cube describe distinct drop dropDuplicates dropDuplicatesWithinWatermark drop_duplicates dropna dtypes "
    "exceptAll executionInfo exists explain fillna filter first foreach foreachPartition freqItems groupBy groupby "
    "groupingSets head hint inputFiles intersect intersectAll isEmpty isLocal isStreaming is_cached join "
    "lateralJoin limit localCheckpoint mapInArrow mapInPandas melt mergeInto metadataColumn na observe offset "
    "orderBy pandas_api persist plot printSchema randomSplit rdd registerTempTable repartition repartitionById "
    "repartitionByRange replace rollup sameSemantics sample sampleBy scalar schema select selectExpr semanticHash "
    "show sort sortWithinPartitions sparkSession stat storageLevel subtract summary tail take to toArrow toDF "
    "toJSON toLocalIterator toPandas transform transpose union unionAll unionByName unpersist unpivot where "
    "withColumn withColumnRenamed withColumns withColumnsRenamed withMetadata withWatermark write writeStream "
    "writeTo".split())
# DynamicFrame methods a DataFrame has under the same name with another meaning: left to the DataFrame's, the
# call fails or does something else.
SAME_NAME_OTHER_MEANING = {
    "write": "DynamicFrame.write(connection_type, connection_options, format) writes through the GlueContext; on a "
             "DataFrame `write` is the DataFrameWriter: write with df.write.format(...).save(path)",
    "filter": "DynamicFrame.filter takes a function of a record; DataFrame.filter takes a Column condition",
    "join": "DynamicFrame.join(paths1, paths2, frame2) is an equi-join on key paths; DataFrame.join takes the other "
            "frame first",
    "union": "DynamicFrame.union keeps columns by name; DataFrame.union matches them by position (unionByName)",
    "schema": "DynamicFrame.schema() is a method; DataFrame.schema is a property",
    "map": "DynamicFrame.map applies a function to each record; a DataFrame has no map (df.rdd.map, mapInPandas)",
}
OTHER_NOTES = {
    "mapPartitions": "a DataFrame has no mapPartitions: use mapInPandas, or df.rdd.mapPartitions on classic compute",
    "mapPartitionsWithIndex": "a DataFrame has no mapPartitionsWithIndex: use mapInPandas, or the RDD API on classic "
                              "compute",
    "with_frame_schema": "a DataFrame carries its schema: pass the frame on, or cast its columns to that schema",
}


class UnknownFrameMethod(Rule):
    DESCRIPTION = ("Any other method called on a DynamicFrame (now a DataFrame) that the DataFrame does not have, or has "
                   "with another meaning (`dyf.write(...)`, `dyf.mapPartitions(f)`, `dyf.with_frame_schema(s)`), is "
                   "flagged naming the method: left as it was, it fails at run time")
    API = "DynamicFrame"
    ANY_CALL = True  # any method name: what it is called on decides
    RECEIVERS = frozenset({Kind.DYNAMIC_FRAME})
    PRIORITY = LAST

    def matches(self, site: Site) -> bool:
        func = site.original.func
        if not isinstance(func, cst.Attribute):
            return False
        method = func.attr.value
        if method in DATAFRAME_MEMBERS and method not in SAME_NAME_OTHER_MEANING:
            return False
        return site.kind(func.value) is Kind.DYNAMIC_FRAME

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        note = SAME_NAME_OTHER_MEANING.get(method) or OTHER_NOTES.get(method) or (
            f"DynamicFrame.{method}() is not converted by g2l and a DataFrame has no {method}: rewrite it with the "
            "DataFrame API")
        site.flag(self, note, api=f"DynamicFrame.{method}")
        return None


class MergeDynamicFrame(Rule):
    DESCRIPTION = "`dyf.mergeDynamicFrame(stage, keys)` -> helper: stage rows replace rows with the same keys"
    API = "DynamicFrame.mergeDynamicFrame"
    MATCHER = glue_method("mergeDynamicFrame")

    def rewrite(self, site: Site) -> Outcome:
        stage, keys = site.arg(0, "stage_dynamic_frame"), site.arg(1, "primary_keys")
        if stage is None or keys is None:
            site.flag(self, "mergeDynamicFrame without stage/primary_keys")
            return None
        site.with_helper(self, "anti-join on the keys plus the staged rows (use MERGE INTO for a Delta target)")
        return build.call(site.helper("merge_frames"), site.receiver(), stage, keys)


class AddIngestionTimeColumns(Rule):
    DESCRIPTION = "`glueContext.add_ingestion_time_columns(df, granularity)` -> helper adding ingest_year/month/..."
    API = "GlueContext.add_ingestion_time_columns"
    MATCHER = glue_method("add_ingestion_time_columns")

    def rewrite(self, site: Site) -> Outcome:
        frame, granularity = site.arg(0, "dataFrame"), site.arg(1, "timeGranularity")
        if frame is None:
            site.flag(self, "add_ingestion_time_columns without a frame")
            return None
        site.with_helper(self, "ingest_year/month/day/hour columns from current_timestamp()")
        args = [frame] + ([granularity] if granularity is not None else [])
        return build.call(site.helper("with_ingestion_time"), *args)


RULES = (ToDF, FromDF, DynamicFrameMethod, MergeDynamicFrame, AddIngestionTimeColumns, UnknownFrameMethod)

