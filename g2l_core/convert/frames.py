"""``toDF``/``fromDF`` disappear (a converted DynamicFrame already is a DataFrame); the few
DynamicFrame methods whose DataFrame counterpart is spelled differently are renamed."""

from __future__ import annotations

import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method
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


class DynamicFrameMethod(Rule):
    DESCRIPTION = "`dyf.schema()` -> `df.schema`, `dyf.getNumPartitions()` -> `df.rdd.getNumPartitions()`"
    API = "DynamicFrame"
    MATCHER = glue_method("schema", "getNumPartitions")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original_receiver()) is Kind.DYNAMIC_FRAME and not site.original.args

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = f"DynamicFrame.{method}"
        if method == "schema":
            site.converted(self, "DataFrame.schema is a property", api)
            return build.attribute(site.receiver(), "schema")
        site.converted(self, "partition count of the underlying RDD (not on serverless compute)", api)
        return build.method(build.attribute(site.receiver(), "rdd"), "getNumPartitions")


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


RULES = (ToDF, FromDF, DynamicFrameMethod, MergeDynamicFrame, AddIngestionTimeColumns)

